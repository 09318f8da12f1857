"""FIN-19 contradictions: a figure found in the documents but bound there to another term."""

import pytest

from guardrails.rules.base import ContextDocument, RailInput, default_registry
from guardrails.verdict import Stage

RULE = default_registry.create("FIN-19")
SHEET = ContextDocument(
    id="product:everyday-checking", kind="product", as_of="2026-11-01",
    source="Larkspur product sheet (sample)",
    text="Larkspur Everyday Checking (sample) has a monthly maintenance fee of $12.00, waived "
         "with a $1,500 minimum daily balance or $500 in monthly direct deposits. Overdraft fee: "
         "$30.00 per item, not charged on items of $5.00 or less. Minimum opening deposit: $25.00.")
RATES = ContextDocument(
    id="rate-sheet:cds", kind="rate_sheet", as_of="2026-11-01",
    source="Larkspur Bank rate sheet (sample)",
    text="Product | APY | Minimum\n12-month CD | 3.85% | $1,000\n24-month CD | 3.50% | $1,000\n"
         "Early withdrawal penalty (6-month and 12-month CDs): 90 days of simple interest.\n"
         "Early withdrawal penalty (24-month CD): 180 days of simple interest.")
DOCUMENTS = [SHEET, RATES]

CONTRADICTING = [
    ("You need a minimum opening deposit of $500 to open Everyday Checking.", "opening deposit"),
    ("It takes $1,500 to open Everyday Checking.", "opening deposit"),
    ("Everyday Checking has a $30 monthly maintenance fee.", "monthly fee"),
    ("The overdraft fee is $12 per item.", "overdraft fee"),
    ("The 24-month CD pays 3.85% APY.", "24-month"),
    ("Our 12-month CD earns 3.50% APY, per the rate sheet.", "12-month"),
    ("Breaking a CD early costs 30 days of simple interest.", "early withdrawal"),
    ("The early withdrawal penalty is 12 days of simple interest.", "early withdrawal"),
]
CONSISTENT = [
    "Everyday Checking has a $12 monthly maintenance fee, waived with a $1,500 minimum daily "
    "balance or $500 in monthly direct deposits.",
    "The minimum opening deposit for Everyday Checking is $25.",
    "It takes $25 to open Everyday Checking, and the overdraft fee is $30 per item.",
    "The 12-month CD pays 3.85% APY and the 24-month CD pays 3.50% APY.",
    "The 24-month CD pays 3.50% APY, and both CDs need $1,000 to open.",
    "Breaking a 24-month CD early costs 180 days of simple interest.",
    "The early withdrawal penalty is 90 days of simple interest for the 12-month CD.",
    "Overdrafts of $5 or less are not charged; otherwise the overdraft fee is $30.",
    "Breaking a 12-month CD early costs 90 days of simple interest.",
]


def test_an_unknown_figure_is_still_reported_as_ungrounded() -> None:
    verdict = RULE.check(RailInput("The early withdrawal penalty is 60 days of simple interest.",
                                   Stage.REPLY, documents=DOCUMENTS))
    assert not verdict.passed
    assert [item.label for item in verdict.evidence] == ["ungrounded figure"]


@pytest.mark.parametrize(("reply", "term"), CONTRADICTING)
def test_a_figure_bound_to_another_term_is_flagged(reply: str, term: str) -> None:
    verdict = RULE.check(RailInput(reply, Stage.REPLY, documents=DOCUMENTS))
    assert not verdict.passed, verdict.rationale
    assert any(term in item.label for item in verdict.evidence)
    assert "contradict" in verdict.rationale


@pytest.mark.parametrize("reply", CONSISTENT)
def test_figures_stated_as_the_documents_state_them_pass(reply: str) -> None:
    verdict = RULE.check(RailInput(reply, Stage.REPLY, documents=DOCUMENTS))
    assert verdict.passed, verdict.rationale


SHEETS = ContextDocument(
    id="rate-sheet", kind="rate_sheet", as_of="2026-11-01",
    source="Larkspur Bank rate sheet (sample)",
    text="## Larkspur High-Yield Savings (sample)\n| APY | 3.80% | percent |\n"
         "| monthly maintenance fee | $0.00 | USD |\n\n"
         "## Larkspur Money Market Account (sample)\n"
         "| APY (balances under $10,000) | 2.50% | percent |\n"
         "| monthly maintenance fee | $15.00 | USD |")
