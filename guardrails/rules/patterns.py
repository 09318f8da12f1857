"""Shared matching helpers for pattern-based rules."""

from __future__ import annotations

import re
from collections.abc import Iterable

from guardrails.normalize import NormalizedText
from guardrails.verdict import Evidence


def find_all(patterns: Iterable[re.Pattern[str]], normalized: NormalizedText,
             original: str) -> list[tuple[re.Match[str], Evidence]]:
    """Every match of every pattern, with evidence pointing at the original text."""
    hits: list[tuple[re.Match[str], Evidence]] = []
    for pattern in patterns:
        for match in pattern.finditer(normalized.text):
            start, end = normalized.original_span(match.start(), match.end())
            hits.append((match, Evidence(start, end, original[start:end], pattern.pattern[:40])))
    return hits


def compile_all(expressions: Iterable[str]) -> tuple[re.Pattern[str], ...]:
    return tuple(re.compile(expression, re.IGNORECASE) for expression in expressions)
