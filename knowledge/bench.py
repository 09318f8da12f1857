"""Retrieval speed at 1k, 10k and 100k passages: query latency (embedding included), build
time and index memory.

The real corpus is padded with synthetic passages whose vectors are random unit
vectors (embedding 100k real passages would measure the embedder, which is
reported separately as passages per second) and whose text repeats the real
passages' text, so the lexical half (BM25, names, spelling) works on postings
as long as a real collection's. Queries are real questions, embedded by the
real model on every call (the query cache is bypassed). `query_p50_ms` and
`query_p95_ms` time the full hybrid search a request runs; `dense_p50_ms` and
`dense_p95_ms` time the embedding plus the vector search alone.
"""

from __future__ import annotations

import statistics
import sys
import time
from typing import Any

import faiss
import numpy as np

from assistant.bench import machine_info, percentile
from knowledge.documents import KnowledgeDocument
from knowledge.index import VectorIndex
from knowledge.knowledge_base import KnowledgeBase

QUESTIONS = (
    "what is an annual percentage yield", "how does a heloc work", "where is the S&P 500",
    "fees on the everyday checking account", "what is a bond ladder", "roth vs traditional ira",
    "what happens if I withdraw a CD early", "euro dollar exchange rate",
)


def run_retrieval_bench(knowledge: KnowledgeBase, sizes: list[int],
                        queries: int = 200) -> dict[str, Any]:
    real = knowledge.ensure_index()
    base_vectors = np.vstack([real.index.reconstruct(i) for i in range(real.index.ntotal)])
    embedder = knowledge.embedder
    sample = [d.text for d in real.documents[:256]]
    embedder.embed(["warm up"])  # load the model outside the timed block
    started = time.perf_counter()
    embedder.embed(sample)
    throughput = len(sample) / (time.perf_counter() - started)
    rng = np.random.default_rng(0)
    results = []
    for size in sizes:
        filler = max(0, size - len(real.documents))
        vectors = rng.normal(size=(filler, base_vectors.shape[1])).astype("float32")
        vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
        all_vectors = np.vstack([base_vectors, vectors])[:size]
        documents = (real.documents + [
            KnowledgeDocument(f"synthetic:{i}", f"S{i}", "synthetic",
                              real.documents[i % len(real.documents)].text, "bench")
            for i in range(filler)])[:size]
        started = time.perf_counter()
        index = VectorIndex.build(documents, all_vectors, {},
                                  approximate_above=knowledge.settings.retrieval.approximate_above)
        build_s = time.perf_counter() - started
        memory_mb = len(faiss.serialize_index(index.index)) / 2**20
        hybrid = KnowledgeBase(knowledge.settings, embedder)
        hybrid.pin_index(index)  # search this padded index, not the real one
        started = time.perf_counter()
        hybrid.search("warm up", apply_threshold=False)  # builds the lexical signals
        lexical_build_s = time.perf_counter() - started
        dense_latencies, latencies = [], []
        for number in range(queries):
            # The size and number make every question new: the query cache is bypassed.
            question = f"{QUESTIONS[number % len(QUESTIONS)]} {number} at {size}"
            started = time.perf_counter()
            index.search(embedder.embed([question])[0], knowledge.settings.retrieval.top_k)
            dense_latencies.append((time.perf_counter() - started) * 1000)
            question = f"{question} again"
            started = time.perf_counter()
            hybrid.search(question)
            latencies.append((time.perf_counter() - started) * 1000)
        results.append({"documents": size, "index_type": index.manifest["index_type"],
                        "build_seconds": round(build_s, 2),
                        "lexical_build_seconds": round(lexical_build_s, 2),
                        "index_memory_mb": round(memory_mb, 1),
                        "query_p50_ms": round(statistics.median(latencies), 2),
                        "query_p95_ms": round(percentile(latencies, 0.95), 2),
                        "dense_p50_ms": round(statistics.median(dense_latencies), 2),
                        "dense_p95_ms": round(percentile(dense_latencies, 0.95), 2)})
    return {"command": " ".join(sys.argv), "machine": machine_info(),
            "embedding_passages_per_second": round(throughput, 1), "queries_per_size": queries,
            "results": results}
