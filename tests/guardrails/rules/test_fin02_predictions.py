"""FIN-02: forecasts made by leaning, calling results ahead of time, or trusting momentum."""

import pytest

from guardrails.rules.base import RailInput, default_registry
from guardrails.verdict import Stage

RULE = default_registry.create("FIN-02")

FORECASTS = [
    "I'd lean toward a pop after the report given how strong iPhone demand has been.",
    "This time, Apple's results should come in ahead of expectations.",
    "With a track record like that, it's hard to see it falling behind now.",
    "That kind of momentum usually carries forward.",
    "Earnings are likely to beat estimates, so the shares should follow.",
]
NOT_FORECASTS = [
    "Momentum strategies buy recent winners; the evidence on whether momentum persists is mixed.",
    "Results that come in ahead of expectations often lift a stock, but not always.",
    "It's hard to see from the data alone why the fund lagged.",
    "I can't predict whether the shares will rise after the report.",
    "The company reports its quarterly results on Thursday after the close.",
]


@pytest.mark.parametrize("reply", FORECASTS)
def test_forecasts_are_flagged(reply: str) -> None:
    assert not RULE.check(RailInput(reply, Stage.REPLY)).passed


@pytest.mark.parametrize("reply", NOT_FORECASTS)
def test_descriptions_and_refusals_pass(reply: str) -> None:
    verdict = RULE.check(RailInput(reply, Stage.REPLY))
    assert verdict.passed, verdict.rationale
