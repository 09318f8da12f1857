"""FIN-04: past performance in unanticipated words gets the caveat; a day's move does not."""

import pytest

from guardrails.rules.base import RailInput, default_registry
from guardrails.verdict import Action, Stage

RULE = default_registry.create("FIN-04")

NEEDS_CAVEAT = [
    "A 45% gain in one year would have turned $10,000 into about $14,500.",
    "Over the last decade the Nasdaq Composite has risen several-fold, outpacing other indexes.",
    "$10,000 invested in the fund ten years ago would have grown to $30,780.",
    "The fund returned 12% last year, and the S&P 500 closed at 6,712.35 today.",
    "The Core Bond Fund returned 4.1% over the past 12 months.",
    # An illustration beside a track record does not excuse the record.
    "The US Equity Index Fund returned 24.1% last year. By the rule of 72, money growing at 8% "
    "doubles in about 9 years.",
    "Through today, the fund has returned 11.2% a year over the past ten years.",
    "Apple shares rose 35% to $182 over the past year.",
]
NO_CAVEAT_NEEDED = [
    "According to the news wire, the S&P 500 rose 0.8% to 6,712.35 on November 20.",
    "Yesterday the Nasdaq gained 1.2%.",
    "The Dow fell 0.4% on the day.",
    "At 6% a year, money would double in about 12 years by the rule of 72.",
    "If you invest $1,000 at 5% a year, it would grow to about $1,629 in ten years.",
    "The fund returned 12% last year. Past performance does not predict future results.",
    "Yes.",
    "Our 12-month CD offers a 3.85% return over the term.",
    "The Fed's 0.25% increase in rates last month was its first this year.",
    "Over the past two years the prime rate has risen from 7.5% to 8.5%.",
]


@pytest.mark.parametrize("reply", NEEDS_CAVEAT)
def test_past_performance_gets_the_caveat(reply: str) -> None:
    verdict = RULE.check(RailInput(reply, Stage.REPLY))
    assert not verdict.passed, verdict.rationale
    assert verdict.action is Action.REWRITE
    assert verdict.repaired_text is not None
    assert RULE.check(RailInput(verdict.repaired_text, Stage.REPLY)).passed


@pytest.mark.parametrize("reply", NO_CAVEAT_NEEDED)
def test_market_news_illustrations_and_caveated_figures_pass(reply: str) -> None:
    verdict = RULE.check(RailInput(reply, Stage.REPLY))
    assert verdict.passed, verdict.rationale


def test_a_track_record_presented_as_a_promise_is_blocked_even_with_the_caveat() -> None:
    verdict = RULE.check(RailInput("It returned 20% last year, so it will do well again. Past "
                                   "performance does not predict future results.", Stage.REPLY))
    assert not verdict.passed and verdict.action is Action.BLOCK
