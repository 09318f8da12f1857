"""The exact-name half of hybrid retrieval."""

from knowledge.documents import KnowledgeDocument
from knowledge.lexical import NameMatcher

DOCS = [
    KnowledgeDocument("glossary:apr", "Annual Percentage Rate", "glossary", "x", "g",
                      metadata={"aliases": ["APR"]}),
    KnowledgeDocument("glossary:apy", "Annual Percentage Yield", "glossary", "x", "g",
                      metadata={"aliases": ["APY"]}),
    KnowledgeDocument("glossary:bond", "Bond", "glossary", "x", "g", metadata={"aliases": []}),
    KnowledgeDocument("market:SPX", "S&P 500 index (SPX)", "market", "x", "m",
                      metadata={"symbol": "SPX"}),
    KnowledgeDocument("larkspur-heloc#fees", "Larkspur HELOC (sample): Fees", "product", "x", "p"),
]


def test_abbreviations_and_tickers_match_exactly() -> None:
    matcher = NameMatcher(DOCS)
    assert set(matcher.matches("what's the APR on this card?")) == {0}
    assert set(matcher.matches("apy vs apr")) == {0, 1}
    assert set(matcher.matches("where did SPX close")) == {3}


def test_common_single_words_and_product_names_do_not_match() -> None:
    matcher = NameMatcher(DOCS)
    assert matcher.matches("will my bond lose value") == {}
    assert matcher.matches("larkspur heloc fees") == {}


def test_longer_names_are_stronger() -> None:
    matcher = NameMatcher(DOCS)
    assert matcher.matches("annual percentage rate")[0] > matcher.matches("apr")[0]
