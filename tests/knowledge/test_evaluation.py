"""`advisor retrieve --batch` format and `advisor eval retrieval` metrics."""

import json
from pathlib import Path

import pytest

from assistant.cli import main
from knowledge.evaluation import (
    DEV_QUESTIONS,
    QUESTIONS,
    QUESTIONS_ENV,
    evaluate_retrieval,
    format_metrics,
    questions_path,
)
from knowledge.knowledge_base import KnowledgeBase


def test_retrieve_batch_format(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    batch = tmp_path / "in.jsonl"
    batch.write_text('{"id": "a", "question": "what is an APR"}\nnot json\n')
    assert main(["retrieve", "--batch", str(batch), "--k", "3"]) == 1
    first, second = (json.loads(line) for line in capsys.readouterr().out.splitlines())
    assert first["id"] == "a" and len(first["results"]) == 3
    assert set(first["results"][0]) == {"id", "title", "kind", "text", "source", "as_of",
                                        "score"}
    assert first["results"][0]["title"] == "Annual Percentage Rate"
    assert "error" in second


@pytest.mark.parametrize("path", [QUESTIONS, DEV_QUESTIONS,
                                  DEV_QUESTIONS.with_name("questions_b.jsonl")],
                         ids=["team", "dev", "dev-b"])
def test_question_set_labels_existing_documents(knowledge: KnowledgeBase, path: Path) -> None:
    known = {d.id for d in knowledge.ensure_index().documents}
    rows = [json.loads(line) for line in path.read_text().splitlines() if line.strip()]
    assert len(rows) >= 200
    assert len({row["id"] for row in rows}) == len(rows)
    for row in rows:
        assert row["relevant"] and set(row["relevant"]) <= known, row["id"]


def test_question_file_can_be_chosen(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv(QUESTIONS_ENV, raising=False)
    assert questions_path() == QUESTIONS
    monkeypatch.setenv(QUESTIONS_ENV, str(tmp_path / "mine.jsonl"))
    assert questions_path() == tmp_path / "mine.jsonl"
    assert questions_path(DEV_QUESTIONS) == DEV_QUESTIONS


def test_metrics_are_consistent(knowledge: KnowledgeBase, tmp_path: Path) -> None:
    subset = tmp_path / "q.jsonl"
    subset.write_text("\n".join(DEV_QUESTIONS.read_text().splitlines()[:20]))
    report = evaluate_retrieval(knowledge, subset)
    overall = report["metrics"]["all"]
    assert overall["n"] == 20
    assert report["metrics"]["tag:paraphrase"]["n"] <= 20
    assert "recall@5" in format_metrics(report)
    assert 0 <= overall["recall@1"] <= overall["mrr"] <= overall["recall@5"] <= 1
    assert overall["recall@5"] >= 0.5


def test_dev_questions_never_repeat_a_held_out_question() -> None:
    """Tuning happens on the dev set; a shared question would leak the held-out set."""
    import json

    from assistant.config import PROJECT_ROOT

    def questions(path: str) -> set[str]:
        lines = (PROJECT_ROOT / path).read_text(encoding="utf-8").splitlines()
        return {json.loads(line)["question"].strip().lower() for line in lines if line.strip()}

    shared = questions("knowledge/dev_data/questions.jsonl") & questions(
        "knowledge/eval_data/questions.jsonl")
    assert not shared, f"{len(shared)} dev questions repeat held-out ones"
