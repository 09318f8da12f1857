"""Real embeddings + FAISS through LangChain's retriever interface."""

import pytest

from knowledge.knowledge_base import KnowledgeBase
from knowledge.retriever import KnowledgeRetriever


@pytest.mark.parametrize(
    ("question", "expected_title"),
    [
        ("What is an annual percentage yield?", "Annual Percentage Yield"),
        ("how does a roth ira work", "Roth IRA"),
        ("what fees does the everyday checking account charge", "Larkspur Everyday Checking"),
        ("where is the S&P 500 index", "S&P 500"),
        ("what happens when a bond issuer cannot pay", "Default"),
    ],
)
def test_relevant_passage_is_in_top_k(knowledge: KnowledgeBase, question: str,
                                      expected_title: str) -> None:
    retriever = KnowledgeRetriever(knowledge_base=knowledge, k=5)
    documents = retriever.invoke(question)
    titles = [d.metadata["title"] for d in documents]
    assert any(expected_title.lower() in t.lower() for t in titles), titles
    for document in documents:
        assert {"id", "title", "kind", "source", "as_of", "score"} <= set(document.metadata)


def test_scores_are_sorted_and_thresholded(knowledge: KnowledgeBase) -> None:
    hits = knowledge.search("What is a certificate of deposit?", k=5)
    scores = [hit.score for hit in hits]
    assert scores == sorted(scores, reverse=True)
    assert all(s >= knowledge.settings.retrieval.min_score for s in scores)


def test_unrelated_query_returns_little(knowledge: KnowledgeBase) -> None:
    hits = knowledge.search("zxqv blorp", k=5)
    assert len(hits) <= 5


@pytest.mark.parametrize(
    ("question", "expected_id"),
    [
        ("what is a reverse morgage", "glossary:reverse-mortgage"),  # repaired spelling
        ("how does a divdend reinvestmnt plan work", "glossary:dividend-reinvestment-plan"),
        ("what's the 12 month CD APY at Larkspur", "rate-sheet:larkspur-certificates-of-deposit"),
        ("where is the nikkei trading today", "market:N225"),
    ],
)
def test_hybrid_search_finds_typos_figures_and_market_levels(knowledge: KnowledgeBase,
                                                            question: str,
                                                            expected_id: str) -> None:
    ids = [hit.document.id for hit in knowledge.search(question, k=5, apply_threshold=False)]
    assert expected_id in ids, ids


def test_hybrid_scores_are_sorted_and_unique(knowledge: KnowledgeBase) -> None:
    hits = knowledge.search("fees on the Larkspur travel rewards card", k=10,
                            apply_threshold=False)
    ids = [hit.document.id for hit in hits]
    assert len(ids) == len(set(ids)) == 10
    assert [h.score for h in hits] == sorted((h.score for h in hits), reverse=True)
