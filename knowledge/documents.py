"""The unit of retrieval: a passage with the metadata a citation needs."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass(frozen=True)
class KnowledgeDocument:
    id: str
    title: str
    kind: str  # glossary | product | rate_sheet | market
    text: str
    source: str
    as_of: str | None = None
    metadata: dict[str, Any] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> KnowledgeDocument:
        return cls(**data)


def content_hash(documents: Iterable[KnowledgeDocument]) -> str:
    """Fingerprint of a collection; an index is rebuilt when it changes."""
    digest = hashlib.sha256()
    for document in documents:
        digest.update(json.dumps(document.as_dict(), sort_keys=True).encode())
    return digest.hexdigest()[:16]
