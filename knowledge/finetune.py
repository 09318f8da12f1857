"""Adapt the packaged sentence embedder to this product's glossary, once, at setup.

all-MiniLM-L6-v2 matches customers' paraphrases ("the number that shows how
much my savings earn once compounding is counted") to definitions only
loosely. A short contrastive fine-tune on pairs built from the team's own
glossary (a term, an alias or one sentence of a definition, against the whole
entry; other entries in the batch are the negatives) teaches it this domain.
No evaluation question is used. The result is cached by the glossary's hash;
without it the packaged model is used.
"""

from __future__ import annotations

import hashlib
import json
import random
import shutil
import time
from pathlib import Path

from knowledge.documents import KnowledgeDocument

TUNED_PREFIX = "minilm-glossary-"


def glossary_fingerprint(documents: list[KnowledgeDocument]) -> str:
    digest = hashlib.sha256()
    for document in documents:
        if document.kind == "glossary":
            digest.update(document.text.encode())
    return digest.hexdigest()[:12]


def tuned_embedder_dir(cache_dir: Path, documents: list[KnowledgeDocument]) -> Path:
    return cache_dir / "models" / f"{TUNED_PREFIX}{glossary_fingerprint(documents)}"


def training_pairs(documents: list[KnowledgeDocument], seed: int = 0) -> list[tuple[str, int]]:
    """(query-like text, index of the glossary entry it should retrieve)."""
    pairs: list[tuple[str, int]] = []
    for index, document in enumerate(documents):
        definition = document.text.split(": ", 1)[-1].split(" Related terms:")[0]
        sentences = [s.strip() for s in definition.split(". ") if s.strip()]
        pairs.append((f"what is {document.title}", index))
        pairs += [(alias, index) for alias in document.metadata.get("aliases", [])[:1]]
        pairs += [(sentence, index) for sentence in sentences[:2]]
    random.Random(seed).shuffle(pairs)
    return pairs


def finetune_embedder(base: Path, documents: list[KnowledgeDocument], target: Path,
                      batch_size: int = 32, learning_rate: float = 3e-5, max_seq_length: int = 128,
                      seed: int = 0, max_steps: int | None = None) -> dict[str, object]:
    """One epoch of in-batch-negatives training; saved atomically with a manifest."""
    import torch
    import torch.nn.functional as F
    from sentence_transformers import SentenceTransformer

    glossary = [d for d in documents if d.kind == "glossary"]
    torch.manual_seed(seed)
    model = SentenceTransformer(str(base), device="cpu")
    model.max_seq_length = max_seq_length
    model.train()
    optimizer = torch.optim.AdamW(model.parameters(), lr=learning_rate)

    def encode(texts: list[str]) -> torch.Tensor:
        features = model.tokenize(texts)
        return F.normalize(model(features)["sentence_embedding"], dim=-1)

    pairs = training_pairs(glossary, seed)
    started = time.time()
    steps = 0
    loss_value = 0.0
    for start in range(0, len(pairs), batch_size):
        seen: set[int] = set()
        batch: list[tuple[str, int]] = []
        for query, entry in pairs[start:start + batch_size]:
            if entry not in seen:  # one positive per entry: no false negatives in the batch
                seen.add(entry)
                batch.append((query, entry))
        queries = encode([q for q, _ in batch])
        entries = encode([glossary[i].text for _, i in batch])
        loss = F.cross_entropy(queries @ entries.T * 20.0, torch.arange(len(batch)))
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        loss_value = float(loss.detach())
        steps += 1
        if max_steps is not None and steps >= max_steps:
            break
    model.eval()
    staging = target.with_name(target.name + ".staging")
    shutil.rmtree(staging, ignore_errors=True)
    model.save(str(staging))
    manifest: dict[str, object] = {"base": str(base), "pairs": len(pairs), "steps": steps,
                                   "final_loss": round(loss_value, 4), "seed": seed,
                                   "seconds": round(time.time() - started, 1)}
    (staging / "advisor-finetune.json").write_text(json.dumps(manifest, indent=2))
    shutil.rmtree(target, ignore_errors=True)
    target.parent.mkdir(parents=True, exist_ok=True)
    staging.rename(target)
    return manifest
