"""FIN-06 / FIN-19 on team-written cases: dated figures from the context pass, invented ones
do not, performance history and allocations are not market data, and freshness is judged in
market hours with the date accepted in any common format."""

import json
from pathlib import Path

import pytest

from guardrails.batch import _documents
from guardrails.rules.base import RailInput, default_registry
from guardrails.rules.grounding import date_mentions
from guardrails.verdict import Action, Stage

from .grounding_cases_path import CASES_PATH

CASES = [json.loads(line) for line in Path(CASES_PATH).read_text().splitlines() if line.strip()]
# Judged at a fixed time: the Monday after the sample snapshot (Friday 2026-11-20 close).
MONDAY = "2026-11-23T15:00:00Z"


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_grounding_cases(case: dict) -> None:
    documents = _documents(case["context"])
    found = set()
    for rule_id in ("FIN-06", "FIN-19"):
        rule = default_registry.create(rule_id, {"max_age_hours": 72, "now": MONDAY})
        verdict = rule.check(RailInput(case["reply"], Stage.REPLY, user_text=case["user"],
                                       documents=documents))
        if not verdict.passed:
            found.add(rule_id)
    assert found == set(case["violations"]), case["reply"]


SPX = _documents([{"id": "market:SPX", "text": "S&P 500 index (SPX): 6712.35 points as of "
                   "2026-11-20T21:00:00Z.", "source": "SAMPLE DATA",
                   "as_of": "2026-11-20T21:00:00Z", "kind": "market"}])


def _fin06(now: str) -> object:
    return default_registry.create("FIN-06", {"max_age_hours": 72, "now": now})


@pytest.mark.parametrize(("now", "stale"), [
    ("2026-11-23T09:00:00Z", False),   # Monday: Friday's close is the latest data
    ("2026-11-24T20:00:00Z", False),   # Tuesday evening: 71 market hours
    ("2026-11-26T12:00:00Z", True),    # Thursday
    ("2026-12-15T12:00:00Z", True),
])
def test_freshness_counts_market_hours(now: str, stale: bool) -> None:
    verdict = _fin06(now).check(RailInput("The S&P 500 is at 6,712 points.", Stage.REPLY,
                                          documents=SPX))
    assert verdict.passed is not stale
    if stale:
        assert verdict.action is Action.REWRITE and "2026-11-20" in (verdict.repaired_text or "")


@pytest.mark.parametrize("reply", [
    "As of November 20, 2026, the S&P 500 was at 6,712 points.",
    "The S&P 500 closed at 6712.35 on Nov. 20.",
    "At Friday's close the S&P 500 stood at 6,712 points.",
    "The S&P 500 was 6,712 on 20 November (sample data).",
    "The S&P 500 was 6,712 points on 11/20/2026.",
])
def test_stale_figure_with_its_date_is_not_presented_as_current(reply: str) -> None:
    assert _fin06("2026-12-01T12:00:00Z").check(RailInput(reply, Stage.REPLY,
                                                          documents=SPX)).passed


def test_date_mentions_need_the_right_day() -> None:
    pattern = date_mentions("2026-11-20T21:00:00Z")
    assert pattern is not None
    assert not pattern.search("on November 2, 2026")
    assert not pattern.search("in November")


def test_rate_sheet_is_not_aged_as_market_data() -> None:
    sheet = _documents([{"id": "rate-sheet:hys", "text": "Larkspur High-Yield Savings rates as "
                         "of 2026-11-01: APY: 3.80%.", "source": "Larkspur Bank rate sheet",
                         "as_of": "2026-11-01", "kind": "rate_sheet"}])
    verdict = _fin06("2026-11-23T09:00:00Z").check(RailInput(
        "The savings APY is 3.80%.", Stage.REPLY, documents=sheet))
    assert verdict.passed


def test_amount_is_not_grounded_by_an_index_name() -> None:
    verdict = default_registry.create("FIN-19").check(RailInput(
        "Our brokerage account has a $500 minimum opening deposit.", Stage.REPLY,
        documents=SPX))
    assert not verdict.passed
