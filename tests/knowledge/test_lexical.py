"""The exact-name half of hybrid retrieval."""

from knowledge.documents import KnowledgeDocument
from knowledge.lexical import (
    BM25,
    LexicalSignals,
    NameMatcher,
    SpellFixer,
    edit_distance,
    kind_priors,
    stem,
    terms,
)

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


# ---------------------------------------------------------------- BM25 and spelling
PASSAGES = [
    KnowledgeDocument("glossary:heloc", "Home Equity Line of Credit", "glossary",
                      "Home Equity Line of Credit (HELOC): A revolving line of credit secured by "
                      "your home. Related terms: Mortgage, Certificate of Deposit.", "g",
                      metadata={"aliases": ["HELOC"]}),
    KnowledgeDocument("glossary:mortgage", "Mortgage", "glossary",
                      "Mortgage (home loan): A loan used to buy a home, secured by the property.",
                      "g", metadata={"aliases": ["home loan"]}),
    KnowledgeDocument("glossary:cd", "Certificate of Deposit", "glossary",
                      "Certificate of Deposit (CD): A deposit that pays a fixed rate for a term; "
                      "withdrawing early costs a penalty.", "g", metadata={"aliases": ["CD"]}),
]


def test_stem_joins_plurals_and_possessives() -> None:
    assert stem("fees") == "fee" and stem("annuities") == "annuity"
    assert stem("bank's") == "bank" and stem("business") == "business"
    assert terms("What are the Fees?") == ["fee"]


def test_bm25_ranks_the_passage_sharing_rare_words() -> None:
    bm25 = BM25(PASSAGES)
    scores = bm25.scores(terms("penalty for withdrawing a deposit early"))
    assert scores.argmax() == 2
    assert bm25.scores(terms("zzz qqq")).max() == 0


def test_related_terms_do_not_count_as_passage_words() -> None:
    scores = BM25(PASSAGES).scores(terms("certificate"))
    assert scores[0] == 0 and scores[2] > 0


def test_spelling_repairs_misspelt_collection_words_only() -> None:
    fixer = SpellFixer(PASSAGES, known=frozenset({"teenager", "subtract"}))
    assert fixer.correct_word("morgage") == "mortgage"
    assert fixer.correct_word("equty") == "equity"
    assert fixer.correct_word("teenager") == "teenager"  # a known word is never 'fixed'
    assert fixer.correct_word("subtract") == "subtract"
    assert fixer.correct_word("zzzzzz") == "zzzzzz"
    assert fixer.correct("how does a heloc wrok") == "how does a heloc wrok"  # nothing near
    assert fixer.correct("Morgage on my hoome") == "mortgage on my home"
    assert edit_distance("exchnage", "exchange") == 1


def test_signals_combine_repair_names_and_bm25() -> None:
    fixed, named, scores = LexicalSignals(PASSAGES).analyse("what is a morgage")
    assert fixed == "what is a mortgage"
    assert named == {}  # 'mortgage' is a single common word, not an identifier
    assert scores.argmax() == 1
    _, named, _ = LexicalSignals(PASSAGES).analyse("heloc vs CD")
    assert set(named) == {0, 2}


def test_kind_priors_follow_how_the_question_is_asked() -> None:
    assert kind_priors("what is a certificate of deposit", 0.05) == {}
    firm = kind_priors("what APY does your savings account pay", 0.05)
    assert firm["rate_sheet"] > firm["product"] > 0
    assert kind_priors("does Larkspur offer a HELOC", 0.05) == {"product": 0.05,
                                                                "rate_sheet": 0.05}
    assert kind_priors("where is the dow trading today", 0.05) == {"market": 0.05}
