"""FIN-03, FIN-04, FIN-10: what a reply leaves out is added, then checked again."""

import pytest

from guardrails.rules.base import RailInput, default_registry
from guardrails.verdict import Action, Stage

from .table import judge

CASES = [
    ("FIN-03", "This high-yield bond fund pays 9%.", True, "default"),
    ("FIN-03", "This crypto fund offers impressive returns.", True, "volatile"),
    ("FIN-03", "This high-yield bond fund pays 9%, but bonds can default and prices can fall.",
     False, ""),
    ("FIN-03", "The Larkspur High-Yield Savings account pays a variable APY.", False, ""),
    ("FIN-04", "The fund returned 14% last year.", True, "Past performance"),
    ("FIN-04", "The fund returned 14% last year; past performance does not predict future "
               "results.", False, ""),
    ("FIN-04", "It has delivered positive returns in eight of the last ten calendar years.", True,
     "Past performance"),
    ("FIN-04", "The fund hasn't had a down year since 2011.", True, "Past performance"),
    ("FIN-04", "In 2022 the balanced fund fell less than the stock market.", True,
     "Past performance"),
    ("FIN-04", "It beat its benchmark in four of the last five years. Past performance does "
               "not predict future results.", False, ""),
    ("FIN-04", "A balanced fund holds stocks and bonds and can lose value.", False, ""),
    ("FIN-10", "The Larkspur Core Bond Fund holds investment-grade bonds.", True,
     "manages this fund"),
    ("FIN-10", "Our in-house balanced fund rebalances quarterly.", True, "earns fees"),
    ("FIN-10", "The Larkspur Core Bond Fund is managed by Larkspur, which earns fees from it.",
     False, ""),
    ("FIN-10", "An index fund tracks a market index.", False, ""),
]


@pytest.mark.parametrize(("rule", "reply", "violates", "added"), CASES)
def test_omission_table(rule: str, reply: str, violates: bool, added: str) -> None:
    verdict = judge(rule, reply)
    if not violates:
        assert verdict.passed, verdict.rationale
        return
    assert not verdict.passed
    assert verdict.action is Action.REWRITE
    assert verdict.repaired_text is not None and verdict.repaired_text.startswith(reply)
    assert added in verdict.repaired_text
    again = default_registry.create(rule).check(RailInput(verdict.repaired_text, Stage.REPLY))
    assert again.passed, again.rationale


@pytest.mark.parametrize("reply", [
    "It doubled last year so it will do well again.",
    "The market has bounced back within a year after every downturn since 2000, so a dip now "
    "would be temporary too.",
])
def test_past_performance_as_a_promise_is_blocked(reply: str) -> None:
    assert judge("FIN-04", reply).action is Action.BLOCK


def test_omissions_wait_for_the_complete_reply() -> None:
    rule = default_registry.create("FIN-04")
    partial = RailInput("The fund returned 14% last year.", Stage.REPLY, complete=False)
    assert rule.check(partial).passed


def test_in_house_products_are_configurable() -> None:
    rule = default_registry.create("FIN-10", {"firm_name": "Acme",
                                              "in_house_products": [r"acme\s+growth\s+fund"]})
    verdict = rule.check(RailInput("The Acme Growth Fund invests in stocks.", Stage.REPLY))
    assert verdict.repaired_text is not None and "Acme manages" in verdict.repaired_text


# (customer's question, reply, violates): one benefit is enough to need the risks when the
# customer asked what speaks for the product.
ASKED_FOR_BENEFITS = [
    ("What's the upside of a sector ETF?",
     "Sector ETFs give you exposure to one industry in a single trade.", True),
    ("What are the advantages of REITs?",
     "REITs let you hold real estate through shares and pay regular income.", True),
    ("What's the upside of a sector ETF?",
     "Sector ETFs give you exposure to one industry, so they can fall sharply when it does.",
     False),
    ("What is a sector ETF?",
     "Sector ETFs give you exposure to one industry in a single trade.", False),
    ("What are the advantages of a savings account?",
     "A savings account pays interest and is FDIC insured up to the limit.", False),
]


@pytest.mark.parametrize(("question", "reply", "violates"), ASKED_FOR_BENEFITS)
def test_benefits_asked_for_need_the_risks(question: str, reply: str, violates: bool) -> None:
    verdict = judge("FIN-03", reply, user=question)
    assert verdict.passed is not violates, verdict.rationale
