"""Build the model's messages: policy-bearing system prompt, numbered sources, question.

Serving and training share this function, so an adapter is trained on
exactly the prompt layout it will read in production.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

Message = dict[str, str]


class Passage(Protocol):
    @property
    def title(self) -> str: ...
    @property
    def text(self) -> str: ...
    @property
    def source(self) -> str: ...
    @property
    def as_of(self) -> str | None: ...


def format_passage(number: int, passage: Passage, budget: int) -> str:
    as_of = f"; as of {passage.as_of}" if passage.as_of else ""
    text = passage.text
    if len(text) > budget:
        text = text[: budget - 1].rsplit(" ", 1)[0] + "…"
    return f"[{number}] {passage.title} (source: {passage.source}{as_of}): {text}"


def build_messages(system_prompt: str, question: str, passages: Sequence[Passage],
                   max_context_chars: int) -> list[Message]:
    """The question is already redacted; passages are the firm's own content."""
    if passages:
        per_passage = max(200, max_context_chars // len(passages))
        context = "\n".join(format_passage(i + 1, passage, per_passage)
                            for i, passage in enumerate(passages))
    else:
        context = "(no relevant passage found)"
    user = f"Context:\n{context}\n\nCustomer question: {question}"
    return [{"role": "system", "content": system_prompt}, {"role": "user", "content": user}]
