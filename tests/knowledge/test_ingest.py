"""`advisor ingest` from files and from a real HTTP feed served on loopback."""

from __future__ import annotations

import json
import shutil
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from assistant.config import DEFAULT_CONFIG_DIR, Settings, load_settings
from knowledge.ingest import ingest_feed, ingest_file, watch_feed
from knowledge.knowledge_base import KnowledgeBase
from knowledge.loaders import ContentError


@pytest.fixture()
def isolated(tmp_path: Path, settings: Settings) -> Settings:
    """Project settings with ingestion and the index cache in a temporary folder, reusing
    the session's index so the test embeds only what it adds."""
    cache = tmp_path / "cache"
    shutil.copytree(settings.cache_path / "index", cache / "index")
    (cache / "models").symlink_to(settings.cache_path / "models")  # same (tuned) embedder
    return load_settings(DEFAULT_CONFIG_DIR, environ={}, overrides={
        "retrieval.ingested_dir": str(tmp_path / "ingested"),
        "storage.cache_dir": str(cache),
        "retrieval.reload_check_seconds": 0,
    })


def _market(value: float) -> list[dict[str, object]]:
    return [{"symbol": "ZZTEST", "name": "Test Index", "kind": "index", "value": value,
             "unit": "points", "as_of": "2026-11-22T21:00:00Z", "source": "TEST FEED"}]


class _Feed(BaseHTTPRequestHandler):
    payload: bytes = b"[]"

    def do_GET(self) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.end_headers()
        self.wfile.write(type(self).payload)

    def log_message(self, *args: object) -> None:
        return None


@pytest.fixture()
def feed() -> Iterator[tuple[str, type[_Feed]]]:
    handler = type("Handler", (_Feed,), {})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/quotes", handler
    server.shutdown()


def test_feed_updates_are_picked_up_incrementally(isolated: Settings,
                                                  feed: tuple[str, type[_Feed]]) -> None:
    url, handler = feed
    serving = KnowledgeBase(isolated)
    before = serving.ensure_index()
    assert not any(d.id == "market:ZZTEST" for d in before.documents)

    handler.payload = json.dumps(_market(1234.5)).encode()
    ingest_feed(isolated, url)
    builder = KnowledgeBase(isolated)
    builder.ensure_index()
    assert builder.last_build_stats["embedded"] == 1, "only the new passage is embedded"

    serving.search("Test Index level")  # the serving process swaps in the new index
    hit = next(d for d in serving.ensure_index().documents if d.id == "market:ZZTEST")
    assert "1234.5" in hit.text

    handler.payload = json.dumps(_market(1300.0)).encode()
    failures = watch_feed(isolated, url, interval=0, max_polls=2,
                          on_update=lambda count: KnowledgeBase(isolated).ensure_index(),
                          sleep=lambda _: None)
    assert failures == 0
    serving.search("Test Index level")
    hit = next(d for d in serving.ensure_index().documents if d.id == "market:ZZTEST")
    assert "1300.0" in hit.text


def test_bad_feed_keeps_the_last_good_data(isolated: Settings,
                                           feed: tuple[str, type[_Feed]]) -> None:
    url, handler = feed
    handler.payload = json.dumps(_market(1111.0)).encode()
    target, _ = ingest_feed(isolated, url)
    handler.payload = b'[{"symbol": "BROKEN"}]'
    failures = watch_feed(isolated, url, interval=0, max_polls=1, on_update=lambda c: None)
    assert failures == 1
    assert json.loads(target.read_text())[0]["value"] == 1111.0


def test_files_are_validated_before_install(isolated: Settings, tmp_path: Path) -> None:
    good = tmp_path / "extra.csv"
    good.write_text("term,aliases,category,definition,related\n"
                    "Test Term,TT;T-T,banking,A test term. It exists only in this test.,Bond\n")
    target, count = ingest_file(isolated, "glossary", good)
    assert count == 1 and target.suffix == ".json"
    bad = tmp_path / "bad.json"
    bad.write_text('[{"symbol": "X"}]')
    with pytest.raises(ContentError, match=r"bad\.json"):
        ingest_file(isolated, "market", bad)
    assert not (Path(isolated.retrieval.ingested_dir) / "market" / "bad.json").exists()


def test_failed_rebuild_leaves_the_last_good_index(isolated: Settings,
                                                   monkeypatch: pytest.MonkeyPatch,
                                                   tmp_path: Path) -> None:
    knowledge = KnowledgeBase(isolated)
    good = knowledge.ensure_index()
    extra = tmp_path / "more.json"
    extra.write_text(json.dumps(_market(99.5)))
    ingest_file(isolated, "market", extra)

    def broken(texts: list[str], batch_size: int = 64) -> object:
        raise RuntimeError("simulated crash while embedding")

    rebuilding = KnowledgeBase(isolated)
    monkeypatch.setattr(rebuilding.embedder, "embed", broken)
    with pytest.raises(RuntimeError):
        rebuilding.ensure_index()
    survivor = KnowledgeBase(isolated).index_root / "current"
    from knowledge.index import VectorIndex

    assert len(VectorIndex.load(survivor).documents) == len(good.documents)


def test_ingest_command(isolated: Settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                        capsys: pytest.CaptureFixture[str]) -> None:
    from assistant.cli import main

    monkeypatch.setenv("ADVISOR_RETRIEVAL__INGESTED_DIR", isolated.retrieval.ingested_dir)
    monkeypatch.setenv("ADVISOR_CACHE_DIR", isolated.storage.cache_dir)
    snapshot = tmp_path / "snap.csv"
    snapshot.write_text("symbol,name,kind,value,unit,as_of,source\n"
                        "ZZCSV,CSV Test Index,index,777.25,points,2026-11-22T21:00:00Z,TEST\n")
    assert main(["ingest", "market", str(snapshot)]) == 0
    out = capsys.readouterr().out
    assert "1 passages installed" in out and "1 embedded" in out
    assert main(["ingest", "market", str(tmp_path / "missing.csv")]) == 1
