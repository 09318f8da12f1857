"""Passages without a kind: a dated publication is told apart from a market data record."""

import pytest

from guardrails.rules.base import ContextDocument
from guardrails.rules.grounding import document_kind


@pytest.mark.parametrize(("source", "identifier", "expected"), [
    ("Larkspur Core Bond Fund factsheet (sample)", "doc-1", "document"),
    ("Larkspur Bank rate sheet (sample)", "doc-2", "document"),
    ("Larkspur Bank fee schedule (sample)", "d", "document"),
    ("Larkspur research note (sample)", "d", "document"),
    ("Larkspur advice services page (sample)", "d", "document"),
    # Releases of market data are dated data, not publications to leave unaged.
    ("Federal Reserve statement (sample)", "d", ""),
    ("BLS CPI report", "d", ""),
    ("ECB policy rate (sample)", "d", ""),
    ("CME FedWatch page", "d", ""),
    ("Summit ETF prospectus summary (sample)", "d", "document"),
    ("Market data feed (sample)", "doc-3", ""),
    ("US Treasury daily yield data (sample)", "d", ""),
    ("Financial news wire (sample)", "d", ""),
    ("Mortgage market survey (sample)", "d", ""),
    ("", "market:SPX", ""),
    ("", "doc-9", ""),
    ("", "US Treasury 10-year note yield", ""),
])
def test_kind_is_inferred_from_source_and_id(source: str, identifier: str,
                                             expected: str) -> None:
    assert document_kind(ContextDocument(id=identifier, text="x", source=source)) == expected


def test_a_given_kind_is_kept() -> None:
    document = ContextDocument(id="x", text="x", source="Some factsheet", kind="market")
    assert document_kind(document) == "market"
