"""Everything the assistant can cite, embedded and indexed, built once per content version."""

from __future__ import annotations

import json
import logging
import re
import threading
import time
from pathlib import Path

import numpy as np

from assistant.config import Settings
from knowledge.documents import KnowledgeDocument, content_hash
from knowledge.embeddings import Embedder
from knowledge.index import IndexUnavailable, SearchHit, VectorIndex
from knowledge.lexical import LexicalSignals, kind_priors, question_topic
from knowledge.loaders import load_firm_documents, load_glossary, load_market_records

log = logging.getLogger(__name__)

# Weight of a passage's BM25 score (a fraction of the most the question could score).
# Tuned on knowledge/dev_data: 0.35 once multi-word names merely mentioned stopped being
# boosted (BM25 already counts a passage's names twice).
BM25_WEIGHT = 0.35
# Boost by passage kind when the question is about the firm's products, their figures or live
# market levels (see lexical.kind_priors), and the unit of the per-passage priors
# (lexical.LexicalSignals.passage_priors). Tuned on knowledge/dev_data (0.05 -> 0.12: a
# question that says "your ... rate" wants the rate sheet over the glossary's definition).
KIND_PRIOR_WEIGHT = 0.12


def load_all_documents(settings: Settings) -> list[KnowledgeDocument]:
    """Shipped content plus whatever `advisor ingest` installed; later ids replace earlier."""
    retrieval = settings.retrieval
    ingested = settings.resolve_path(retrieval.ingested_dir)
    glossary_dirs = [settings.resolve_path(p) for p in retrieval.glossary_dirs]
    firm_dirs = [settings.resolve_path(p) for p in retrieval.firm_dirs]
    market_files = [settings.resolve_path(p) for p in retrieval.market_files]
    glossary_dirs.append(ingested / "glossary")
    firm_dirs.append(ingested / "firm")
    market_files += sorted((ingested / "market").glob("*.json")) + sorted(
        (ingested / "market").glob("*.csv"))
    documents = list(load_glossary(glossary_dirs))
    documents += list(load_firm_documents(firm_dirs))
    documents += list(load_market_records(market_files))
    by_id: dict[str, KnowledgeDocument] = {}
    for document in documents:
        by_id[document.id] = document  # newer data (a feed) replaces the snapshot's record
    return list(by_id.values())


def domain_vocabulary(documents: list[KnowledgeDocument]) -> frozenset[str]:
    """Lower-case words of glossary terms and aliases, for the redactor's name allow-list."""
    words: set[str] = set()
    for document in documents:
        if document.kind == "market":
            continue
        # Glossary terms and the firm's own product names ("Larkspur Premier Visa").
        phrases = [document.title, *document.metadata.get("aliases", [])]
        if document.kind != "glossary":
            phrases = [document.title.split(":")[0].replace("(sample)", "")]
        for phrase in phrases:
            words.update(re.findall(r"[a-z0-9]+", phrase.lower().replace("'s", "")))
    return frozenset(words)


def embedding_model_path(settings: Settings) -> Path | None:
    """The configured model, else the glossary-tuned one when `advisor setup` built it,
    else None (the packaged model)."""
    if settings.retrieval.embedding_model_path:
        return settings.resolve_path(settings.retrieval.embedding_model_path)
    if settings.retrieval.tune_embedder:
        from knowledge.finetune import tuned_embedder_dir

        tuned = tuned_embedder_dir(settings.cache_path, load_all_documents(settings))
        if (tuned / "advisor-finetune.json").exists():
            return tuned
    return None


