"""Sentences and figures with offsets: the units that reply rules judge and repair."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise

# Abbreviations whose dot does not end a sentence.
ABBREVIATIONS = re.compile(r"\b(?:e\.g|i\.e|etc|vs|inc|corp|co|ltd|u\.s|mr|mrs|ms|dr|no|approx|"
                           r"jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec|st)\.$",
                           re.IGNORECASE)


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    text: str


def split_sentences(text: str) -> list[Sentence]:
    """Split on ., ! and ? followed by space (not inside numbers or common abbreviations)."""
    return list(_split_sentences(text))


@lru_cache(maxsize=4096)
def _split_sentences(text: str) -> tuple[Sentence, ...]:
    """Cached: every rule of a rail splits the same reply."""
    sentences: list[Sentence] = []
    start = 0
    for match in re.finditer(r"[.!?]+(?=\s+|$)|\n+", text):
        end = match.end()
        candidate = text[start:end]
        if match.group(0).startswith(".") and ABBREVIATIONS.search(candidate.strip()):
            continue
        if candidate.strip():
            offset = start + (len(candidate) - len(candidate.lstrip()))
            sentences.append(Sentence(offset, end, text[offset:end].strip()))
        start = end
    tail = text[start:]
    if tail.strip():
        offset = start + (len(tail) - len(tail.lstrip()))
        sentences.append(Sentence(offset, len(text), tail.strip()))
    return tuple(sentences)


def remove_spans(text: str, spans: list[tuple[int, int]]) -> str:
    """Remove sentences by offsets and tidy the whitespace left behind."""
    kept = text
    for start, end in sorted(spans, reverse=True):
        kept = kept[:start] + kept[end:]
    return re.sub(r"[ \t]{2,}", " ", re.sub(r"\n{3,}", "\n\n", kept)).strip()


@dataclass(frozen=True)
class Figure:
    """A number in text: its value, how it is expressed, and where."""

    value: float
    kind: str  # percent | money | number
    start: int
    end: int
    text: str


FIGURE = re.compile(
    r"(?:(?P<cur>[$€£¥])\s?)?(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
    r"(?P<suffix>\s?(?:%|percent\b|per\s?cent\b|percentage\s+points?\b|bps\b|basis\s+points?\b|"
    r"k\b|m\b|bn\b|"
    r"million\b|billion\b|trillion\b))?",
    re.IGNORECASE,
)
# The figure on either side of a range's hyphen: a percent, an amount or a decimal.
_RANGE_LEFT = re.compile(r"(?:\d%|\d\s?percent|[$€£¥]\s?[\d,]*\d(?:\.\d+)?|\d\.\d+)$",
                         re.IGNORECASE)
_RANGE_RIGHT = re.compile(r"[-–](?:[$€£¥]\s?\d|\d+\.\d+|\d+(?:\.\d+)?\s?%)")
SCALE = {"k": 1e3, "m": 1e6, "million": 1e6, "bn": 1e9, "billion": 1e9, "trillion": 1e12}


def find_figures(text: str) -> list[Figure]:
    figures = []
    for match in FIGURE.finditer(text):
        raw = match.group("num")
        # Skip parts of identifiers, dates, times and version strings.
        # A range ("5.25%-5.50%", "$10-$20", "3.5-4.0%") holds two figures; a hyphen between
        # whole numbers ("2026-11-01", "6-month") joins parts of one identifier.
        before = text[max(0, match.start() - 1):match.start()]
        after = text[match.end():match.end() + 1]
        if before in ("-", "–") and _RANGE_LEFT.search(text, 0, match.start() - 1) \
                and ("." in raw or match.group("suffix") or match.group("cur")):
            before = " "
        if before in ("-", "/", ":", "#") or (before.isalpha() and not match.group("cur")):
            continue
        next_two = text[match.end():match.end() + 2]
        if after in ("-", "–") and _RANGE_RIGHT.match(text, match.end()) \
                and ("." in raw or match.group("suffix") or match.group("cur")):
            after = " "
        if after in ("/", ":") or (after == "-" and next_two[-1:].isdigit()):
            continue
        value = float(raw.replace(",", ""))
        suffix = (match.group("suffix") or "").strip().lower()
        if suffix in ("%", "percent", "per cent") or suffix.startswith("per"):
            kind = "percent"
        elif suffix in ("bps", "basis points", "basis point"):
            kind, value = "percent", value / 100
        elif match.group("cur"):
            kind = "money"
            value *= SCALE.get(suffix, 1.0)
        else:
            kind = "number"
            value *= SCALE.get(suffix, 1.0)
        figures.append(Figure(value, kind, match.start(), match.end(), match.group(0).strip()))
    # The low end of a range takes the unit written once at its high end ("5.25-5.50%").
    for index, (low, high) in enumerate(pairwise(figures)):
        if low.kind == "number" and high.kind == "percent" \
                and text[low.end:high.start].strip() in ("-", "–", "to"):
            figures[index] = Figure(low.value, "percent", low.start, low.end, low.text)
    return figures


def is_calendar_number(figure: Figure, text: str) -> bool:
    """Years, days of month and small counts are not market or firm figures."""
    if figure.kind != "number":
        return False
    if 1900 <= figure.value <= 2100 and figure.value.is_integer():
        return True
    return figure.value.is_integer() and figure.value <= 31 and "." not in figure.text


def is_basis_points(figure: Figure) -> bool:
    """A figure written in basis points ("25 bps"): its value is held in percent."""
    return bool(re.search(r"(?:bps|basis\s+points?)$", figure.text, re.IGNORECASE))
