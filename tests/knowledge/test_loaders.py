"""Shipped content loads into cite-able documents, and malformed content is named."""

import json
from pathlib import Path

import pytest

from assistant.config import Settings
from knowledge.knowledge_base import load_all_documents
from knowledge.loaders import (
    ContentError,
    load_glossary,
    load_market_records,
    load_rate_sheet,
)


def test_shipped_content_loads(settings: Settings) -> None:
    documents = load_all_documents(settings)
    kinds = {d.kind for d in documents}
    assert {"glossary", "product", "rate_sheet", "market"} <= kinds
    glossary = [d for d in documents if d.kind == "glossary"]
    assert len(glossary) >= 600
    assert len({d.id for d in documents}) == len(documents), "document ids must be unique"
    for document in documents:
        assert document.title and document.text and document.source
        if document.kind != "glossary":
            assert document.as_of, f"{document.id} lacks an as-of time"


def test_glossary_entries_are_complete(settings: Settings) -> None:
    for directory in settings.retrieval.glossary_dirs:
        for path in sorted(settings.resolve_path(directory).glob("*.json")):
            for entry in json.loads(path.read_text()):
                assert set(entry) == {"term", "aliases", "category", "definition", "related"}
                sentences = [s for s in entry["definition"].split(". ") if s.strip()]
                assert 2 <= len(sentences) <= 6, entry["term"]


def test_rate_sheet_passage_carries_values_and_date(settings: Settings) -> None:
    path = settings.resolve_path("knowledge/data/firm/rate_sheet.csv")
    savings = next(d for d in load_rate_sheet(path)
                   if d.id == "rate-sheet:larkspur-high-yield-savings")
    assert "APY" in savings.text and "%" in savings.text
    assert savings.as_of == "2026-11-01"


def test_market_csv_and_json_agree(settings: Settings) -> None:
    base = settings.resolve_path("knowledge/data/market")
    from_json = {d.id: d.text for d in load_market_records([base / "sample_snapshot.json"])}
    from_csv = {d.id: d.text for d in load_market_records([base / "sample_snapshot.csv"])}
    assert from_json.keys() == from_csv.keys()
    assert len(from_json) >= 30


def test_malformed_glossary_is_named(tmp_path: Path) -> None:
    (tmp_path / "bad.json").write_text('[{"term": "X"}]')
    with pytest.raises(ContentError, match=r"bad\.json"):
        list(load_glossary([tmp_path]))
    (tmp_path / "bad.json").write_text("{not json")
    with pytest.raises(ContentError, match="invalid JSON"):
        list(load_glossary([tmp_path]))