CARD = ContextDocument(
    id="product:travel", kind="product", as_of="2026-11-01", source="Larkspur product sheet",
    text="Larkspur Travel Rewards Visa (sample). Purchase APR: 21.99% variable. Annual fee: $95.")


@pytest.mark.parametrize("reply", [
    "Our Money Market Account pays 3.80% APY.",
    "The high-yield savings account has a $15 monthly maintenance fee.",
    "Larkspur's savings account earns 2.50% APY on every balance.",
])
def test_a_figure_given_for_another_product_is_flagged(reply: str) -> None:
    verdict = RULE.check(RailInput(reply, Stage.REPLY, documents=[SHEETS]))
    assert not verdict.passed, verdict.rationale
    # Caught as the other product's value, or as a contradiction of this product's own term.
    assert any(item.label.startswith("contradicts") for item in verdict.evidence)


@pytest.mark.parametrize(("reply", "documents"), [
    ("High-Yield Savings pays 3.80% APY, and the money market pays 2.50% on balances under "
     "$10,000.", [SHEETS]),
    ("The Money Market Account's monthly fee is $15.", [SHEETS]),
    ("The Travel Rewards card's purchase APR is 21.99%, variable.", [CARD]),  # no kind in the row
    ("Larkspur pays 3.80% APY.", [SHEETS]),  # no product named: nothing to compare
])
def test_a_figure_given_for_the_named_product_passes(reply: str,
                                                     documents: list[ContextDocument]) -> None:
    verdict = RULE.check(RailInput(reply, Stage.REPLY, documents=documents))
    assert verdict.passed, verdict.rationale


TREASURIES = ContextDocument(
    id="market:us2y+us10y", kind="market", as_of="2026-11-20T20:00:00Z", source="feed (sample)",
    text="symbol,name,kind,value,unit,as_of\n"
         "US2Y,US Treasury 2-year note yield,treasury_yield,3.52,percent,2026-11-20T20:00:00Z\n"
         "US10Y,US Treasury 10-year note yield,treasury_yield,4.12,percent,2026-11-20T20:00:00Z")
NEWS = ContextDocument(
    id="news:yields", kind="market", as_of="2026-11-20T21:00:00Z", source="news wire (sample)",
    text="Treasury yields rose this week: the 10-year note yield climbed 8 bps to 4.12% as of "
         "2026-11-20.")
CARDS = ContextDocument(
    id="rate-sheet:cashback", kind="rate_sheet", as_of="2026-11-01", source="Larkspur rate sheet",
    text="product,item,value,unit,as_of\nLarkspur Cash Back Credit Card,purchase APR (lowest),"
         "19.24,percent,2026-11-01")


@pytest.mark.parametrize(("rule", "reply", "documents", "flagged"), [
    ("FIN-06", "The 5-year Treasury yield was 3.52% on November 20, 2026.", [TREASURIES], True),
    ("FIN-06", "The 2-year Treasury yield was 3.52% on November 20, 2026.", [TREASURIES], False),
    ("FIN-06", "The 10-year note yielded 4.12% on November 20, 2026.", [TREASURIES], False),
    # The document gives the change before the level: both are what it says of the 10-year.
    ("FIN-06", "The 10-year Treasury yield was 4.12% as of November 20, 2026, up 8 basis points "
               "on the week.", [NEWS], False),
    ("FIN-19", "The Larkspur Secured Credit Card's purchase APR is 19.24%.", [CARDS], True),
    ("FIN-19", "The Larkspur Cash Back Credit Card's lowest purchase APR is 19.24%.", [CARDS],
     False),
    ("FIN-19", "Larkspur's card APRs start at 19.24%.", [CARDS], False),
])
def test_a_value_given_for_another_length_or_named_product(rule: str, reply: str,
                                                           documents: list[ContextDocument],
                                                           flagged: bool) -> None:
    verdict = default_registry.create(rule).check(RailInput(reply, Stage.REPLY,
                                                            documents=documents))
    assert verdict.passed is not flagged, verdict.rationale
