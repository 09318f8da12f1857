"""Turn chat records into token ids with the loss on the assistant's words only.

The prompt is rendered with the tokenizer's own chat template and, for task
records, with the serving pipeline's prompt builder, so that training and
inference read byte-identical prompts.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import torch

from assistant.prompting import build_messages
from assistant.training.records import ChatRecord

IGNORE_INDEX = -100


def render_messages(record: ChatRecord, system_prompt: str, max_context_chars: int
                    ) -> list[dict[str, str]]:
    """The prompt messages (without the answer) the model reads for this record."""
    if record.metadata.layer == "task":
        return build_messages(system_prompt, record.question, record.context, max_context_chars)
    return [{"role": m.role, "content": m.content} for m in record.messages
            if m.role != "assistant"]


@dataclass
class TokenizedExample:
    input_ids: list[int]
    labels: list[int]


def tokenize_record(record: ChatRecord, tokenizer: Any, system_prompt: str,
                    max_context_chars: int) -> TokenizedExample:
    prompt = tokenizer.apply_chat_template(
        render_messages(record, system_prompt, max_context_chars), tokenize=False,
        add_generation_prompt=True)
    end = tokenizer.eos_token or ""
    prompt_ids = tokenizer(prompt, add_special_tokens=False)["input_ids"]
    answer_ids = tokenizer(record.answer + end, add_special_tokens=False)["input_ids"]
    return TokenizedExample(list(prompt_ids) + list(answer_ids),
                            [IGNORE_INDEX] * len(prompt_ids) + list(answer_ids))


class ChatDataset(torch.utils.data.Dataset[dict[str, list[int]]]):
    """Examples longer than ``max_seq_len`` are dropped (and counted), never cut mid-answer."""

    def __init__(self, records: Sequence[ChatRecord], tokenizer: Any, system_prompt: str,
                 max_context_chars: int, max_seq_len: int) -> None:
        self.examples: list[TokenizedExample] = []
        self.dropped = 0
        for record in records:
            example = tokenize_record(record, tokenizer, system_prompt, max_context_chars)
            if len(example.input_ids) > max_seq_len:
                self.dropped += 1
                continue
            self.examples.append(example)

    def __len__(self) -> int:
        return len(self.examples)

    def __getitem__(self, index: int) -> dict[str, list[int]]:
        example = self.examples[index]
        return {"input_ids": example.input_ids, "labels": example.labels,
                "attention_mask": [1] * len(example.input_ids)}

    def lengths(self) -> list[int]:
        return [len(e.input_ids) for e in self.examples]
