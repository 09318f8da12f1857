"""The adapter registry on SQLite and PostgreSQL: versions, the active alias, rollback."""

import json
from pathlib import Path

import pytest

from assistant.audit import AuditStore
from assistant.training.registry import ADAPTER_MANIFEST, AdapterRegistry, RegistryError


def _artifact(root: Path, layer: str, version: str, created: str) -> Path:
    folder = root / layer / version
    folder.mkdir(parents=True)
    (folder / ADAPTER_MANIFEST).write_text(json.dumps(
        {"version": version, "layer": layer, "created_at": created,
         "metrics": {"eval_loss": 1.0}}))
    return folder


@pytest.fixture
def registry(database_url: str, tmp_path: Path) -> AdapterRegistry:
    return AdapterRegistry(AuditStore(database_url).engine, tmp_path)


def test_sync_registers_and_bootstraps_the_newest_shipped_version(
        registry: AdapterRegistry, tmp_path: Path) -> None:
    shipped = tmp_path / "shipped"
    _artifact(shipped, "domain", "domain-1", "2026-11-01")
    _artifact(shipped, "domain", "domain-2", "2026-11-02")
    _artifact(shipped, "task", "task-1", "2026-11-02")
    registry.sync([shipped], ["domain", "task"])
    assert {v.version for v in registry.versions()} == {"domain-1", "domain-2", "task-1"}
    active = registry.active("domain")
    assert active is not None and active.version == "domain-2"
    assert active.path == tmp_path / "shipped" / "domain" / "domain-2"
    # A second sync (server restart) does not move an alias someone set.
    registry.promote("domain-1")
    registry.sync([shipped], ["domain", "task"])
    assert registry.active("domain").version == "domain-1"  # type: ignore[union-attr]


def test_promote_and_rollback_walk_the_history(registry: AdapterRegistry,
                                               tmp_path: Path) -> None:
    for n in (1, 2, 3):
        registry.register(_artifact(tmp_path, "task", f"task-{n}", f"2026-11-0{n}"))
    registry.promote("task-1")
    registry.promote("task-2")
    registry.promote("task-3")
    assert registry.rollback("task") == ("task-3", "task-2")
    assert registry.rollback("task") == ("task-2", "task-1")
    with pytest.raises(RegistryError, match="no earlier version"):
        registry.rollback("task")
    actions = [e.action for e in registry.history("task")]
    assert actions == ["promote", "promote", "promote", "rollback", "rollback"]


def test_unknown_version_and_empty_layer_are_errors(registry: AdapterRegistry) -> None:
    with pytest.raises(RegistryError, match="unknown adapter version"):
        registry.promote("task-404")
    with pytest.raises(RegistryError, match="no active version"):
        registry.rollback("domain")


def test_a_folder_without_manifest_is_not_an_artifact(registry: AdapterRegistry,
                                                      tmp_path: Path) -> None:
    with pytest.raises(RegistryError, match="not an adapter artifact"):
        registry.register(tmp_path)
