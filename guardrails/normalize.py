"""Text normalisation that defeats cheap obfuscation before rules look at text.

Adversarial messages hide trigger words behind look-alike letters, zero-width
characters, leetspeak or s p a c i n g. Rules match on the normalised form,
and the offset map lets evidence point back at the original characters.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

ZERO_WIDTH = dict.fromkeys(
    map(ord, "\u200b\u200c\u200d\u200e\u200f\u2060\u2061\u2062\u2063\u2064\ufeff\u00ad\u180e"),
    None,
)

# Latin look-alikes from Cyrillic and Greek that NFKC leaves untouched.
CONFUSABLES = str.maketrans(
    {
        "а": "a", "е": "e", "о": "o", "р": "p", "с": "c", "у": "y", "х": "x",
        "і": "i", "ј": "j", "ѕ": "s", "ԁ": "d", "ɡ": "g", "һ": "h", "ӏ": "l",
        "А": "A", "В": "B", "Е": "E", "К": "K", "М": "M", "Н": "H", "О": "O",
        "Р": "P", "С": "C", "Т": "T", "Х": "X", "І": "I", "Ј": "J", "Ѕ": "S",
        "α": "a", "ο": "o", "ν": "v", "ρ": "p", "τ": "t", "ι": "i", "κ": "k",
        "Α": "A", "Β": "B", "Ε": "E", "Ζ": "Z", "Η": "H", "Ι": "I", "Κ": "K",
        "Μ": "M", "Ν": "N", "Ο": "O", "Ρ": "P", "Τ": "T", "Υ": "Y", "Χ": "X",
        "‘": "'", "’": "'", "‛": "'", "“": '"', "”": '"', "‐": "-", "‑": "-",
        "‒": "-", "–": "-", "—": "-", "−": "-",
    }
)

LEET = str.maketrans({"0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t", "@": "a",
                      "$": "s", "!": "i", "|": "l"})

# Runs of single letters separated by single spaces or dots: "i g n o r e".
SPACED_LETTERS = re.compile(r"\b(?:[A-Za-z][ .\-_*]){3,}[A-Za-z]\b")


@dataclass(frozen=True)
class NormalizedText:
    text: str
    offsets: tuple[int, ...]  # offsets[i] = index in the original of normalised char i

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        if not self.offsets:
            return (0, 0)
        start = min(max(start, 0), len(self.offsets) - 1)
        last = min(max(end - 1, start), len(self.offsets) - 1)
        return self.offsets[start], self.offsets[last] + 1


@lru_cache(maxsize=8192)
def normalize(text: str, *, leet: bool = False, lower: bool = True) -> NormalizedText:
    """NFKC, confusables, zero-width removal, optional leetspeak, collapsed spacing.

    Cached: every rule of a rail normalises the same sentences.
    """
    chars: list[str] = []
    offsets: list[int] = []
    for index, char in enumerate(text):
        if ord(char) in ZERO_WIDTH:
            continue
        folded = unicodedata.normalize("NFKC", char).translate(CONFUSABLES)
        for piece in folded:
            if unicodedata.category(piece) == "Mn":  # drop combining accents
                continue
            if piece.isspace():
                piece = " "
            chars.append(piece)
            offsets.append(index)
    result = "".join(chars)
    if leet:
        result = result.translate(LEET)
    if lower:
        result = result.lower()
    # Collapse spaced-out words, then runs of whitespace, keeping the offset map.
    keep = [True] * len(result)
    for match in SPACED_LETTERS.finditer(result):
        for position in range(match.start(), match.end()):
            if not result[position].isalpha():
                keep[position] = False
    for position in range(1, len(result)):
        if result[position] == " " and result[position - 1] == " ":
            keep[position] = False
    text_out = "".join(char for char, kept in zip(result, keep, strict=True) if kept)
    offsets_out = tuple(off for off, kept in zip(offsets, keep, strict=True) if kept)
    return NormalizedText(text=text_out, offsets=offsets_out)


NEGATION_CUES = re.compile(
    r"\b(?:not|no|never|none|nothing|cannot|can't|cant|won't|isn't|aren't|doesn't|don't|"
    r"didn't|wasn't|weren't|without|neither|nor|nobody|impossible)\b"
)


def negated_before(text: str, start: int, window_words: int = 5) -> bool:
    """True when a negation cue sits within a few words before ``start`` in the same clause."""
    prefix = text[:start]
    # A comma before a new subject starts a new clause: in "since you don't like swings, it's
    # right for you" the negation belongs to the first clause only.
    clause = re.split(r"[.;:!?\n]|,\s*(?:but|however|although|(?:it|it's|this|that|that's|they|"
                      r"they're|so)\b)", prefix)[-1]
    words = clause.split()[-window_words:]
    return bool(NEGATION_CUES.search(" ".join(words)))
