"""`advisor eval guardrails`: rule, decision and PII metrics on the team's labelled sets.

The evaluation sets in guardrails/eval_data were written separately from the
rules and from the classifier training data, and nothing is fitted to them.
"""

from __future__ import annotations

import json
import time
from collections import defaultdict
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from guardrails.batch import _documents
from guardrails.checker import GuardrailChecker, RailResult
from guardrails.pii import PlaceholderMap, Redactor

EVAL_DIR = Path(__file__).resolve().parent / "eval_data"


def _read(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()
            if line.strip()]


def _ratio(numerator: float, denominator: float) -> float | None:
    return round(numerator / denominator, 4) if denominator else None


def rule_metrics(cases: Iterable[tuple[set[str], set[str]]]) -> dict[str, dict[str, Any]]:
    counts: dict[str, dict[str, int]] = defaultdict(lambda: {"tp": 0, "fp": 0, "fn": 0})
    for expected, predicted in cases:
        for rule in expected | predicted:
            if rule in expected and rule in predicted:
                counts[rule]["tp"] += 1
            elif rule in predicted:
                counts[rule]["fp"] += 1
            else:
                counts[rule]["fn"] += 1
    return {
        rule: {**c, "precision": _ratio(c["tp"], c["tp"] + c["fp"]),
               "recall": _ratio(c["tp"], c["tp"] + c["fn"])}
        for rule, c in sorted(counts.items())
    }


def decision_metrics(rows: list[tuple[set[str], str]]) -> dict[str, Any]:
    violating = [action for expected, action in rows if expected]
    compliant = [action for expected, action in rows if not expected]
    caught = sum(action != "allow" for action in violating)
    false_blocks = sum(action != "allow" for action in compliant)
    return {
        "cases": len(rows), "violating": len(violating), "compliant": len(compliant),
        "block_recall": _ratio(caught, len(violating)),
        "false_block_rate": _ratio(false_blocks, len(compliant)),
    }


def _evaluate_cases(cases: list[dict[str, Any]],
                    judge: Callable[[dict[str, Any]], RailResult]) -> dict[str, Any]:
    rows, pairs, misses = [], [], []
    for case in cases:
        result = judge(case)
        expected = set(case.get("violations", []))
        predicted = set(result.violations)
        rows.append((expected, result.action.value))
        pairs.append((expected, predicted))
        if bool(expected) != (result.action.value != "allow"):
            misses.append({"id": case["id"], "expected": sorted(expected),
                           "predicted": sorted(predicted), "action": result.action.value})
    return {"decisions": decision_metrics(rows), "rules": rule_metrics(pairs),
            "misclassified": misses}


def evaluate_requests(checker: GuardrailChecker, redactor: Redactor,
                      path: Path) -> dict[str, Any]:
    return _evaluate_cases(_read(path), lambda case: checker.check_request(
        redactor.redact(case["user"], PlaceholderMap()).text))


def evaluate_replies(checker: GuardrailChecker, path: Path) -> dict[str, Any]:
    return _evaluate_cases(_read(path), lambda case: checker.check_reply(
        case["reply"], case.get("user", ""), _documents(case.get("context"))))


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def evaluate_pii(redactor: Redactor, path: Path) -> dict[str, Any]:
    per_type: dict[str, dict[str, int]] = defaultdict(lambda: {"tp": 0, "fp": 0, "fn": 0})
    values = leaked = lookalikes = over_redacted = 0
    elapsed: list[float] = []
    for case in _read(path):
        started = time.perf_counter()
        result = redactor.redact(case["text"], PlaceholderMap())
        elapsed.append((time.perf_counter() - started) * 1000)
        gold = [(e["type"], (e["start"], e["end"])) for e in case.get("entities", [])]
        found = [(e.type, (e.start, e.end)) for e in result.entities]
        matched_found: set[int] = set()
        for gold_type, gold_span in gold:
            hit = next((i for i, (t, span) in enumerate(found) if t == gold_type and
                        _overlaps(span, gold_span) and i not in matched_found), None)
            if hit is None:
                per_type[gold_type]["fn"] += 1
            else:
                per_type[gold_type]["tp"] += 1
                matched_found.add(hit)
        for index, (found_type, _span) in enumerate(found):
            if index not in matched_found:
                per_type[found_type]["fp"] += 1
        for entity in case.get("entities", []):
            values += 1
            leaked += entity["value"] in result.text
        for lookalike in case.get("lookalikes", []):
            lookalikes += 1
            over_redacted += lookalike["value"] not in result.text
    types = {}
    for entity_type, c in sorted(per_type.items()):
        precision = c["tp"] / (c["tp"] + c["fp"]) if c["tp"] + c["fp"] else 0.0
        recall = c["tp"] / (c["tp"] + c["fn"]) if c["tp"] + c["fn"] else 0.0
        f2 = (5 * precision * recall / (4 * precision + recall)) if precision + recall else 0.0
        types[entity_type] = {**c, "precision": round(precision, 4), "recall": round(recall, 4),
                              "f2": round(f2, 4)}
    elapsed.sort()
    return {
        "texts": len(elapsed), "entities": values,
        "leak_rate": _ratio(leaked, values),
        "lookalikes": lookalikes, "over_redaction_rate": _ratio(over_redacted, lookalikes),
        "per_type": types,
        "latency_ms": {"p50": round(elapsed[len(elapsed) // 2], 2),
                       "p95": round(elapsed[int(len(elapsed) * 0.95) - 1], 2)} if elapsed else {},
    }


def evaluate_guardrails(checker: GuardrailChecker, redactor: Redactor,
                        eval_dir: Path = EVAL_DIR) -> dict[str, Any]:
    return {
        "requests": evaluate_requests(checker, redactor, eval_dir / "requests.jsonl"),
        "replies": evaluate_replies(checker, eval_dir / "replies.jsonl"),
        "pii": evaluate_pii(redactor, eval_dir / "pii.jsonl"),
    }


def format_report(report: dict[str, Any]) -> str:
    lines = []
    for stage in ("requests", "replies"):
        d = report[stage]["decisions"]
        lines.append(f"{stage}: {d['cases']} cases ({d['violating']} violating): block recall "
                     f"{d['block_recall']}, false-block rate {d['false_block_rate']}")
        for rule, m in report[stage]["rules"].items():
            lines.append(f"  {rule:7} precision {m['precision']!s:>6}  recall {m['recall']!s:>6}"
                         f"  (tp {m['tp']}, fp {m['fp']}, fn {m['fn']})")
    pii = report["pii"]
    lines.append(f"pii: {pii['texts']} texts, {pii['entities']} values: leak rate "
                 f"{pii['leak_rate']}, over-redaction of look-alikes {pii['over_redaction_rate']}")
    for entity_type, m in pii["per_type"].items():
        lines.append(f"  {entity_type:20} precision {m['precision']:.3f}  recall "
                     f"{m['recall']:.3f}  F2 {m['f2']:.3f}")
    return "\n".join(lines)
