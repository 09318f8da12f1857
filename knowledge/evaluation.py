"""`advisor eval retrieval`: recall@1, recall@5 and MRR on labelled questions.

The question file defaults to the team's held-out set; the environment variable
ADVISOR_RETRIEVAL_QUESTIONS or `python -m knowledge.evaluation --questions FILE`
points it at another set, such as the development set in knowledge/dev_data.
Metrics are reported overall, per `kind` and per tag (paraphrase, typo, name...).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

from knowledge.knowledge_base import KnowledgeBase

QUESTIONS = Path(__file__).resolve().parent / "eval_data" / "questions.jsonl"
DEV_QUESTIONS = Path(__file__).resolve().parent / "dev_data" / "questions.jsonl"
QUESTIONS_ENV = "ADVISOR_RETRIEVAL_QUESTIONS"


def questions_path(path: Path | str | None = None) -> Path:
    """An explicit file, else $ADVISOR_RETRIEVAL_QUESTIONS, else the team's set."""
    if path:
        return Path(path)
    configured = os.environ.get(QUESTIONS_ENV)
    return Path(configured) if configured else QUESTIONS


def evaluate_retrieval(knowledge: KnowledgeBase, path: Path | str | None = None, k: int = 5
                       ) -> dict[str, Any]:
    source = questions_path(path)
    rows = [json.loads(line) for line in source.read_text().splitlines() if line.strip()]
    known = {d.id for d in knowledge.ensure_index().documents}
    groups: dict[str, list[tuple[float, float, float]]] = defaultdict(list)
    latencies: list[float] = []
    unknown: list[str] = []
    misses: list[dict[str, Any]] = []
    for row in rows:
        relevant = set(row["relevant"])
        unknown += sorted(relevant - known)
        started = time.perf_counter()
        hits = knowledge.search(row["question"], k=max(k, 10), apply_threshold=False)
        latencies.append((time.perf_counter() - started) * 1000)
        ranked = [hit.document.id for hit in hits]
        rank = next((i + 1 for i, doc in enumerate(ranked) if doc in relevant), None)
        scores = (float(rank == 1), float(rank is not None and rank <= k),
                  1.0 / rank if rank else 0.0)
        tags = {"all", row.get("kind", "other")} | {f"tag:{t}" for t in row.get("tags", [])}
        for tag in tags:
            groups[tag].append(scores)
        if rank is None or rank > k:
            misses.append({"id": row["id"], "question": row["question"],
                           "expected": sorted(relevant), "got": ranked[:3]})
    latencies.sort()
    return {
        "questions": len(rows),
        "source": str(source),
        "k": k,
        "metrics": {
            tag: {"n": len(values),
                  "recall@1": round(statistics.mean(v[0] for v in values), 4),
                  f"recall@{k}": round(statistics.mean(v[1] for v in values), 4),
                  "mrr": round(statistics.mean(v[2] for v in values), 4)}
            for tag, values in sorted(groups.items())
        },
        "latency_ms": {"p50": round(latencies[len(latencies) // 2], 2),
                       "p95": round(latencies[max(0, int(len(latencies) * 0.95) - 1)], 2)},
        "unknown_ids": sorted(set(unknown)),
        "misses": misses,
    }


def format_metrics(report: dict[str, Any]) -> str:
    k = report["k"]
    return "\n".join(f"{tag:>16}: n={m['n']:4}  recall@1 {m['recall@1']:.3f}  recall@{k} "
                     f"{m[f'recall@{k}']:.3f}  MRR {m['mrr']:.3f}"
                     for tag, m in report["metrics"].items())


def main(argv: list[str] | None = None) -> int:
    """`python -m knowledge.evaluation --questions knowledge/dev_data/questions.jsonl`"""
    from assistant.config import load_settings

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--questions", default=None,
                        help=f"JSONL question file (default: ${QUESTIONS_ENV} or {QUESTIONS})")
    parser.add_argument("--k", type=int, default=5)
    parser.add_argument("--config-dir", default=None)
    parser.add_argument("--json", action="store_true", help="print the full JSON report")
    parser.add_argument("--misses", action="store_true", help="also list the misses")
    args = parser.parse_args(argv)
    report = evaluate_retrieval(KnowledgeBase(load_settings(args.config_dir)),
                                args.questions, k=args.k)
    if args.json:
        print(json.dumps(report, indent=2))
        return 0
    print(format_metrics(report))
    print(f"latency ms: {report['latency_ms']}", file=sys.stderr)
    if args.misses:
        for miss in report["misses"]:
            print(f"  {miss['id']}: {miss['question']!r} expected {miss['expected']} "
                  f"got {miss['got']}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
