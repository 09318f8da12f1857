"""FAISS index: exact search, atomic save, and a clear error on corruption."""

from pathlib import Path

import numpy as np
import pytest

from knowledge.documents import KnowledgeDocument
from knowledge.index import IndexUnavailable, VectorIndex


def _docs(count: int) -> list[KnowledgeDocument]:
    return [KnowledgeDocument(f"d{i}", f"T{i}", "glossary", f"text {i}", "src")
            for i in range(count)]


def _vectors(count: int, dim: int = 8) -> np.ndarray:
    rng = np.random.default_rng(7)
    vectors = rng.normal(size=(count, dim)).astype("float32")
    return vectors / np.linalg.norm(vectors, axis=1, keepdims=True)


def test_nearest_neighbour_is_itself() -> None:
    vectors = _vectors(50)
    index = VectorIndex.build(_docs(50), vectors, {})
    hits = index.search(vectors[17], 3)
    assert hits[0].document.id == "d17"
    assert hits[0].score == pytest.approx(1.0, abs=1e-5)
    assert hits[0].score >= hits[1].score >= hits[2].score


def test_save_load_roundtrip_and_replace(tmp_path: Path) -> None:
    folder = tmp_path / "current"
    VectorIndex.build(_docs(5), _vectors(5), {"content_hash": "a"}).save(folder)
    VectorIndex.build(_docs(9), _vectors(9), {"content_hash": "b"}).save(folder)
    loaded = VectorIndex.load(folder)
    assert loaded.manifest["content_hash"] == "b"
    assert len(loaded.documents) == 9
    assert not [p for p in tmp_path.iterdir() if p.name != "current"], "no staging left behind"


def test_corrupt_index_gives_actionable_error(tmp_path: Path) -> None:
    folder = tmp_path / "current"
    VectorIndex.build(_docs(5), _vectors(5), {}).save(folder)
    (folder / "index.faiss").write_bytes(b"garbage")
    with pytest.raises(IndexUnavailable, match="advisor setup --force"):
        VectorIndex.load(folder)


def test_large_collections_use_hnsw_and_find_neighbours() -> None:
    vectors = _vectors(600, dim=16)
    index = VectorIndex.build(_docs(600), vectors, {}, approximate_above=500)
    assert index.manifest["index_type"].startswith("hnsw")
    found = sum(index.search(vectors[i], 1)[0].document.id == f"d{i}" for i in range(0, 600, 20))
    assert found >= 28  # approximate, but the exact match is nearly always first


def test_gpu_requested_without_faiss_gpu_is_a_clear_error() -> None:
    import faiss

    if hasattr(faiss, "StandardGpuResources") and faiss.get_num_gpus() > 0:
        pytest.skip("a GPU is present")
    with pytest.raises(IndexUnavailable, match="faiss-gpu"):
        VectorIndex.build(_docs(5), _vectors(5), {}, device="gpu")
