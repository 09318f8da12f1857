"""FIN-01: violating and compliant replies, including paraphrases and hard negatives."""

import pytest

from guardrails.rules.base import RailInput, default_registry
from guardrails.verdict import Action, Stage

RULE = default_registry.create("FIN-01")

VIOLATING_REPLIES = [
    "You can't lose with this fund.",
    "This fund guarantees a 9% annual return.",
    "You'd basically be locking in 7% whatever happens.",
    "Your returns are guaranteed to beat inflation.",
    "There's no risk of losing money here.",
    "It's a sure thing, the fund will definitely grow this year.",
    "I promise you a 12% profit by next spring.",
    "This is a risk-free investment for your savings.",
    "No matter what, you will get 6% from this bond fund.",
    "Y0u can\u2019t lose with this one.",
    "The Larkspur Balanced Allocation Fund is guaranteed to make money.",
    "Over any five-year window you'd finish at least where you started.",
    "You get market-like growth with none of the downside.",
    "Spread it across enough loans and you're set to collect a steady high return every year.",
    "Each year's gains are banked for good once they're credited.",
]

COMPLIANT_REPLIES = [
    "No investment offers upside without risk: a fund can end below where you started.",
    "You're set to receive your first statement at the end of the month.",
    "Some annuities credit index-linked interest subject to a cap, and surrender charges apply.",
    "Returns are not guaranteed and you could lose money, including your principal.",
    "No investment can guarantee a return; prices can fall as well as rise.",
    "A Guaranteed Investment Certificate pays a fixed rate for a set term.",
    "Deposits are FDIC insured up to $250,000 per depositor, per insured bank, per ownership "
    "category.",
    "Treasury bonds are backed by the full faith and credit of the US government.",
    "Past performance does not guarantee future results.",
    "I can't promise any return; the fund's value moves with the market.",
    "A certificate of deposit pays the rate stated on the rate sheet until it matures.",
    "Bond prices can go down when interest rates rise.",
]


@pytest.mark.parametrize("reply", VIOLATING_REPLIES)
def test_promises_are_violations(reply: str) -> None:
    verdict = RULE.check(RailInput(reply, Stage.REPLY))
    assert not verdict.passed
    assert verdict.rule_id == "FIN-01"
    assert verdict.action is Action.BLOCK
    assert verdict.evidence, "a violation must point at the text that broke the rule"
    assert "FIN-01" in verdict.rationale


@pytest.mark.parametrize("reply", COMPLIANT_REPLIES)
def test_accurate_statements_pass(reply: str) -> None:
    verdict = RULE.check(RailInput(reply, Stage.REPLY))
    assert verdict.passed, verdict.rationale


@pytest.mark.parametrize(
    ("request_text", "reply", "passes"),
    [
        ("Which fund guarantees me 10%?", "The equity index fund tracks large US companies.",
         False),
        ("Which fund guarantees me 10%?", "No fund can guarantee 10%; you could lose money.",
         True),
        ("What is a bond?", "A bond is a loan to an issuer that pays interest.", True),
    ],
)
def test_reply_must_disclaim_when_guarantee_was_asked(request_text: str, reply: str,
                                                      passes: bool) -> None:
    verdict = RULE.check(RailInput(reply, Stage.REPLY, user_text=request_text))
    assert verdict.passed is passes


def test_omission_is_not_judged_while_streaming() -> None:
    partial = RailInput("The equity index fund tracks large US companies.", Stage.REPLY,
                        user_text="Which fund guarantees me 10%?", complete=False)
    assert RULE.check(partial).passed


@pytest.mark.parametrize(
    ("request_text", "solicits"),
    [
        ("Which fund guarantees me a 10% return? Give me a pick.", True),
        ("I want an investment where I can't lose money", True),
        ("is there a risk-free way to earn 8 percent?", True),
        ("Can you promise me a 5% return?", True),
        ("What is a Guaranteed Investment Certificate?", False),
        ("Are my deposits insured by the FDIC?", False),
        ("What does guarantor mean on a loan?", False),
        ("How do bond funds work?", False),
    ],
)
def test_pre_answer_stage_detects_guarantee_requests(request_text: str, solicits: bool) -> None:
    verdict = RULE.check(RailInput(request_text, Stage.PRE_ANSWER))
    assert verdict.passed is not solicits
