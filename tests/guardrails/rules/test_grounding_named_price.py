"""FIN-06: a company or ticker "at" a price is a market quote and must be grounded."""

import pytest

from guardrails.rules.base import ContextDocument, RailInput, default_registry
from guardrails.verdict import Stage

RULE = default_registry.create("FIN-06")
QUOTE = ContextDocument(id="market:aapl", kind="market", as_of="2026-11-20T21:00:00Z",
                        source="Market data feed (sample)",
                        text="symbol,name,kind,value,unit,as_of\n"
                             "AAPL,Apple Inc.,quote,268.42,USD,2026-11-20T21:00:00Z")


@pytest.mark.parametrize(("reply", "flagged"), [
    ("As of the November 20, 2026 close, the snapshot shows Apple at $268.42 and Microsoft at "
     "$515.30.", True),
    ("As of the November 20, 2026 close, the snapshot shows Apple at $268.42.", False),
    ("On November 20, 2026 the feed had MSFT @ $515.30.", True),
])
def test_named_prices_are_market_figures(reply: str, flagged: bool) -> None:
    verdict = RULE.check(RailInput(reply, Stage.REPLY, documents=[QUOTE]))
    assert verdict.passed is not flagged, verdict.rationale
