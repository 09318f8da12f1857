"""The lexical half of hybrid retrieval: exact names, abbreviations and tickers.

Dense embeddings blur exact identifiers ("APR" vs "APY", "SPX", "HELOC").
When a question literally contains a passage's name (a multi-word term, an
abbreviation, a ticker), that passage gets a boost fused with its dense
score. Single common words ("bond", "check") are not names here: they would
boost a passage for every question that mentions them.
"""

from __future__ import annotations

import re
from collections import defaultdict

from knowledge.documents import KnowledgeDocument

WORDS = re.compile(r"[a-z0-9&]+(?:'[a-z]+)?")


def _tokens(text: str) -> tuple[str, ...]:
    return tuple(WORDS.findall(text.lower()))


def _is_identifier(name: str) -> bool:
    """Abbreviations and tickers: mostly capitals or digits, like APR, HELOC, 401(k), SPX."""
    letters = [c for c in name if c.isalpha()]
    return bool(letters) and (sum(c.isupper() for c in letters) >= max(2, len(letters) - 1)
                              or any(c.isdigit() for c in name))


def names_of(document: KnowledgeDocument) -> list[str]:
    names = [document.title.split(":")[0].replace("(sample)", "").strip(),
             *document.metadata.get("aliases", [])]
    symbol = document.metadata.get("symbol")
    if symbol:
        names.append(str(symbol))
    return [name for name in names if name]


class NameMatcher:
    MAX_WORDS = 6

    def __init__(self, documents: list[KnowledgeDocument]) -> None:
        self.lookup: dict[tuple[str, ...], set[int]] = defaultdict(set)
        for index, document in enumerate(documents):
            if document.kind not in ("glossary", "market"):
                continue  # a product's name is shared by all its sections: it names no passage
            for name in names_of(document):
                tokens = _tokens(name)
                if not tokens or len(tokens) > self.MAX_WORDS:
                    continue
                if len(tokens) == 1 and not _is_identifier(name):
                    continue
                self.lookup[tokens].add(index)

    def matches(self, query: str) -> dict[int, float]:
        """Passage index -> strength (longer names are more specific)."""
        tokens = _tokens(query)
        found: dict[int, float] = {}
        for size in range(1, self.MAX_WORDS + 1):
            for start in range(len(tokens) - size + 1):
                for index in self.lookup.get(tokens[start:start + size], ()):
                    found[index] = max(found.get(index, 0.0), min(1.0, 0.5 + 0.25 * size))
        return found
