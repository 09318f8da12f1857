"""Build the model's messages: policy-bearing system prompt, numbered sources, question."""

from __future__ import annotations

from collections.abc import Sequence

from knowledge.index import SearchHit

Message = dict[str, str]


def format_passage(number: int, hit: SearchHit, budget: int) -> str:
    doc = hit.document
    as_of = f"; as of {doc.as_of}" if doc.as_of else ""
    text = doc.text if len(doc.text) <= budget else doc.text[: budget - 1].rsplit(" ", 1)[0] + "…"
    return f"[{number}] {doc.title} (source: {doc.source}{as_of}): {text}"


def build_messages(system_prompt: str, question: str, hits: Sequence[SearchHit],
                   max_context_chars: int) -> list[Message]:
    """The question is already redacted; passages are the firm's own content."""
    if hits:
        per_passage = max(200, max_context_chars // len(hits))
        context = "\n".join(format_passage(i + 1, hit, per_passage) for i, hit in enumerate(hits))
    else:
        context = "(no relevant passage found)"
    user = f"Context:\n{context}\n\nCustomer question: {question}"
    return [{"role": "system", "content": system_prompt}, {"role": "user", "content": user}]
