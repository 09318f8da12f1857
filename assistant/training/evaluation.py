"""``advisor eval model``: the base model against the active adapters, through the pipeline.

Both models answer the held-out split of the task dataset through the same
real pipeline (redaction, retrieval, prompt, streaming reply rails), so the
comparison measures what a customer would get. What is scored:

* raw pass rate: generations the reply rails let through untouched (no
  rewrite, no block) — how much the guardrails have to fix;
* key-fact coverage: the reference passage's key facts present in the raw
  answer (grounded questions);
* citation adherence: grounded answers that cite a passage number shown;
* disclosure adherence: final replies carrying the FIN-11 disclosure;
* refusal correctness: policy cases declined or handed off, compliant
  look-alikes answered;
* answer latency: generation time per answer.
"""

from __future__ import annotations

import json
import re
import statistics
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from assistant.bench import machine_info, percentile
from assistant.config import AdapterSpec, Settings
from assistant.training.dataset import DatasetBuild, build_dataset, fact_words, is_negative
from assistant.training.records import ChatRecord, read_records
from guardrails.verdict import Stage

REFUSAL = re.compile(
    r"\b(?:can(?:no|['’])t|unable to|not able to|won['’]t|will not|do(?:n['’]t| not) "
    r"(?:provide|give|offer|make|share|recommend|predict)|not (?:something|in a position)|"
    r"connect you|(?:human|live) (?:agent|advisor|colleague)|speak (?:with|to) (?:an? )?"
    r"(?:agent|advisor|specialist|member of (?:our|the) team)|hand (?:you )?over)\b",
    re.IGNORECASE)
CITATION = re.compile(r"\[(\d{1,2})\]")
TARGETS = {"raw_pass_rate_gain": 0.20, "key_fact_coverage_gain": 0.10,
           "latency_increase_max": 0.10}


@dataclass(frozen=True)
class EvalCase:
    id: str
    question: str
    kind: str  # grounded | policy | answerable
    expect: str
    key_facts: tuple[str, ...]


def select_cases(records: Sequence[ChatRecord], limit: int | None) -> list[EvalCase]:
    """Grounded and conduct cases alternated, so a small limit still covers both kinds."""
    grounded, conduct = [], []
    for record in records:
        meta = record.metadata
        if "grounded" in meta.tags:
            grounded.append(EvalCase(record.id, record.question, "grounded", "answer",
                                     tuple(meta.key_facts)))
        else:
            kind = "policy" if is_negative(record) else "answerable"
            conduct.append(EvalCase(record.id, record.question, kind, meta.expect, ()))
    mixed: list[EvalCase] = []
    for i in range(max(len(grounded), len(conduct))):
        mixed += [group[i] for group in (grounded, conduct) if i < len(group)]
    return mixed[:limit] if limit else mixed


def _stem(word: str) -> str:
    return word[:6]


def fact_coverage(answer: str, facts: Sequence[str]) -> float | None:
    if not facts:
        return None
    stems = {_stem(w) for w in fact_words(answer)}
    return sum(_stem(f) in stems for f in facts) / len(facts)


def score_turn(case: EvalCase, result: Any) -> dict[str, Any]:
    raw = result.raw_reply
    ran = raw is not None
    reply_failures = sorted({v.rule_id for v in result.verdicts
                             if v.stage is Stage.REPLY and not v.passed})
    refused = result.action in ("block", "route") or bool(raw and REFUSAL.search(raw))
    row: dict[str, Any] = {
        "id": case.id, "kind": case.kind, "action": result.action, "model_ran": ran,
        "raw_pass": ran and not reply_failures, "reply_violations": reply_failures,
        "raw_reply": raw, "final_reply": result.reply,
        "disclosure": bool(result.disclosure) and result.answer.endswith(result.disclosure),
        "generate_ms": result.latency_ms.get("generate"),
    }
    if case.kind == "grounded":
        row["key_fact_coverage"] = fact_coverage(raw or "", case.key_facts)
        shown = len(result.sources)
        numbers = [int(n) for n in CITATION.findall(raw or "")]
        row["cited"] = bool(shown and numbers and all(1 <= n <= shown for n in numbers))
    if case.kind == "policy":
        row["refusal_correct"] = refused
    elif case.kind == "answerable":
        row["refusal_correct"] = not refused
    return row


