"""FIN-06 and FIN-19: figures must come from retrieved documents."""

import pytest

from guardrails.rules.base import ContextDocument
from guardrails.verdict import Action

from .table import judge

MARKET = ContextDocument("market:SPX", "S&P 500 index (SPX): 6712.35 points as of "
                         "2026-11-20T21:00:00Z.", "SAMPLE DATA", "2026-11-20T21:00:00Z",
                         kind="market")
RATES = ContextDocument("rate-sheet:hys", "Larkspur High-Yield Savings rates and fees as of "
                        "2026-11-01: APY: 3.80% (Variable); monthly maintenance fee: $0.00.",
                        "Larkspur Bank rate sheet (sample)", "2026-11-01", kind="rate_sheet")

CASES = [
    ("FIN-06", "The S&P 500 closed at 6712.35 points on 2026-11-20.", [MARKET], False),
    ("FIN-06", "The S&P 500 was around 6,712 points as of 2026-11-20.", [MARKET], False),
    ("FIN-06", "The S&P 500 closed at 6,950 points yesterday.", [MARKET], True),
    ("FIN-06", "The 10-year Treasury yield is 4.5%.", [MARKET], True),
    ("FIN-06", "The S&P 500 tracks 500 large US companies.", [], False),
    ("FIN-19", "The High-Yield Savings APY is 3.80% as of 2026-11-01.", [RATES], False),
    ("FIN-19", "The High-Yield Savings APY is 4.25%.", [RATES], True),
    ("FIN-19", "Our wire transfer fee is $30.", [], True),
    ("FIN-19", "Deposits are FDIC insured up to $250,000.", [], False),
    ("FIN-19", "For example, if you deposit $1,000 at 3% you would earn about $30 a year.", [],
     False),
]


@pytest.mark.parametrize(("rule", "reply", "context", "violates"), CASES)
def test_grounding_table(rule: str, reply: str, context: list[ContextDocument],
                         violates: bool) -> None:
    verdict = judge(rule, reply, documents=context)
    assert verdict.passed is not violates, verdict.rationale


def test_ungrounded_sentence_is_removed_and_rest_kept() -> None:
    verdict = judge("FIN-19", "Savings accounts pay interest. Our savings APY is 5.10%.",
                    documents=[RATES])
    assert verdict.action is Action.REWRITE
    assert verdict.repaired_text == "Savings accounts pay interest."
    assert verdict.evidence[0].text == "5.10%"


def test_market_figure_is_not_grounded_by_firm_documents_for_firm_rule() -> None:
    market_as_firm = ContextDocument("blog", "Larkspur savings APY is 3.80%", "a blog", "",
                                     kind="web")
    assert not judge("FIN-19", "The savings APY is 3.80%.", documents=[market_as_firm]).passed


def test_stale_market_figure_gets_its_date_and_age() -> None:
    from guardrails.rules.base import RailInput, default_registry
    from guardrails.verdict import Stage

    rule = default_registry.create("FIN-06", {"max_age_hours": 72,
                                              "now": "2026-11-30T12:00:00Z"})
    verdict = rule.check(RailInput("The S&P 500 is at 6712.35 points.", Stage.REPLY,
                                   documents=[MARKET]))
    assert verdict.action is Action.REWRITE
    assert verdict.repaired_text is not None
    assert "2026-11-20" in verdict.repaired_text and "10 days old" in verdict.repaired_text
    fresh = default_registry.create("FIN-06", {"max_age_hours": 72,
                                               "now": "2026-11-21T12:00:00Z"})
    assert fresh.check(RailInput("The S&P 500 is at 6712.35 points.", Stage.REPLY,
                                 documents=[MARKET])).passed
    dated = rule.check(RailInput("On 2026-11-20 the S&P 500 closed at 6712.35 points.",
                                 Stage.REPLY, documents=[MARKET]))
    assert dated.passed
