"""The chat-format training record: what one JSONL line of a dataset holds.

One record is one exchange the model should learn. Retrieved context is kept
apart from the messages so that the trainer renders it with the very prompt
builder the serving pipeline uses; a record therefore trains the format the
model will actually see in production.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class ChatMessage(_Strict):
    role: Literal["system", "user", "assistant"]
    content: str = Field(min_length=1)


class ContextPassage(_Strict):
    id: str
    title: str
    text: str
    source: str
    as_of: str | None = None


class RecordMetadata(_Strict):
    source: str = Field(description="where the example came from (lineage), e.g. glossary:apr")
    created_at: str
    split: Literal["train", "eval"]
    layer: Literal["domain", "task"]
    tags: list[str] = []
    rule: str | None = Field(default=None, description="policy rule the example teaches")
    expect: Literal["answer", "refuse", "handoff"] = "answer"
    key_facts: list[str] = Field(default=[], description="phrases a good answer contains")


class ChatRecord(_Strict):
    id: str
    messages: list[ChatMessage] = Field(min_length=2)
    context: list[ContextPassage] = []
    metadata: RecordMetadata

    @property
    def question(self) -> str:
        return next(m.content for m in self.messages if m.role == "user")

    @property
    def answer(self) -> str:
        return next(m.content for m in reversed(self.messages) if m.role == "assistant")


def write_records(path: Path, records: Iterable[ChatRecord]) -> int:
    path.parent.mkdir(parents=True, exist_ok=True)
    count = 0
    with path.open("w", encoding="utf-8") as handle:
        for record in records:
            handle.write(record.model_dump_json(exclude_defaults=False) + "\n")
            count += 1
    return count


def read_records(path: Path) -> Iterator[ChatRecord]:
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, 1):
            if line.strip():
                try:
                    yield ChatRecord.model_validate_json(line)
                except ValueError as exc:
                    raise ValueError(f"{path}:{number}: not a valid chat record: {exc}") from exc


def records_hash(records: Iterable[ChatRecord]) -> str:
    """Content fingerprint; build time is excluded so a rebuild of the same data matches."""
    digest = hashlib.sha256()
    for record in records:
        data = record.model_dump()
        data["metadata"].pop("created_at", None)
        digest.update(json.dumps(data, sort_keys=True).encode())
    return digest.hexdigest()[:16]
