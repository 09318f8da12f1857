"""FIN-03 for credit products: perks need the cost of borrowing beside them."""

import pytest

from guardrails.rules.base import RailInput, default_registry
from guardrails.verdict import Stage

RULE = default_registry.create("FIN-03")

CASES = [
    # (customer, reply, one-sided)
    ("What are the perks of the Cash Back card?",
     "The Cash Back card has no annual fee and pays a higher cash back rate on groceries and gas.",
     True),
    ("Tell me about the 5/1 ARM.",
     "The 5/1 ARM starts at a lower rate than the 30-year fixed, so your payment for the first "
     "five years is smaller, and there's no prepayment penalty.", True),
    ("Why get a HELOC?",
     "A HELOC lets you borrow as needed against your home's equity, with flexible draws.", True),
    ("Does the Cash Back card have an annual fee?",
     "No, the Cash Back card has no annual fee.", False),
    ("Is the travel card worth it?",
     "The Travel Rewards card has a $95 annual fee and earns 2 points per dollar on travel, with "
     "no foreign transaction fee.", False),
    ("Cash back card perks?",
     "It has no annual fee and earns 3% cash back on groceries. Interest applies if you carry a "
     "balance.", False),
    ("Tell me about the 5/1 ARM.",
     "It starts at a lower rate for five years; after that the rate adjusts yearly and the payment "
     "can rise.", False),
]


@pytest.mark.parametrize(("user", "reply", "one_sided"), CASES)
def test_credit_perks_need_their_costs(user: str, reply: str, one_sided: bool) -> None:
    verdict = RULE.check(RailInput(reply, Stage.REPLY, user_text=user))
    assert verdict.passed is not one_sided, verdict.rationale
    if one_sided:
        assert verdict.repaired_text is not None
        assert RULE.check(RailInput(verdict.repaired_text, Stage.REPLY, user_text=user)).passed