def embedder_vocabulary(model_path: Path) -> list[str]:
    """The tokenizer's tokens: vocab.txt where the folder has one (the packaged model), else
    the vocabulary inside tokenizer.json (a model saved by sentence-transformers, such as the
    glossary-tuned one, keeps only that). Empty when neither can be read."""
    try:
        return (model_path / "vocab.txt").read_text(encoding="utf-8").splitlines()
    except OSError:
        pass
    try:
        tokenizer = json.loads((model_path / "tokenizer.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return []
    vocabulary = tokenizer.get("model", {}).get("vocab", {})
    if isinstance(vocabulary, dict):  # WordPiece and BPE: token -> id
        return [str(token) for token in vocabulary]
    if isinstance(vocabulary, list):  # Unigram: [token, score] pairs
        return [str(item[0]) for item in vocabulary if item]
    return []


class KnowledgeBase:
    def __init__(self, settings: Settings, embedder: Embedder | None = None) -> None:
        self.settings = settings
        self.embedder = embedder or Embedder(embedding_model_path(settings))
        self._index: VectorIndex | None = None
        self._loaded_at = 0.0
        self._checked_at = time.monotonic()
        self.last_build_stats: dict[str, int] = {}
        self._lexical: tuple[VectorIndex, LexicalSignals] | None = None
        self._position: tuple[VectorIndex, dict[str, int]] | None = None
        self._lock = threading.Lock()

    @property
    def index_root(self) -> Path:
        return self.settings.cache_path / "index"

    def ensure_index(self, force: bool = False) -> VectorIndex:
        """Load the index for the current content, building it if content changed."""
        with self._lock:
            if self._index is not None and not force:
                return self._index
            documents = load_all_documents(self.settings)
            fingerprint = content_hash(documents) + "-" + self.embedder.model_path.name
            folder = self.index_root / "current"
            if not force and folder.exists():
                try:
                    loaded = VectorIndex.load(folder)
                    if loaded.manifest.get("content_hash") == fingerprint:
                        self._index = loaded
                        self._loaded_at = self._stamp(folder)
                        return loaded
                except IndexUnavailable as exc:
                    log.warning("rebuilding index: %s", exc)
            vectors = self._vectors(documents, folder)
            built = VectorIndex.build(documents, vectors,
                                      {"content_hash": fingerprint,
                                       "embedding_model": str(self.embedder.model_path)},
                                      approximate_above=self.settings.retrieval.approximate_above,
                                      device=self.settings.retrieval.faiss_device)
            built.save(folder)
            self._index = built
            self._loaded_at = self._stamp(folder)
            return built

    def _vectors(self, documents: list[KnowledgeDocument], folder: Path) -> np.ndarray:
        """Incremental: passages whose text is unchanged keep their vectors from the last index."""
        previous: dict[str, np.ndarray] = {}
        if folder.exists():
            try:
                old = VectorIndex.load(folder)
                unique = len({doc.id for doc in old.documents}) == len(old.documents)
                if unique and old.manifest.get("embedding_model") == str(self.embedder.model_path):
                    for i, doc in enumerate(old.documents):
                        previous[doc.text] = np.asarray(old.index.reconstruct(i))
            except IndexUnavailable:
                pass
        missing = [d.text for d in documents if d.text not in previous]
        fresh = dict(zip(missing, self.embedder.embed(missing), strict=True)) if missing else {}
        self.last_build_stats = {"reused": len(documents) - len(missing), "embedded": len(missing)}
        rows = [previous[d.text] if d.text in previous else fresh[d.text] for d in documents]
        return np.vstack(rows).astype("float32")

    @staticmethod
    def _stamp(folder: Path) -> float:
        try:
            return (folder / "manifest.json").stat().st_mtime
        except OSError:
            return 0.0

    def pin_index(self, index: VectorIndex) -> None:
        """Serve this index and never swap in a rebuilt one (benchmarks, tests)."""
        with self._lock:
            self._index, self._loaded_at = index, float("inf")

    def refresh_if_rebuilt(self) -> bool:
        """Swap in an index another process rebuilt; queries use the old one until then."""
        interval = self.settings.retrieval.reload_check_seconds
        now = time.monotonic()
        if self._index is None or now - self._checked_at < interval:
            return False
        self._checked_at = now
        folder = self.index_root / "current"
        stamp = self._stamp(folder)
        if stamp <= self._loaded_at:
            return False
        try:
            fresh = VectorIndex.load(folder)
        except IndexUnavailable as exc:
            log.warning("keeping the current index: %s", exc)
            return False
        with self._lock:
            self._index, self._loaded_at = fresh, stamp
        return True

    def vocabulary(self) -> frozenset[str]:
        return domain_vocabulary(self.ensure_index().documents)

    def _signals(self, index: VectorIndex) -> LexicalSignals:
        if self._lexical is None or self._lexical[0] is not index:
            self._lexical = (index, LexicalSignals(index.documents, self._known_words()))
        return self._lexical[1]

    def _known_words(self) -> frozenset[str]:
        """The embedder's whole-word vocabulary: ordinary words the spelling repair leaves be."""
        return frozenset(word for word in embedder_vocabulary(self.embedder.model_path)
                         if word.isalpha())

    def search(self, query: str, k: int | None = None,
               apply_threshold: bool = True) -> list[SearchHit]:
        """Hybrid retrieval: dense cosine fused with BM25 and exact names.

        The score is the cosine similarity of the (typo-repaired) question and the passage,
        plus ``BM25_WEIGHT`` x the passage's BM25 score as a fraction of the most the
        question's words could score, plus ``lexical_weight`` x the strength of an exact
        abbreviation or ticker in the question or of a name that is the whole question,
        plus a small prior by passage kind when the question is about the firm's products,
        their rates and fees, or live market levels, and by passage for a market record
        asked about live by name or a firm product named by its own words. Candidates are
        the dense top ``candidates``, the BM25 top ``candidates`` and every named or
        boosted passage; the fused score keeps the cosine scale, so
        ``min_score`` still applies. ``lexical_weight: 0`` gives dense retrieval alone.
        """
        self.refresh_if_rebuilt()
        index = self.ensure_index()
        k = k or self.settings.retrieval.top_k
        depth = max(k, self.settings.retrieval.candidates)
        weight = self.settings.retrieval.lexical_weight
        if weight <= 0:
            return self._threshold(index.search(self.embedder.embed_query(query), k),
                                   apply_threshold)
        fixed, named, lexical = self._signals(index).analyse(query)
        query_vector = self.embedder.embed_query(question_topic(fixed))
        dense = {hit.document.id: hit.score for hit in index.search(query_vector, depth)}
        position = self._positions(index)
        candidates = {position[doc_id] for doc_id in dense} | set(named)
        priors = kind_priors(query, KIND_PRIOR_WEIGHT)
        boosts = self._signals(index).passage_priors(query, fixed, KIND_PRIOR_WEIGHT)
        candidates |= set(boosts)
        if len(lexical) and lexical.max() > 0:
            top = np.argpartition(-lexical, min(depth, len(lexical) - 1))[:depth]
            candidates |= {int(i) for i in top if lexical[i] > 0}
        hits = []
        for i in candidates:
            document = index.documents[i]
            cosine = dense.get(document.id)
            if cosine is None:  # found by name or BM25 only: score it densely too
                cosine = float(np.dot(index.index.reconstruct(int(i)), query_vector))
            score = (cosine + weight * named.get(i, 0.0) + priors.get(document.kind, 0.0)
                     + boosts.get(i, 0.0)
                     + BM25_WEIGHT * float(lexical[i]))
            hits.append(SearchHit(document, score))
        hits.sort(key=lambda hit: (-hit.score, hit.document.id))
        return self._threshold(hits[:k], apply_threshold)

    def _positions(self, index: VectorIndex) -> dict[str, int]:
        if self._position is None or self._position[0] is not index:
            self._position = (index, {doc.id: i for i, doc in enumerate(index.documents)})
        return self._position[1]

    def _threshold(self, hits: list[SearchHit], apply_threshold: bool) -> list[SearchHit]:
        if not apply_threshold:
            return hits
        return [hit for hit in hits if hit.score >= self.settings.retrieval.min_score]
