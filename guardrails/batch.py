"""The guardrail batch interfaces used by evaluation. Their formats are fixed."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from assistant.batch import LineError, read_jsonl
from assistant.config import GuardrailsConfig
from guardrails.checker import GuardrailChecker, RailResult
from guardrails.pii import PlaceholderMap, Redactor
from guardrails.rules.base import ContextDocument
from guardrails.rules.grounding import is_market_record, parse_time
from guardrails.verdict import Verdict

# The rules that judge a market figure's age, and so need to know what "now" is.
AGE_RULES = ("FIN-06", "FIN-19")


def summarise_verdicts(verdicts: Sequence[Verdict]) -> list[dict[str, Any]]:
    """One verdict per rule: its first failure if it ever failed, else its first pass."""
    chosen: dict[str, Verdict] = {}
    for verdict in verdicts:
        current = chosen.get(verdict.rule_id)
        if current is None or (current.passed and not verdict.passed):
            chosen[verdict.rule_id] = verdict
    return [{"rule": v.rule_id, "passed": v.passed, "rationale": v.rationale}
            for v in chosen.values()]


def _result_fields(result: RailResult) -> dict[str, Any]:
    return {"action": result.action.value, "violations": result.violations,
            "verdicts": summarise_verdicts(result.verdicts)}


def request_handler(checker: GuardrailChecker,
                    redactor: Redactor) -> Callable[[dict[str, Any]], dict[str, Any]]:
    def handle(item: dict[str, Any]) -> dict[str, Any]:
        redacted = redactor.redact(item["user"], PlaceholderMap()).text
        return _result_fields(checker.check_request(redacted))
    return handle


def _documents(raw: Any) -> list[ContextDocument]:
    if raw is None:
        return []
    if not isinstance(raw, list):
        raise LineError("field 'context' must be a list")
    documents = []
    for number, item in enumerate(raw):
        if not isinstance(item, dict) or not isinstance(item.get("text"), str):
            raise LineError(f"context[{number}] must be an object with a 'text' string")
        documents.append(ContextDocument(
            id=str(item.get("id", number)), text=item["text"],
            source=str(item.get("source", "")), as_of=str(item.get("as_of") or ""),
            title=str(item.get("title", "")), kind=str(item.get("kind", ""))))
    return documents


def reply_handler(checker: GuardrailChecker) -> Callable[[dict[str, Any]], dict[str, Any]]:
    def handle(item: dict[str, Any]) -> dict[str, Any]:
        user = item.get("user") or ""
        if not isinstance(user, str):
            raise LineError("field 'user' must be str")
        result = checker.check_reply(item["reply"], user, _documents(item.get("context")))
        return {**_result_fields(result), "final_reply": result.text}
    return handle


def redact_handler(redactor: Redactor) -> Callable[[dict[str, Any]], dict[str, Any]]:
    def handle(item: dict[str, Any]) -> dict[str, Any]:
        result = redactor.redact(item["text"], PlaceholderMap())
        return {"redacted": result.text, "entities": [e.as_dict() for e in result.entities]}
    return handle


def data_clock(paths: Iterable[str | Path]) -> str | None:
    """The newest as-of time of the market records in the batch files, capped at the wall
    clock: the moment the batch's data describes. Judging age against it makes a batch's
    verdicts the same whenever it is run (a reply quoting the batch's latest close is current;
    one quoting a record weeks older than the rest is stale), which the wall clock would not.
    None when no file holds a dated market record (or the input is stdin)."""
    newest: datetime | None = None
    for path in paths:
        if str(path) == "-" or not Path(path).is_file():
            continue
        for _, item, _ in read_jsonl(path):
            if not isinstance(item, dict):
                continue
            try:
                documents = _documents(item.get("context"))
            except LineError:
                continue
            for document in documents:
                if not is_market_record(document):
                    continue
                moment = parse_time(document.as_of)
                if moment is not None and (newest is None or moment > newest):
                    newest = moment
    if newest is None:
        return None
    return min(newest, datetime.now(UTC)).isoformat()


def judged_at(config: GuardrailsConfig, now: str | None) -> GuardrailsConfig:
    """The configuration with the age-judging rules set to judge age against ``now``."""
    if not now:
        return config
    rules = [selection.model_copy(update={"params": {**selection.params, "now": now}})
             if selection.id in AGE_RULES else selection for selection in config.reply_rules]
    return config.model_copy(update={"reply_rules": rules})

