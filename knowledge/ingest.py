"""`advisor ingest`: add content from files or a market-data feed, then refresh the index.

Every file is parsed with the same loaders the index uses before it is
installed, so a malformed file is rejected with its name and nothing changes.
Files are installed atomically (written beside, then renamed), and the index
is rebuilt incrementally and replaced atomically: queries keep using the last
good index while a new one builds, and a failed update leaves it in place.
"""

from __future__ import annotations

import csv
import io
import json
import logging
import os
import tempfile
import time
import urllib.request
from collections.abc import Callable
from pathlib import Path
from typing import Any

from assistant.config import Settings
from knowledge.loaders import (
    ContentError,
    load_glossary,
    load_market_records,
    load_product_sheets,
    load_rate_sheet,
)

log = logging.getLogger(__name__)
KINDS = ("glossary", "firm", "market")


def ingested_root(settings: Settings) -> Path:
    return settings.resolve_path(settings.retrieval.ingested_dir)


def _install(content: bytes, target: Path) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    descriptor, staging = tempfile.mkstemp(prefix=".ingest-", dir=target.parent)
    with os.fdopen(descriptor, "wb") as handle:
        handle.write(content)
    os.replace(staging, target)


def _glossary_from_csv(raw: str) -> list[dict[str, Any]]:
    """CSV columns: term, aliases, category, definition, related (lists separated by ';')."""
    entries = []
    for row in csv.DictReader(io.StringIO(raw)):
        def split(value: str | None) -> list[str]:
            return [part.strip() for part in (value or "").split(";") if part.strip()]
        entries.append({"term": row.get("term", ""), "aliases": split(row.get("aliases")),
                        "category": row.get("category", ""),
                        "definition": row.get("definition", ""),
                        "related": split(row.get("related"))})
    return entries


def _validate_in_staging(kind: str, name: str, content: bytes) -> int:
    """Parse the file with the index's loaders in a scratch folder; return passage count."""
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        path = folder / name
        path.write_bytes(content)
        if kind == "glossary":
            return len(list(load_glossary([folder])))
        if kind == "market":
            return len(list(load_market_records([path])))
        if path.suffix == ".md":
            return len(list(load_product_sheets(folder)))
        return len(list(load_rate_sheet(path)))


def ingest_file(settings: Settings, kind: str, source: Path) -> tuple[Path, int]:
    """Validate and install one file; returns where it went and how many passages it holds."""
    if kind not in KINDS:
        raise ContentError(f"unknown kind {kind!r} (one of {', '.join(KINDS)})")
    suffix = source.suffix.lower()
    content = source.read_bytes()
    name = source.name
    if kind == "glossary" and suffix == ".csv":
        entries = _glossary_from_csv(content.decode("utf-8"))
        content = json.dumps(entries, ensure_ascii=False, indent=2).encode()
        name = source.stem + ".json"
    allowed = {"glossary": (".json", ".csv"), "market": (".json", ".csv"),
               "firm": (".md", ".csv")}[kind]
    if suffix not in allowed:
        raise ContentError(f"{source}: {kind} files must be {' or '.join(allowed)}")
    try:
        count = _validate_in_staging(kind, name, content)
    except (ContentError, ValueError, KeyError, UnicodeDecodeError) as exc:
        raise ContentError(f"{source}: rejected ({exc})") from exc
    if count == 0:
        raise ContentError(f"{source}: holds no passages")
    folder = ingested_root(settings) / kind
    if kind == "firm" and suffix == ".md":
        folder = folder / "products"
    target = folder / name
    _install(content, target)
    return target, count


def fetch_feed(url: str, timeout: float = 10.0) -> list[dict[str, Any]]:
    """GET a JSON list of market records (or {"records": [...]})."""
    request = urllib.request.Request(url, headers={"Accept": "application/json"})
    with urllib.request.urlopen(request, timeout=timeout) as response:
        payload = json.loads(response.read().decode("utf-8"))
    records = payload.get("records") if isinstance(payload, dict) else payload
    if not isinstance(records, list):
        raise ContentError(f"feed {url} returned no list of records")
    return records


def ingest_feed(settings: Settings, url: str) -> tuple[Path, int]:
    records = fetch_feed(url)
    content = json.dumps(records, ensure_ascii=False, indent=2).encode()
    try:
        count = _validate_in_staging("market", "feed.json", content)
    except (ContentError, ValueError, KeyError) as exc:
        raise ContentError(f"feed {url}: rejected ({exc})") from exc
    target = ingested_root(settings) / "market" / "feed.json"
    _install(content, target)
    return target, count


def watch_feed(settings: Settings, url: str, interval: float, max_polls: int | None,
               on_update: Callable[[int], None], sleep: Callable[[float], None] = time.sleep
               ) -> int:
    """Poll on a schedule; a failed poll is logged and the last good data stays in place."""
    polls = failures = 0
    while max_polls is None or polls < max_polls:
        polls += 1
        try:
            _, count = ingest_feed(settings, url)
            on_update(count)
        except (OSError, ContentError, ValueError) as exc:
            failures += 1
            log.warning("feed poll %d failed, keeping the last good data: %s", polls, exc)
        if max_polls is None or polls < max_polls:
            sleep(interval)
    return failures
