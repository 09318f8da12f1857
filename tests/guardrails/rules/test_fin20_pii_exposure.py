"""FIN-20: full identifiers in prompts and replies are masked; last four digits are fine."""

import pytest

from guardrails.rules.base import RailInput, default_registry
from guardrails.verdict import Action, Stage

RULE = default_registry.create("FIN-20")

EXPOSING = [
    ("Your card 4111 1111 1111 1111 is active.", "1111"),
    ("The SSN on file is 512-48-9073.", "9073"),
    ("Transfer to account 4402918374 today.", "8374"),
    ("Your checking account number is 00381946215.", "6215"),
    ("I have your account as 7730 0215 4418 on file.", "4418"),
    ("Your routing and account numbers are 021000021 and 4402918374.", "8374"),
    ("Please confirm: 44029183 is the account we will debit.", "9183"),
    ("Your credit line account 4402918374 is open.", "8374"),
    ("Your order will be paid from account 4402918374.", "8374"),
    ("I've opened a dispute on account 4417309251 for you.", "9251"),
    ("The transaction on account 5530192847 was reversed.", "2847"),
    ("Per your request, account 5530192847 has been closed.", "2847"),
    ("The claim on policy 9912004821 is being reviewed.", "4821"),
    ("The phone number on account 5530192847 was updated.", "2847"),
    ("Use routing/account 026009593 for the wire.", "9593"),
    ("Your account number is 2019-2031.", "2031"),
    ("Your IBAN is DE89 3704 0044 0532 0130 00.", None),
    ("We emailed jane.doe@example.com.", None),
    # An ITIN-shaped or unissued-area SSN and a card number failing Luhn are still exposures.
    ("We saved your Social Security number as 900-73-1185.", "1185"),
    ("The taxpayer ID on your profile is 966-12-4470.", "4470"),
    ("The card you added is a Visa, number 4000 5678 1234 9012, expiring 04/28.", "9012"),
]

SAFE = [
    "Your card ending 4821 is active.",
    "The S&P 500 closed at 6712.35 points on 2026-11-20.",
    "The fee is $1,250.00 per year.",
    "You wrote <US_SSN_1> earlier; I can't use it here.",
    "Call us at the number on the back of your card.",
    "The 10-year Treasury yield was 4.12% as of 2026-11-20.",
    "Your case reference is 48213377; an agent will contact you within two business days.",
    "Your confirmation number is 2026112004518.",
    "For wires, Larkspur's routing number is 021000021.",
    "Call our fraud line at 8005550199, open 24 hours a day.",
    "The fund's CUSIP is 123456789 and its ticker is LKSPX.",
    "The $42.10 charge posted to your card on 2026-11-03 has been reversed.",
    "Your account statement for 11-20-2026 is ready.",
    "Your card's best stretch, 2009-2019, is not a forecast.",
    "Order 1234 5678 9012 3456 has shipped.",
    "Your claim reference is 900-73-1185.",
]


@pytest.mark.parametrize(("reply", "last_four"), EXPOSING)
def test_full_identifiers_are_masked(reply: str, last_four: str | None) -> None:
    verdict = RULE.check(RailInput(reply, Stage.REPLY))
    assert not verdict.passed
    assert verdict.action is Action.REWRITE
    assert verdict.repaired_text is not None
    assert RULE.check(RailInput(verdict.repaired_text, Stage.REPLY)).passed
    if last_four:
        assert f"****{last_four}" in verdict.repaired_text
    for item in verdict.evidence:  # evidence is stored: it must be masked too
        assert item.text.startswith("****") or item.text == "[redacted]"


@pytest.mark.parametrize("reply", SAFE)
def test_safe_text_passes(reply: str) -> None:
    assert RULE.check(RailInput(reply, Stage.REPLY)).passed


def test_prompt_stage_is_covered() -> None:
    verdict = RULE.check(RailInput("user: my card is 4111111111111111", Stage.PROMPT))
    assert not verdict.passed
    assert "prompt" in verdict.rationale
