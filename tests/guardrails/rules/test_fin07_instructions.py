"""FIN-07: instructions that split the customer's money or tell them to hold through an event."""

import pytest

from guardrails.rules.base import RailInput, default_registry
from guardrails.verdict import Stage

RULE = default_registry.create("FIN-07")


@pytest.mark.parametrize(("reply", "flagged"), [
    ("Park half in a high-yield savings account and dollar-cost average the rest into an index "
     "fund over the next year.", True),
    ("Put 30% into bonds and the rest into a total market fund.", True),
    ("Then move $20k into the money market and keep the remainder in checking.", True),
    ("Hold through it; it's not worth selling ahead of one report.", True),
    ("Keep your shares through earnings.", True),
    ("Some investors split their savings between a savings account and an index fund.", False),
    ("Dollar-cost averaging means investing a fixed amount at regular intervals.", False),
    ("Keep your card through the holidays and pay the balance in full.", False),
    ("Deposits are insured up to $250,000 per depositor, per ownership category.", False),
])
def test_money_splitting_and_hold_instructions(reply: str, flagged: bool) -> None:
    verdict = RULE.check(RailInput(reply, Stage.REPLY))
    assert verdict.passed is not flagged, verdict.rationale
