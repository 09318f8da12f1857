"""The chat-record spec: strict fields, round trip, a hash that ignores build time."""

from pathlib import Path

import pytest
from pydantic import ValidationError

from assistant.training.records import ChatRecord, read_records, records_hash, write_records


def _record(created_at: str = "2026-11-23T00:00:00+00:00",
            answer: str = "An answer.") -> ChatRecord:
    return ChatRecord.model_validate({
        "id": "r1",
        "messages": [{"role": "user", "content": "What is APR?"},
                     {"role": "assistant", "content": answer}],
        "context": [{"id": "glossary:apr", "title": "APR", "text": "APR is ...",
                     "source": "glossary", "as_of": None}],
        "metadata": {"source": "glossary:apr", "created_at": created_at, "split": "train",
                     "layer": "task", "tags": ["grounded"]},
    })


def test_round_trip(tmp_path: Path) -> None:
    path = tmp_path / "d.jsonl"
    assert write_records(path, [_record()]) == 1
    (back,) = read_records(path)
    assert back == _record() and back.question == "What is APR?"


def test_hash_ignores_creation_time_but_not_content() -> None:
    assert records_hash([_record("2026-01-01")]) == records_hash([_record("2026-11-23")])
    assert records_hash([_record()]) != records_hash([_record(answer="Another answer.")])


@pytest.mark.parametrize("change", [
    {"messages": [{"role": "user", "content": "only a question"}]},
    {"messages": [{"role": "robot", "content": "x"}, {"role": "user", "content": "y"}]},
    {"surprise": 1},
])
def test_invalid_records_are_rejected(change: dict[str, object]) -> None:
    data = _record().model_dump() | change
    with pytest.raises(ValidationError):
        ChatRecord.model_validate(data)


def test_reader_names_the_bad_line(tmp_path: Path) -> None:
    path = tmp_path / "d.jsonl"
    path.write_text(_record().model_dump_json() + "\n{not json}\n")
    with pytest.raises(ValueError, match=r"d.jsonl:2"):
        list(read_records(path))
