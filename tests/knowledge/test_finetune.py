"""The glossary fine-tune of the real MiniLM: pairs come from the glossary only."""

import json
from pathlib import Path

import numpy as np

from knowledge.documents import KnowledgeDocument
from knowledge.embeddings import Embedder, packaged_embedding_path
from knowledge.evaluation import DEV_QUESTIONS, QUESTIONS
from knowledge.finetune import finetune_embedder, training_pairs

DOCS = [
    KnowledgeDocument(f"glossary:t{i}", f"Term {i}", "glossary",
                      f"Term {i} (T{i}): Definition sentence one of {i}. Sentence two of {i}.",
                      "g", metadata={"aliases": [f"T{i}"]})
    for i in range(8)
]


def _questions(path: Path) -> set[str]:
    return {json.loads(line)["question"] for line in path.read_text().splitlines()
            if line.strip()}


def test_pairs_cover_every_entry_and_no_question_from_any_set() -> None:
    pairs = training_pairs(DOCS)
    assert {index for _, index in pairs} == set(range(8))
    texts = {text for text, _ in pairs}
    assert not texts & _questions(QUESTIONS)
    assert not texts & _questions(DEV_QUESTIONS)  # the development set is never trained on


def test_finetune_saves_a_loadable_changed_model(tmp_path: Path) -> None:
    target = tmp_path / "tuned"
    report = finetune_embedder(packaged_embedding_path(), DOCS, target, batch_size=8,
                               max_steps=2, learning_rate=1e-3)
    assert report["steps"] == 2
    assert (target / "advisor-finetune.json").exists()
    before = Embedder().embed(["what is term 3"])
    after = Embedder(target).embed(["what is term 3"])
    assert after.shape == before.shape
    assert not np.allclose(before, after, atol=1e-4)
