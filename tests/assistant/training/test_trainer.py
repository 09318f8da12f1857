"""Real LoRA training on the real SmolLM2: artifact, registry, checkpoints, resume, stacking.

Tiny runs (a few optimiser steps on a handful of records) keep this fast on
CPU; the full default training is what `advisor train` reproduces.
"""

import csv
import json
from pathlib import Path

import pytest

from assistant.audit import AuditStore
from assistant.config import Settings
from assistant.training.config import TrainConfig
from assistant.training.dataset import write_build
from assistant.training.records import ChatRecord
from assistant.training.registry import ADAPTER_MANIFEST, AdapterRegistry
from assistant.training.trainer import train_adapter

pytestmark = pytest.mark.slow


def _record(n: int, layer: str, split: str) -> ChatRecord:
    messages = [{"role": "user", "content": f"What is term number {n}?"},
                {"role": "assistant", "content": f"Term {n} is a sample definition [1]."}]
    if layer == "domain":
        messages.insert(0, {"role": "system", "content": "You are a finance assistant."})
    return ChatRecord.model_validate({
        "id": f"{layer}-{split}-{n}", "messages": messages,
        "context": [{"id": f"g{n}", "title": f"Term {n}", "text": "A sample definition.",
                     "source": "test"}] if layer == "task" else [],
        "metadata": {"source": "test", "created_at": "2026-11-23", "split": split,
                     "layer": layer, "tags": [layer]}})


@pytest.fixture(scope="module")
def dataset(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from assistant.training.config import DataSpec

    domain = [_record(n, "domain", "train") for n in range(6)] + [_record(9, "domain", "eval")]
    task = [_record(n, "task", "train") for n in range(6)] + [_record(9, "task", "eval")]
    build = write_build(tmp_path_factory.mktemp("data"), domain, task, [], {}, DataSpec(),
                        "2026-11-23")
    return build.folder


def _config(tmp_path: Path, layer: str, **extra: object) -> TrainConfig:
    return TrainConfig.model_validate({
        "name": f"test-{layer}", "layer": layer, "stack_on": ["domain"] if layer == "task" else [],
        "lora": {"r": 4, "alpha": 8}, "batch_size": 2, "grad_accum": 1, "max_steps": 2,
        "eval_every": 1, "save_every": 1, "save_limit": 1, "logging_steps": 1,
        "output_dir": str(tmp_path / "runs"), "artifact_dir": str(tmp_path / "adapters"),
        "promote": True, **extra})


def test_train_register_resume_and_stack(settings: Settings, dataset: Path,
                                         tmp_path: Path) -> None:
    registry = AdapterRegistry(AuditStore(f"sqlite:///{tmp_path / 'r.sqlite3'}").engine,
                               tmp_path)
    domain = train_adapter(_config(tmp_path, "domain"), settings, registry, dataset=dataset,
                           progress=False)
    manifest = json.loads((domain.folder / ADAPTER_MANIFEST).read_text())
    assert manifest["layer"] == "domain" and manifest["seed"] == 13
    assert manifest["dataset"]["content_hash"] == dataset.name
    assert manifest["base_model"]["sha256"] and len(manifest["weights_sha256"]) == 64
    assert manifest["config"]["lora"]["r"] == 4 and manifest["metrics"]["steps"] == 2
    assert (domain.folder / "adapter_model.safetensors").stat().st_size > 10_000
    assert registry.active("domain").version == domain.version  # type: ignore[union-attr]

    rows = list(csv.DictReader((domain.run_dir / "metrics.csv").open()))
    assert any(row["loss"] for row in rows) and any(row["eval_loss"] for row in rows)
    checkpoints = sorted(p.name for p in domain.run_dir.glob("checkpoint-*"))
    assert checkpoints == ["checkpoint-2"]  # save_limit 1 keeps only the newest

    resumed = train_adapter(_config(tmp_path, "domain", max_steps=3, promote=False), settings,
                            registry, resume=True, dataset=dataset, progress=False)
    assert resumed.metrics["resumed_from"] == "checkpoint-2"
    assert resumed.metrics["steps"] == 3
    assert registry.active("domain").version == domain.version  # type: ignore[union-attr]

    task = train_adapter(_config(tmp_path, "task"), settings, registry, dataset=dataset,
                         progress=False)
    stacked = json.loads((task.folder / ADAPTER_MANIFEST).read_text())["stacked_on"]
    assert stacked == [{"layer": "domain", "version": domain.version}]


def test_task_layer_needs_an_active_domain(settings: Settings, dataset: Path,
                                           tmp_path: Path) -> None:
    from assistant.training.registry import RegistryError

    registry = AdapterRegistry(AuditStore(f"sqlite:///{tmp_path / 'r.sqlite3'}").engine,
                               tmp_path)
    with pytest.raises(RegistryError, match=r"train configs/train/domain\.yaml first"):
        train_adapter(_config(tmp_path, "task"), settings, registry, dataset=dataset,
                      progress=False)


def test_resume_without_checkpoint_is_an_error(settings: Settings, dataset: Path,
                                               tmp_path: Path) -> None:
    registry = AdapterRegistry(AuditStore(f"sqlite:///{tmp_path / 'r.sqlite3'}").engine,
                               tmp_path)
    with pytest.raises(RuntimeError, match="no checkpoint"):
        train_adapter(_config(tmp_path, "domain"), settings, registry, resume=True,
                      dataset=dataset, progress=False)
