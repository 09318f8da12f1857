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
    assert "state differently" in verdict.rationale


@pytest.mark.parametrize("reply", CONSISTENT)
def test_figures_stated_as_the_documents_state_them_pass(reply: str) -> None:
    verdict = RULE.check(RailInput(reply, Stage.REPLY, documents=DOCUMENTS))
    assert verdict.passed, verdict.rationale
