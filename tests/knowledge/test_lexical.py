"""The exact-name half of hybrid retrieval."""

from knowledge.documents import KnowledgeDocument
from knowledge.lexical import (
    BM25,
    LexicalSignals,
    NameMatcher,
    ProductMatcher,
    SpellFixer,
    abbreviated_names,
    edit_distance,
    kind_priors,
    market_name_variants,
    question_topic,
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
    KnowledgeDocument("glossary:cds", "Credit Default Swap", "glossary", "x", "g",
                      metadata={"aliases": ["CDS"]}),
    KnowledgeDocument("glossary:cd", "Certificate of Deposit", "glossary", "x", "g",
                      metadata={"aliases": ["CD"]}),
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
    assert (matcher.mentions("is the annual percentage rate high")[0]
            > matcher.mentions("is the apr high")[0])


def test_a_name_is_boosted_when_it_is_the_whole_question() -> None:
    matcher = NameMatcher(DOCS)
    assert matcher.matches("what is a bond?") == {2: 1.0}  # single common words too
    assert matcher.matches("what does annual percentage rate mean") == {0: 1.0}
    # Mentioned inside a longer question, a multi-word name is context, not the topic.
    assert matcher.matches("why did my annual percentage rate go up after a late payment") == {}
    assert set(matcher.mentions("why did my annual percentage rate go up")) == {0}


def test_plural_abbreviations_are_not_other_abbreviations() -> None:
    matcher = NameMatcher(DOCS)
    assert set(matcher.matches("laddering CDs")) == {6}
    assert set(matcher.matches("what is a CDS")) == {5}


def test_market_records_match_the_names_people_use() -> None:
    assert set(market_name_variants("S&P 500 index (SPX)")) == {"S&P 500 index", "S&P 500"}
    assert "Exxon Mobil" in market_name_variants("Exxon Mobil Corporation (XOM)")
    assert "Procter & Gamble" in market_name_variants("The Procter & Gamble Company (PG)")
    assert set(NameMatcher(DOCS).mentions("where is the s&p 500 today")) == {3}


def test_products_are_named_by_their_distinctive_words() -> None:
    sheets = [
        KnowledgeDocument("cash#fees", "Larkspur Cash Back Credit Card (sample): Fees", "product",
                          "x", "p", metadata={"product_id": "cash"}),
        KnowledgeDocument("secured#fees", "Larkspur Secured Credit Card (sample): Fees",
                          "product", "x", "p", metadata={"product_id": "secured"}),
        KnowledgeDocument("rate-sheet:cash", "Larkspur Cash Back Credit Card (sample) rates",
                          "rate_sheet", "x", "r", metadata={"product_id": "cash"}),
    ]
    products = ProductMatcher(sheets)
    assert products.matches("does the cash back card charge a foreign fee") == [0, 2]
    assert products.matches("my deposit on the secured card") == [1]
    assert products.matches("adding my teenager to my credit card") == []


def test_products_are_named_by_the_short_forms_their_sheets_define() -> None:
    sheets = [
        KnowledgeDocument("arm#overview",
                          "Larkspur 5/1 Adjustable-Rate Mortgage (sample): Overview", "product",
                          "The Larkspur 5/1 Adjustable-Rate Mortgage (ARM) is a loan.", "p",
                          metadata={"product_id": "arm"}),
        KnowledgeDocument("cds#overview", "Larkspur Certificates of Deposit (sample): Overview",
                          "product", "Larkspur Certificates of Deposit (CDs) pay a fixed rate.",
                          "p", metadata={"product_id": "cds"}),
    ]
    products = ProductMatcher(sheets)
    assert products.matches("what does your 5/1 ARM start at", firm=True) == [0]
    assert products.matches("how does a 5/1 arm adjust") == [0]
    # A one-word short form is the generic term unless the question is about the firm.
    assert products.matches("what is a CD") == []
    assert products.matches("what rate do your CDs pay", firm=True) == [1]
    assert abbreviated_names("Larkspur Home Equity Line of Credit",
                             "A Larkspur Home Equity Line of Credit (HELOC) lets you") == [
        "Larkspur HELOC"]
    assert abbreviated_names("Larkspur Secured Card", "The Larkspur Secured Card (XYZ)") == []


def test_names_sharing_a_key_once_stopwords_go_are_told_apart() -> None:
    docs = [
        KnowledgeDocument("glossary:bond", "Bond", "glossary", "x", "g", metadata={"aliases": []}),
        KnowledgeDocument("glossary:i-bond", "Series I Savings Bond", "glossary", "x", "g",
                          metadata={"aliases": ["I bond"]}),
        KnowledgeDocument("glossary:go-bond", "General Obligation Bond", "glossary", "x", "g",
                          metadata={"aliases": ["GO bond"]}),
    ]
    matcher = NameMatcher(docs)
    assert matcher.matches("what is a bond?") == {0: 1.0}  # "I" and "GO" are stopwords
    assert matcher.matches("what is a GO bond") == {2: 1.0}
    assert matcher.matches("what are bonds") == {0: 1.0}


def test_comparisons_and_question_frames_name_whole_entries() -> None:
    docs = [*DOCS,
            KnowledgeDocument("glossary:ira", "Individual Retirement Account", "glossary", "x",
                              "g", metadata={"aliases": ["IRA"]}),
            KnowledgeDocument("glossary:roth", "Roth IRA", "glossary", "x", "g",
                              metadata={"aliases": []}),
            KnowledgeDocument("glossary:trad", "Traditional IRA", "glossary", "x", "g",
                              metadata={"aliases": []})]
    matcher = NameMatcher(docs)
    assert set(matcher.matches("CDs vs bonds")) == {2, 6}
    assert set(matcher.matches("difference between a traditional ira and a roth ira")) == {8, 9}
    assert set(matcher.matches("ira vs roth ira")) == {7, 8}
    assert matcher.matches("how does a bond work") == {2: 1.0}
    # An abbreviation inside a longer name found in the question belongs to that name.
    assert matcher.matches("is a roth ira worth it") == {}
    assert set(matcher.matches("should I open an IRA")) == {7}


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


def test_spelling_leaves_plurals_of_known_words_and_keeps_case() -> None:
    fixer = SpellFixer(PASSAGES, known=frozenset({"low", "staggering"}))
    assert fixer.correct_word("lows") == "lows"  # not "loss"
    assert fixer.correct("staggering CDs on my morgage") == "staggering CDs on my mortgage"


def test_capitalised_abbreviations_are_not_plurals() -> None:
    assert terms("CDs and IRAs") == ["cd", "ira"]
    assert terms("what is a CDS") == ["cds"]  # a credit default swap
    assert terms("TIPS") == ["tips"] and terms("tips") == ["tip"]
    assert terms("WHAT ARE ANNUITIES") == ["annuity"]


def test_signals_combine_repair_names_and_bm25() -> None:
    fixed, named, scores = LexicalSignals(PASSAGES).analyse("what is a morgage")
    assert fixed == "what is a mortgage"
    assert named == {1: 1.0}  # the repaired name is the whole question
    assert scores.argmax() == 1
    _, named, _ = LexicalSignals(PASSAGES).analyse("is a morgage penalty normal")
    assert named == {}  # 'mortgage' is a single common word, not an identifier
    _, named, _ = LexicalSignals(PASSAGES).analyse("heloc vs CD")
    assert set(named) == {0, 2}


def test_kind_priors_follow_how_the_question_is_asked() -> None:
    assert kind_priors("what is a certificate of deposit", 0.05) == {}
    firm = kind_priors("what APY does your savings account pay", 0.05)
    assert firm["rate_sheet"] > firm["product"] > 0
    assert kind_priors("does Larkspur offer a HELOC", 0.05) == {"product": 0.05,
                                                                "rate_sheet": 0.05}
    assert kind_priors("where is the dow trading today", 0.05) == {"market": 0.05}


def test_passage_priors_prefer_a_named_market_record_asked_about_live() -> None:
    signals = LexicalSignals(DOCS)
    assert signals.passage_priors("how is the S&P 500 doing", "how is the s&p 500 doing",
                                  0.1)[3] > 0.1
    assert signals.passage_priors("what is the S&P 500", "what is the s&p 500", 0.1) == {}


def test_the_named_product_and_the_asked_section_stand_out_in_a_question_to_the_firm() -> None:
    sheets = [
        KnowledgeDocument("premium#eligibility", "Larkspur Premium Checking (sample): Eligibility",
                          "product", "x", "p",
                          metadata={"product_id": "premium", "section": "Eligibility"}),
        KnowledgeDocument("premium#fees", "Larkspur Premium Checking (sample): Fees", "product",
                          "x", "p", metadata={"product_id": "premium", "section": "Fees"}),
        KnowledgeDocument("everyday#eligibility",
                          "Larkspur Everyday Checking (sample): Eligibility", "product", "x", "p",
                          metadata={"product_id": "everyday", "section": "Eligibility"}),
    ]
    signals = LexicalSignals(sheets)
    query = "who can open a Larkspur premium checking account"
    boosts = signals.passage_priors(query, query, 0.1)
    assert boosts[0] > boosts[1] > boosts.get(2, 0.0)
    # Without the firm or a product named, a section cue is not a question about a sheet.
    assert signals.passage_priors("who can open an IRA", "who can open an IRA", 0.1) == {}


def test_question_topic_drops_the_frame_around_a_description() -> None:
    assert question_topic("what do you call a fund that tracks an index") == (
        "a fund that tracks an index")
    assert question_topic("the market fell 12 percent, what is that called?") == (
        "the market fell 12 percent")
    assert question_topic("what is that called") == "what is that called"
    assert question_topic("what is an annuity") == "what is an annuity"
