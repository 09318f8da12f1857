"""JSON Lines batch processing shared by every batch command.

A malformed line produces an error line for its id and the batch goes on;
the exit status says whether any line failed.
"""

from __future__ import annotations

import contextlib
import json
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO, Any


class LineError(ValueError):
    """A line that cannot be processed; its message goes into the error line."""


def read_jsonl(path: str | Path) -> Iterator[tuple[int, Any, str | None]]:
    """Yield (line number, parsed object or None, parse error or None); skips blank lines."""
    with contextlib.ExitStack() as stack:
        handle: IO[bytes] = (sys.stdin.buffer if str(path) == "-"
                             else stack.enter_context(Path(path).open("rb")))
        for number, raw in enumerate(handle, start=1):
            text = raw.decode("utf-8", errors="replace").strip()
            if not text:
                continue
            try:
                yield number, json.loads(text), None
            except json.JSONDecodeError as exc:
                yield number, None, f"malformed JSON: {exc.msg} at column {exc.colno}"


def require_fields(item: Any, fields: dict[str, type]) -> dict[str, Any]:
    if not isinstance(item, dict):
        raise LineError("each line must be a JSON object")
    for name, kind in fields.items():
        if name not in item:
            raise LineError(f"missing field {name!r}")
        if not isinstance(item[name], kind):
            raise LineError(f"field {name!r} must be {kind.__name__}")
    return item


def line_id(item: Any, number: int) -> Any:
    if isinstance(item, dict) and isinstance(item.get("id"), str | int):
        return item["id"]
    return f"line-{number}"


def run_batch(path: str | Path, handle: Callable[[dict[str, Any]], dict[str, Any]],
              fields: dict[str, type], out: IO[str] | None = None) -> int:
    """Process every line; return 0 if all succeeded, 1 if any line failed."""
    out = out or sys.stdout
    failures = 0
    for number, item, parse_error in read_jsonl(path):
        identifier = line_id(item, number)
        try:
            if parse_error:
                raise LineError(parse_error)
            record = require_fields(item, fields)
            result = {"id": identifier, **handle(record)}
        except LineError as exc:
            failures += 1
            result = {"id": identifier, "error": str(exc)}
        except Exception as exc:  # one bad line must not stop the batch
            failures += 1
            result = {"id": identifier, "error": f"{type(exc).__name__}: {exc}"}
        out.write(json.dumps(result, ensure_ascii=False) + "\n")
        out.flush()
    return 1 if failures else 0
