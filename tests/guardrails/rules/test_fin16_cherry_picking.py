"""FIN-16: selected months and unlike benchmarks are flagged; standard periods listed pass."""

import pytest

from guardrails.rules.base import RailInput, default_registry
from guardrails.verdict import Stage

RULE = default_registry.create("FIN-16")
CAVEAT = " Past performance doesn't predict future results."

VIOLATING = [
    "Over the last ten years, the high-yield fund beat Treasury bills by about 5 points a year.",
    "The Larkspur Core Bond Fund beat its benchmark in seven of the last nine months.",
    "The Larkspur US Equity Index Fund returned 14.2%, far more than money market funds paid.",
    "Over 1, 5 and 10 years the growth fund beat CDs by a wide margin.",
    "It outperformed the index in four of the past six weeks.",
    # A decimal figure does not end the sentence the comparison is read in.
    "The US Equity Index Fund returned 16.4% over the year, more than four times the 3.80% APY "
    "on our High-Yield Savings account.",
    "The Balanced Allocation Fund gained 13.9% in the second quarter of 2020.",
    "In Q4 2023 the fund rallied 11.2%, its finest stretch.",
    "In 2023 the growth fund returned 44.0% against 42.7% for its index.",
    "The US Equity Index Fund returned 12.6% a year versus 1.8% for the bond index.",
]
COMPLIANT = [
    "Its 1-, 5- and 10-year returns were 11.4%, 6.9% and 7.1%, against 12.0%, 7.2% and 7.4% "
    "for its benchmark.",
    "Over one, five and ten years the fund returned 8%, 6% and 7% a year versus its index.",
    "Since inception the fund has returned 6.2% a year, against 6.5% for its benchmark.",
    "A CD pays a fixed rate for its term, while a stock fund's value moves with the market.",
    "The fund's benchmark is the Bloomberg US Aggregate Bond Index.",
    "The US Equity Index Fund has the lowest expense ratio at 0.09%, compared with 0.35% for "
    "the Core Bond Fund.",
    "The card linked to your account expires in September 2029.",
    "The fund launched in March 2015 and reports returns for 1, 5 and 10 years.",
]


@pytest.mark.parametrize("reply", VIOLATING)
def test_cherry_picked_periods_and_unlike_benchmarks_are_flagged(reply: str) -> None:
    assert not RULE.check(RailInput(reply + CAVEAT, Stage.REPLY)).passed


@pytest.mark.parametrize("reply", COMPLIANT)
def test_standard_periods_against_a_fitting_benchmark_pass(reply: str) -> None:
    verdict = RULE.check(RailInput(reply + CAVEAT, Stage.REPLY))
    assert verdict.passed, verdict.rationale
