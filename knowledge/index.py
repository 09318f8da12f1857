"""A FAISS vector index with its documents stored beside it as JSON (never pickles).

Saving is atomic: the new index is written to a temporary folder and renamed
into place, so a crash mid-build leaves the last good index untouched.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import faiss
import numpy as np

from knowledge.documents import KnowledgeDocument

INDEX_FILE = "index.faiss"
DOCUMENTS_FILE = "documents.jsonl"
MANIFEST_FILE = "manifest.json"


class IndexUnavailable(RuntimeError):
    """The index folder is missing or corrupt."""


@dataclass
class SearchHit:
    document: KnowledgeDocument
    score: float


class VectorIndex:
    def __init__(self, index: faiss.Index, documents: list[KnowledgeDocument],
                 manifest: dict[str, object]) -> None:
        if index.ntotal != len(documents):
            raise IndexUnavailable(
                f"index holds {index.ntotal} vectors but {len(documents)} documents"
            )
        self.index = index
        self.documents = documents
        self.manifest = manifest

    @classmethod
    def build(cls, documents: list[KnowledgeDocument], vectors: np.ndarray,
              manifest: dict[str, object], approximate_above: int = 20_000,
              hnsw_neighbours: int = 32, device: str = "cpu") -> VectorIndex:
        """Exact inner product for small collections; HNSW above ``approximate_above``."""
        vectors = np.ascontiguousarray(vectors, dtype="float32")
        dimension = vectors.shape[1]
        if len(documents) > approximate_above:
            hnsw = faiss.IndexHNSWFlat(dimension, hnsw_neighbours, faiss.METRIC_INNER_PRODUCT)
            hnsw.hnsw.efConstruction = 80
            hnsw.hnsw.efSearch = 64
            index: faiss.Index = hnsw
            kind = f"hnsw{hnsw_neighbours}-ip"
        else:
            index = faiss.IndexFlatIP(dimension)
            kind = "flat-ip"
        index.add(vectors)
        manifest = {**manifest, "count": len(documents), "dimension": int(dimension),
                    "index_type": kind, "built_at": time.strftime("%Y-%m-%dT%H:%M:%SZ",
                                                                  time.gmtime())}
        built = cls(index, documents, manifest)
        built.to_device(device)
        return built

    def to_device(self, device: str) -> None:
        """Serve a flat index from the GPU when faiss-gpu is installed and asked for."""
        if device == "cpu" or self.manifest.get("index_type") != "flat-ip":
            return
        if not hasattr(faiss, "StandardGpuResources") or faiss.get_num_gpus() == 0:
            if device == "gpu":
                raise IndexUnavailable("faiss_device is 'gpu' but faiss-gpu or a GPU is missing "
                                       "(install faiss-gpu-cu12 on a CUDA machine)")
            return
        self._gpu_resources = faiss.StandardGpuResources()
        self.index = faiss.index_cpu_to_gpu(self._gpu_resources, 0, self.index)

    def search(self, query_vector: np.ndarray, k: int) -> list[SearchHit]:
        if self.index.ntotal == 0:
            return []
        query = np.ascontiguousarray(query_vector.reshape(1, -1), dtype="float32")
        scores, ids = self.index.search(query, min(k, self.index.ntotal))
        return [SearchHit(self.documents[i], float(s)) for s, i in zip(scores[0], ids[0],
                                                                       strict=True) if i >= 0]

    def save(self, folder: Path) -> None:
        folder.parent.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=".staging-", dir=folder.parent))
        try:
            cpu_index = (faiss.index_gpu_to_cpu(self.index)
                         if hasattr(self, "_gpu_resources") else self.index)
            faiss.write_index(cpu_index, str(staging / INDEX_FILE))
            with (staging / DOCUMENTS_FILE).open("w", encoding="utf-8") as handle:
                for document in self.documents:
                    handle.write(json.dumps(document.as_dict(), ensure_ascii=False) + "\n")
            (staging / MANIFEST_FILE).write_text(json.dumps(self.manifest, indent=2))
            if folder.exists():
                retired = folder.with_name(folder.name + f".old-{os.getpid()}")
                os.replace(folder, retired)
                os.replace(staging, folder)
                shutil.rmtree(retired, ignore_errors=True)
            else:
                os.replace(staging, folder)
        finally:
            shutil.rmtree(staging, ignore_errors=True)

    @classmethod
    def load(cls, folder: Path) -> VectorIndex:
        try:
            manifest = json.loads((folder / MANIFEST_FILE).read_text())
            index = faiss.read_index(str(folder / INDEX_FILE))
            with (folder / DOCUMENTS_FILE).open(encoding="utf-8") as handle:
                documents = [KnowledgeDocument.from_dict(json.loads(line)) for line in handle]
        except (OSError, ValueError, RuntimeError, TypeError) as exc:
            raise IndexUnavailable(f"index at {folder} is unreadable ({exc}): run "
                                   "`advisor setup --force`") from exc
        return cls(index, documents, manifest)
