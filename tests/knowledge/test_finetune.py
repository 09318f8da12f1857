"""The glossary fine-tune of the real MiniLM: pairs come from the glossary only."""

import json
from pathlib import Path

import numpy as np

from knowledge.documents import KnowledgeDocument
from knowledge.embeddings import Embedder, packaged_embedding_path
from knowledge.evaluation import DEV_QUESTIONS, QUESTIONS
from knowledge.finetune import (
    finetune_embedder,
    glossary_fingerprint,
    related_batches,
    training_pairs,
    tuned_embedder_dir,
    unnamed,
)
from knowledge.knowledge_base import embedder_vocabulary

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
    assert not texts & _questions(DEV_QUESTIONS)  # the development sets are never trained on
    assert not texts & _questions(DEV_QUESTIONS.with_name("questions_b.jsonl"))


def test_definition_pairs_describe_the_entry_without_naming_it() -> None:
    stock = KnowledgeDocument("glossary:stock", "Stock", "glossary",
                              "Stock (share): A stock is a unit of ownership in a company. "
                              "Stocks and shares can fall.", "g",
                              metadata={"aliases": ["share"]})
    texts = [text for text, _ in training_pairs([stock])]
    assert "A this is a unit of ownership in a company" in texts
    assert "this and this can fall." in texts
    assert "what is Stock" in texts and "share" in texts  # the names themselves stay pairs
    assert unnamed("Shareholders own a share", ["share"]) == "Shareholders own a this"


def test_batches_keep_related_entries_together_once_each() -> None:
    docs = [KnowledgeDocument(f"glossary:t{i}", f"Term {i}", "glossary", f"Term {i}: x.", "g",
                              metadata={"aliases": [], "related": [f"Term {(i + 4) % 8}"]})
            for i in range(8)]
    pairs = [(f"q{i}-{n}", i) for n in range(3) for i in range(8)]
    batches = list(related_batches(pairs, docs, batch_size=4))
    assert sorted(p for batch in batches for p in batch) == sorted(pairs)  # each pair once
    for batch in batches:
        entries = [entry for _, entry in batch]
        assert len(entries) == len(set(entries))  # one positive per entry
    # Term 0 comes with Term 4 (its related term), then Term 1 with Term 5.
    assert [entry for _, entry in batches[0]] == [0, 4, 1, 5]


def test_tuned_model_folder_follows_the_glossary_text(tmp_path: Path) -> None:
    renamed = [DOCS[0].__class__(**{**DOCS[0].as_dict(), "text": DOCS[0].text + " More."}),
               *DOCS[1:]]
    assert glossary_fingerprint(DOCS) == glossary_fingerprint(list(DOCS))
    assert glossary_fingerprint(renamed) != glossary_fingerprint(DOCS)
    assert tuned_embedder_dir(tmp_path, DOCS).parent == tmp_path / "models"


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
    # The saved folder keeps its vocabulary in tokenizer.json (no vocab.txt): the spelling
    # repair must still know ordinary words, or it 'corrects' them into finance jargon.
    words = set(embedder_vocabulary(target))
    assert {"mine", "worked", "kids"} <= words


def test_embedder_vocabulary_reads_either_file(tmp_path: Path) -> None:
    (tmp_path / "tokenizer.json").write_text(json.dumps(
        {"model": {"type": "WordPiece", "vocab": {"[PAD]": 0, "mortgage": 1, "##s": 2}}}))
    assert embedder_vocabulary(tmp_path) == ["[PAD]", "mortgage", "##s"]
    (tmp_path / "vocab.txt").write_text("[PAD]\nloan\n")
    assert embedder_vocabulary(tmp_path) == ["[PAD]", "loan"]
    assert embedder_vocabulary(tmp_path / "missing") == []
