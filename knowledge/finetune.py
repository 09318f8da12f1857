"""Adapt the packaged sentence embedder to this product's glossary, once, at setup.

all-MiniLM-L6-v2 matches customers' paraphrases ("the number that shows how
much my savings earn once compounding is counted") to definitions only
loosely. A short contrastive fine-tune on pairs built from the team's own
glossary (a term, an alias or one sentence of a definition with the term's own
names taken out, against the whole entry; the other entries in the batch, chosen
from its related terms, are the negatives) teaches it this domain.
No evaluation question is used. The result is cached by the hash of the
glossary's text (aliases included) and of the recipe; without it the packaged
model is used.
"""

from __future__ import annotations

import hashlib
import json
import random
import re
import shutil
import time
from collections.abc import Iterator
from pathlib import Path

from knowledge.documents import KnowledgeDocument

TUNED_PREFIX = "minilm-glossary-"
# Changes with how the pairs are made, so a model tuned by an older recipe is not reused.
RECIPE = "definitions-unnamed;related-in-batch"


def glossary_fingerprint(documents: list[KnowledgeDocument]) -> str:
    """The glossary's text (terms, aliases, definitions, related terms) and the recipe."""
    digest = hashlib.sha256(RECIPE.encode())
    for document in documents:
        if document.kind == "glossary":
            digest.update(document.text.encode())
    return digest.hexdigest()[:12]


def tuned_embedder_dir(cache_dir: Path, documents: list[KnowledgeDocument]) -> Path:
    return cache_dir / "models" / f"{TUNED_PREFIX}{glossary_fingerprint(documents)}"


def training_pairs(documents: list[KnowledgeDocument], seed: int = 0) -> list[tuple[str, int]]:
    """(query-like text, index of the glossary entry it should retrieve): the term's name,
    its first alias, and the first two sentences of its definition with the entry's own
    names replaced by "this". Customers describe a concept without naming it ("the yearly
    percentage a fund takes to cover its costs"); a sentence that still held the name would
    teach the name, which the exact-name signals already match."""
    pairs: list[tuple[str, int]] = []
    for index, document in enumerate(documents):
        definition = document.text.split(": ", 1)[-1].split(" Related terms:")[0]
        sentences = [s.strip() for s in definition.split(". ") if s.strip()]
        aliases = document.metadata.get("aliases", [])
        pairs.append((f"what is {document.title}", index))
        pairs += [(alias, index) for alias in aliases[:1]]
        pairs += [(unnamed(sentence, [document.title, *aliases]), index)
                  for sentence in sentences[:2]]
    random.Random(seed).shuffle(pairs)
    return pairs


def related_batches(pairs: list[tuple[str, int]], documents: list[KnowledgeDocument],
                    batch_size: int, seed: int = 0) -> Iterator[list[tuple[str, int]]]:
    """Every pair once, in batches that hold an entry together with the entries its
    "related" list names, one pair per entry. In-batch negatives are then the neighbours a
    customer's description is most easily confused with (a bear market and a correction, a
    callable and a putable bond), not random entries the model already tells apart."""
    by_title = {document.title.lower(): index for index, document in enumerate(documents)}
    related = {index: [by_title[name.lower()] for name in document.metadata.get("related", [])
                       if name.lower() in by_title]
               for index, document in enumerate(documents)}
    pending: dict[int, list[tuple[str, int]]] = {}
    for pair in pairs:
        pending.setdefault(pair[1], []).append(pair)
    order = [entry for _, entry in pairs]
    rng = random.Random(seed + 1)
    while any(pending.values()):
        batch: list[tuple[str, int]] = []
        seen: set[int] = set()  # one positive per entry: no false negatives in the batch
        for first in order:
            if len(batch) >= batch_size:
                break
            if first in seen or not pending.get(first):
                continue
            for entry in [first, *related[first]]:
                if len(batch) >= batch_size:
                    break
                if entry in seen or not pending.get(entry):
                    continue
                waiting = pending[entry]
                batch.append(waiting.pop(rng.randrange(len(waiting))))
                seen.add(entry)
        yield batch


def unnamed(sentence: str, names: list[str]) -> str:
    """The sentence with each of the names (or its plural) replaced by "this", longest first:
    "A stock is a unit of ownership" -> "A this is a unit of ownership"."""
    for name in sorted((n for n in names if n), key=len, reverse=True):
        sentence = re.sub(r"(?i)\b" + re.escape(name) + r"s?\b", "this", sentence)
    return sentence


def finetune_embedder(base: Path, documents: list[KnowledgeDocument], target: Path,
                      batch_size: int = 32, learning_rate: float = 3e-5, max_seq_length: int = 128,
                      seed: int = 0, max_steps: int | None = None) -> dict[str, object]:
    """One epoch of in-batch-negatives training (``related_batches``); saved atomically
    with a manifest."""
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
    for batch in related_batches(pairs, glossary, batch_size, seed):
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
