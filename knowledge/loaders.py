"""Load each kind of content from the files the team ships.

Glossary entries are JSON arrays; firm documents are Markdown product sheets
with YAML front matter plus a CSV rate sheet; market data is timestamped
records (JSON or CSV). Each loader turns its files into KnowledgeDocuments
with a stable id, a title to cite, the source and the as-of time.
"""

from __future__ import annotations

import csv
import json
import re
from collections import defaultdict
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import yaml
from langchain_text_splitters import MarkdownHeaderTextSplitter

from knowledge.documents import KnowledgeDocument

GLOSSARY_SOURCE = "Larkspur finance glossary"


class ContentError(ValueError):
    """A content file is malformed; the message names the file and entry."""


def slugify(value: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", value.lower()).strip("-")


def load_glossary(directories: Iterable[Path]) -> Iterator[KnowledgeDocument]:
    seen: dict[str, Path] = {}
    for directory in directories:
        for path in sorted(Path(directory).glob("*.json")):
            try:
                entries = json.loads(path.read_text(encoding="utf-8"))
            except json.JSONDecodeError as exc:
                raise ContentError(f"{path}: invalid JSON ({exc})") from exc
            for number, entry in enumerate(entries):
                complete = isinstance(entry, dict) and entry.get("term") and entry.get("definition")
                if not complete:
                    raise ContentError(f"{path}: entry {number} lacks a term or definition")
                slug = slugify(entry["term"])
                if slug in seen:
                    continue  # the first file to define a term wins
                seen[slug] = path
                aliases = [a for a in entry.get("aliases", []) if a]
                heading = entry["term"] + (f" ({', '.join(aliases)})" if aliases else "")
                related = entry.get("related", [])
                text = f"{heading}: {entry['definition']}"
                if related:
                    text += f" Related terms: {', '.join(related)}."
                yield KnowledgeDocument(
                    id=f"glossary:{slug}",
                    title=entry["term"],
                    kind="glossary",
                    text=text,
                    source=GLOSSARY_SOURCE,
                    as_of=None,
                    metadata={"category": entry.get("category", ""), "aliases": aliases,
                              "related": related},
                )


def _split_front_matter(path: Path) -> tuple[dict[str, Any], str]:
    raw = path.read_text(encoding="utf-8")
    if not raw.startswith("---"):
        raise ContentError(f"{path}: missing YAML front matter")
    _, header, body = raw.split("---", 2)
    meta = yaml.safe_load(header) or {}
    for key in ("id", "title", "source", "as_of"):
        if key not in meta:
            raise ContentError(f"{path}: front matter lacks {key!r}")
    return meta, body


def load_product_sheets(directory: Path) -> Iterator[KnowledgeDocument]:
    splitter = MarkdownHeaderTextSplitter(headers_to_split_on=[("#", "title"), ("##", "section")])
    for path in sorted(directory.glob("*.md")):
        meta, body = _split_front_matter(path)
        for chunk in splitter.split_text(body):
            section = chunk.metadata.get("section") or "About this sheet"
            text = chunk.page_content.strip()
            if not text:
                continue
            yield KnowledgeDocument(
                id=f"{meta['id']}#{slugify(section)}",
                title=f"{meta['title']}: {section}",
                kind=str(meta.get("kind", "product")),
                text=f"{meta['title']} - {section}. {text}",
                source=str(meta["source"]),
                as_of=str(meta["as_of"]),
                metadata={"product_id": meta["id"], "section": section},
            )


def load_rate_sheet(path: Path) -> Iterator[KnowledgeDocument]:
    """One passage per product: every rate and fee with its unit and date."""
    rows: dict[str, list[dict[str, str]]] = defaultdict(list)
    with path.open(newline="", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            rows[row["product_id"]].append(row)
    for product_id, items in rows.items():
        product = items[0]["product"]
        as_of = items[0]["as_of"]
        parts = []
        for item in items:
            unit = item["unit"]
            value = item["value"]
            shown = f"${value}" if unit == "USD" else (f"{value}%" if unit == "percent" else
                                                       f"{value} {unit}")
            note = f" ({item['notes']})" if item.get("notes") else ""
            parts.append(f"{item['item']}: {shown}{note}")
        yield KnowledgeDocument(
            id=f"rate-sheet:{product_id}",
            title=f"{product} rates and fees",
            kind="rate_sheet",
            text=f"{product} rates and fees as of {as_of}: " + "; ".join(parts) + ".",
            source="Larkspur Bank rate sheet (sample)",
            as_of=as_of,
            metadata={"product_id": product_id},
        )


def load_firm_documents(directories: Iterable[Path]) -> Iterator[KnowledgeDocument]:
    for directory in directories:
        directory = Path(directory)
        if (directory / "products").is_dir():
            yield from load_product_sheets(directory / "products")
        if (directory / "rate_sheet.csv").exists():
            yield from load_rate_sheet(directory / "rate_sheet.csv")


def _market_record_document(record: dict[str, Any]) -> KnowledgeDocument:
    for key in ("symbol", "value", "unit", "as_of", "source"):
        if key not in record:
            raise ContentError(f"market record lacks {key!r}: {record}")
    name = record.get("name") or record["symbol"]
    unit = record["unit"]
    value = record["value"]
    shown = f"{value}%" if unit == "percent" else f"{value} {unit}"
    return KnowledgeDocument(
        id=f"market:{record['symbol']}",
        title=f"{name} ({record['symbol']})",
        kind="market",
        text=f"{name} ({record['symbol']}): {shown} as of {record['as_of']}.",
        source=str(record["source"]),
        as_of=str(record["as_of"]),
        metadata={"symbol": record["symbol"], "value": value, "unit": unit,
                  "market_kind": record.get("kind", "")},
    )


def load_market_records(paths: Iterable[Path]) -> Iterator[KnowledgeDocument]:
    for path in paths:
        path = Path(path)
        if not path.exists():
            continue
        if path.suffix == ".json":
            records = json.loads(path.read_text(encoding="utf-8"))
        elif path.suffix == ".csv":
            with path.open(newline="", encoding="utf-8") as handle:
                records = list(csv.DictReader(handle))
        else:
            raise ContentError(f"{path}: market data must be .json or .csv")
        for record in records:
            yield _market_record_document(record)