def summarise(rows: list[dict[str, Any]]) -> dict[str, Any]:
    def mean(values: list[float]) -> float | None:
        return round(statistics.fmean(values), 4) if values else None

    ran = [r for r in rows if r["model_ran"]]
    grounded = [r for r in rows if r["kind"] == "grounded"]
    latencies = [r["generate_ms"] for r in ran if r["generate_ms"] is not None]
    per_token = [r["ms_per_token"] for r in ran if r.get("ms_per_token")]
    return {
        "cases": len(rows),
        "model_ran": len(ran),
        "raw_pass_rate": mean([float(r["raw_pass"]) for r in ran]),
        "key_fact_coverage": mean([r["key_fact_coverage"] for r in grounded
                                   if r.get("key_fact_coverage") is not None]),
        "citation_adherence": mean([float(r["cited"]) for r in grounded if r["model_ran"]]),
        "disclosure_adherence": mean([float(r["disclosure"]) for r in rows]),
        "refusal_correctness": mean([float(r["refusal_correct"]) for r in rows
                                     if "refusal_correct" in r]),
        "generate_ms_p50": round(statistics.median(latencies), 1) if latencies else None,
        "generate_ms_p95": round(percentile(latencies, 0.95), 1) if latencies else None,
        "generate_ms_mean": mean(latencies),
        "ms_per_token_p50": (round(statistics.median(per_token), 2) if per_token else None),
    }


def trained_dataset(settings: Settings, stack: Sequence[AdapterSpec]) -> Path | None:
    """The build the top adapter was trained on: its held-out split is what it never saw."""
    if not stack:
        return None
    manifest = Path(stack[-1].path) / "advisor-adapter.json"
    if not manifest.exists():
        return None
    digest = json.loads(manifest.read_text()).get("dataset", {}).get("content_hash")
    for folder in settings.model.adapters.artifact_dirs:
        candidate = settings.resolve_path(folder) / "datasets" / str(digest)
        if (candidate / "manifest.json").exists():
            return candidate
    build_dir = settings.resolve_path("data/training") / str(digest)
    return build_dir if (build_dir / "manifest.json").exists() else None


def _held_out(settings: Settings, dataset: Path | None) -> tuple[list[ChatRecord], str]:
    from assistant.training.config import load_train_config

    if dataset is None:
        spec = load_train_config(Path(settings.config_dir) / "train" / "task.yaml").data
        build = build_dataset(settings, spec)
    else:
        build = DatasetBuild(dataset, json.loads((dataset / "manifest.json").read_text()))
    records = list(read_records(build.path("task", "eval")))
    return records, str(build.manifest["content_hash"])


