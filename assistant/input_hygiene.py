"""Make any customer input safe to process: empty, huge, binary or odd Unicode."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

ALLOWED_CONTROLS = {"\n", "\t"}


@dataclass(frozen=True)
class CleanInput:
    text: str
    problem: str | None  # None, "empty", "too_long"
    original_length: int


def clean_input(raw: object, max_chars: int) -> CleanInput:
    """Decode, normalise and bound the input; never raises."""
    if isinstance(raw, bytes | bytearray):
        text = bytes(raw).decode("utf-8", errors="replace")
    elif raw is None:
        text = ""
    else:
        text = str(raw)
    original_length = len(text)
    text = unicodedata.normalize("NFC", text)
    text = "".join(
        char for char in text
        if char in ALLOWED_CONTROLS or unicodedata.category(char) not in ("Cc", "Cs", "Co", "Cn")
    )
    text = text.strip()
    if not text:
        return CleanInput("", "empty", original_length)
    if len(text) > max_chars:
        return CleanInput(text[:max_chars], "too_long", original_length)
    return CleanInput(text, None, original_length)


INPUT_PROBLEM_REPLIES = {
    "empty": "I didn't receive a question. Please type what you would like to know about "
             "accounts, products, markets or financial terms.",
    "too_long": "Your message is too long for me to process ({length} characters; the limit is "
                "{limit}). Please shorten it or split it into separate questions.",
}
