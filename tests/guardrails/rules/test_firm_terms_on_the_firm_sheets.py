"""FIN-19 against the sample firm's own rate sheet and product sheets, as retrieval returns them:
correct quotes pass, figures bound to the wrong term, length or product are removed."""

from pathlib import Path

import pytest

from guardrails.rules.base import ContextDocument, RailInput, default_registry
from guardrails.verdict import Stage
from knowledge.loaders import load_product_sheets, load_rate_sheet

FIRM = Path(__file__).resolve().parents[3] / "knowledge" / "data" / "firm"
DOCUMENTS = {d.id: ContextDocument(id=d.id, text=d.text, source=d.source, as_of=d.as_of or "",
                                   title=d.title, kind=d.kind)
             for d in [*load_rate_sheet(FIRM / "rate_sheet.csv"),
                       *load_product_sheets(FIRM / "products")]}
RULE = default_registry.create("FIN-19")
MORTGAGE = "rate-sheet:larkspur-30-year-fixed-mortgage"
CHECKING = "rate-sheet:larkspur-everyday-checking"
CDS = "rate-sheet:larkspur-certificates-of-deposit"


@pytest.mark.parametrize(("reply", "ids", "flagged"), [
    ("The 30-year fixed mortgage rate is 6.125%.", [MORTGAGE], False),
    ("Our 30-year fixed mortgage is at 6.125% in the rate sheet's example.", [MORTGAGE], False),
    ("A 12-month CD at $1,000 earns 3.85% APY.", [CDS], False),
    ("The 24-month CD at $1,000 minimum pays 3.50% APY.", [CDS], False),
    ("The 24-month CD pays 3.85% APY.", [CDS], True),
    ("Everyday Checking's monthly maintenance fee is $1,500.", [CHECKING], True),
    ("Everyday Checking's monthly maintenance fee is $12.", [CHECKING], False),
])
def test_quotes_against_the_sample_firms_sheets(reply: str, ids: list[str],
                                                flagged: bool) -> None:
    verdict = RULE.check(RailInput(reply, Stage.REPLY, documents=[DOCUMENTS[i] for i in ids]))
    assert verdict.passed is not flagged, verdict.rationale
