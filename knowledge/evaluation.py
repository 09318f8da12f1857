"""`advisor eval retrieval`: recall@1, recall@5 and MRR on the team's labelled questions."""

from __future__ import annotations

import json
import statistics
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

from knowledge.knowledge_base import KnowledgeBase

QUESTIONS = Path(__file__).resolve().parent / "eval_data" / "questions.jsonl"


def evaluate_retrieval(knowledge: KnowledgeBase, path: Path = QUESTIONS, k: int = 5
                       ) -> dict[str, Any]:
    rows = [json.loads(line) for line in path.read_text().splitlines() if line.strip()]
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
        for tag in ("all", row.get("kind", "other")):
            groups[tag].append(scores)
        if rank is None or rank > k:
            misses.append({"id": row["id"], "question": row["question"],
                           "expected": sorted(relevant), "got": ranked[:3]})
    latencies.sort()
    return {
        "questions": len(rows),
        "k": k,
        "metrics": {
            tag: {"n": len(values),
                  "recall@1": round(statistics.mean(v[0] for v in values), 4),
                  f"recall@{k}": round(statistics.mean(v[1] for v in values), 4),
                  "mrr": round(statistics.mean(v[2] for v in values), 4)}
            for tag, values in sorted(groups.items())
        },
        "latency_ms": {"p50": round(latencies[len(latencies) // 2], 2),
                       "p95": round(latencies[int(len(latencies) * 0.95) - 1], 2)},
        "unknown_ids": sorted(set(unknown)),
        "misses": misses,
    }