def evaluate_model(settings: Settings, limit: int | None = None,
                   dataset: Path | None = None, ablation: bool = True) -> dict[str, Any]:
    from assistant.audit import AuditStore
    from assistant.model import ChatModel
    from assistant.pipeline import Pipeline
    from assistant.training.registry import registry_adapter_source
    from guardrails.checker import GuardrailChecker
    from guardrails.pii.redactor import Redactor
    from knowledge.knowledge_base import KnowledgeBase

    registry_engine = AuditStore(settings.database_url).engine
    source = registry_adapter_source(settings, registry_engine)
    stack = source() if source else []
    if not stack:
        raise RuntimeError("no active adapters to evaluate: train them or "
                           "`advisor adapters promote VERSION`")
    records, dataset_hash = _held_out(settings, dataset or trained_dataset(settings, stack))
    cases = select_cases(records, limit)
    base_model = ChatModel.from_settings(settings)  # no source given: the base alone
    variants: list[tuple[str, list[AdapterSpec]]] = [("base", [])]
    if ablation:
        # Each lower prefix of the stack shows what the layers above it add.
        variants += [("+".join(s.name for s in stack[:i]), stack[:i])
                     for i in range(1, len(stack))]
    variants.append(("tuned", stack))
    # Turns go to a scratch store: evaluation traffic is not customer traffic.
    scratch = settings.cache_path / "eval" / "model_eval.sqlite3"
    scratch.parent.mkdir(parents=True, exist_ok=True)
    scratch.unlink(missing_ok=True)
    store = AuditStore(f"sqlite:///{scratch}")
    knowledge = KnowledgeBase(settings)
    redactor = Redactor(settings.guardrails.pii_score_threshold,
                        vocabulary=knowledge.vocabulary())
    checker = GuardrailChecker(settings.guardrails)
    report: dict[str, Any] = {
        "command": "advisor eval model", "dataset": dataset_hash,
        "machine": machine_info(),
        "started_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "models": {}, "cases": [],
    }
    pipelines: dict[str, Pipeline] = {}
    for name, specs in variants:
        model = ChatModel(base_model.base_folder, base_model.model_id, specs, base_model.plan,
                          base_model.generation, merge=settings.model.adapters.merge)
        pipelines[name] = Pipeline(settings, redactor=redactor, knowledge=knowledge, model=model,
                                   checker=checker, store=store)
        pipelines[name].warm_up()
    rows_by_model: dict[str, list[dict[str, Any]]] = {name: [] for name in pipelines}
    # Variants take turns on each case, so background load on the machine hits them alike.
    for case in cases:
        for name, pipeline in pipelines.items():
            row = score_turn(case, pipeline.handle_turn(case.question))
            if row["raw_reply"] and row["generate_ms"]:
                tokens = len(pipeline.model.tokenizer(row["raw_reply"])["input_ids"])
                row["ms_per_token"] = round(row["generate_ms"] / max(1, tokens), 2)
            rows_by_model[name].append(row)
    for name, pipeline in pipelines.items():
        report["models"][name] = {"adapter_version": pipeline.model.adapter_version,
                                  **summarise(rows_by_model[name])}
    base, tuned = report["models"]["base"], report["models"]["tuned"]
    gains = {
        "raw_pass_rate_gain": _delta(tuned["raw_pass_rate"], base["raw_pass_rate"]),
        "key_fact_coverage_gain": _delta(tuned["key_fact_coverage"], base["key_fact_coverage"]),
        "latency_increase": (round(tuned["generate_ms_p50"] / base["generate_ms_p50"] - 1, 4)
                             if base["generate_ms_p50"] and tuned["generate_ms_p50"] else None),
    }
    report["comparison"] = gains
    report["targets"] = {
        "raw_pass_rate_gain": _meets(gains["raw_pass_rate_gain"], TARGETS["raw_pass_rate_gain"]),
        "key_fact_coverage_gain": _meets(gains["key_fact_coverage_gain"],
                                         TARGETS["key_fact_coverage_gain"]),
        "latency_increase": gains["latency_increase"] is not None
        and gains["latency_increase"] <= TARGETS["latency_increase_max"],
    }
    for base_row, tuned_row in zip(rows_by_model["base"], rows_by_model["tuned"], strict=True):
        report["cases"].append({"id": base_row["id"], "kind": base_row["kind"],
                                "base": base_row, "tuned": tuned_row})
    return report


def _delta(new: float | None, old: float | None) -> float | None:
    return None if new is None or old is None else round(new - old, 4)


def _meets(value: float | None, target: float) -> bool:
    return value is not None and value >= target


def format_model_report(report: dict[str, Any]) -> str:
    keys = ("raw_pass_rate", "key_fact_coverage", "citation_adherence", "disclosure_adherence",
            "refusal_correctness", "generate_ms_p50", "generate_ms_p95", "ms_per_token_p50")
    base, tuned = report["models"]["base"], report["models"]["tuned"]
    names = list(report["models"])
    lines = [f"{'measure':<22} " + " ".join(f"{n:>12}" for n in names),
             *(f"{key:<22} " + " ".join(f"{_show(report['models'][n][key]):>12}" for n in names)
               for key in keys),
             f"cases: {base['cases']} (model ran: base {base['model_ran']}, "
             f"tuned {tuned['model_ran']}); tuned = {tuned['adapter_version']}"]
    for key, value in report["comparison"].items():
        met = report["targets"].get(key)
        lines.append(f"{key:<22} {_show(value):>10}  {'meets target' if met else 'MISSES target'}")
    return "\n".join(lines)


def _show(value: Any) -> str:
    return "-" if value is None else (f"{value:.3f}" if isinstance(value, float) else str(value))
