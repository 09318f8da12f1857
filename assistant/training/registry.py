"""The adapter registry: versions, and one movable alias per layer.

Versions live in the audit database next to the turns they answered, so a
reviewer can join a turn's ``adapter_version`` to the manifest (dataset hash,
config, metrics, commit) of the adapter that wrote it. Artifacts on disk are
discovered and registered by :meth:`AdapterRegistry.sync`; the shipped
defaults become active on a fresh database.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import Engine
from sqlmodel import Session, col, select

from assistant.audit.tables import AdapterAlias, AdapterAliasEvent, AdapterVersion, utcnow
from assistant.config import AdapterSpec, Settings

ADAPTER_MANIFEST = "advisor-adapter.json"
ACTIVE = "active"


class RegistryError(RuntimeError):
    """An unknown version, a layer mismatch or nothing to roll back to."""


@dataclass(frozen=True)
class ActiveAdapter:
    layer: str
    version: str
    path: Path


def read_manifest(folder: Path) -> dict[str, Any]:
    path = folder / ADAPTER_MANIFEST
    if not path.exists():
        raise RegistryError(f"{folder} is not an adapter artifact (no {ADAPTER_MANIFEST})")
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    for key in ("version", "layer"):
        if key not in data:
            raise RegistryError(f"{path} lacks {key!r}")
    return data


class AdapterRegistry:
    def __init__(self, engine: Engine, root: Path) -> None:
        self.engine = engine
        self.root = root

    def _stored_path(self, folder: Path) -> str:
        """Paths inside the project are stored relative, so a clone elsewhere still works."""
        try:
            return str(folder.resolve().relative_to(self.root.resolve()))
        except ValueError:
            return str(folder.resolve())

    def resolve(self, stored: str) -> Path:
        path = Path(stored)
        return path if path.is_absolute() else self.root / path

    # ------------------------------------------------------------- versions
    def register(self, folder: Path) -> AdapterVersion:
        manifest = read_manifest(folder)
        with Session(self.engine) as session:
            existing = session.get(AdapterVersion, manifest["version"])
            if existing is not None:
                if existing.layer != manifest["layer"]:
                    raise RegistryError(f"version {existing.version} is registered for layer "
                                        f"{existing.layer}, not {manifest['layer']}")
                return existing
            row = AdapterVersion(version=manifest["version"], layer=manifest["layer"],
                                 path=self._stored_path(folder), manifest=manifest)
            session.add(row)
            session.commit()
            session.refresh(row)
            return row

    def versions(self, layer: str | None = None) -> list[AdapterVersion]:
        with Session(self.engine) as session:
            query = select(AdapterVersion).order_by(col(AdapterVersion.registered_at),
                                                    col(AdapterVersion.version))
            if layer:
                query = query.where(AdapterVersion.layer == layer)
            return list(session.exec(query))

    def get(self, version: str) -> AdapterVersion:
        with Session(self.engine) as session:
            row = session.get(AdapterVersion, version)
        if row is None:
            raise RegistryError(f"unknown adapter version {version!r} "
                                "(see `advisor adapters list`)")
        return row

    # --------------------------------------------------------------- aliases
    def active(self, layer: str) -> ActiveAdapter | None:
        with Session(self.engine) as session:
            alias = session.get(AdapterAlias, (layer, ACTIVE))
            if alias is None:
                return None
            row = session.get(AdapterVersion, alias.version)
            assert row is not None
            return ActiveAdapter(layer, row.version, self.resolve(row.path))

    def active_stack(self, layers: Iterable[str]) -> list[ActiveAdapter]:
        return [a for a in (self.active(layer) for layer in layers) if a is not None]

    def _move(self, layer: str, version: str, action: str, actor: str) -> str | None:
        with Session(self.engine) as session:
            alias = session.get(AdapterAlias, (layer, ACTIVE))
            previous = alias.version if alias else None
            if alias is None:
                alias = AdapterAlias(layer=layer, alias=ACTIVE, version=version)
            else:
                alias.version = version
                alias.updated_at = utcnow()
            session.add(alias)
            session.add(AdapterAliasEvent(layer=layer, alias=ACTIVE, from_version=previous,
                                          to_version=version, action=action, actor=actor))
            session.commit()
            return previous

    def promote(self, version: str, actor: str = "cli") -> tuple[str, str | None]:
        row = self.get(version)
        return row.layer, self._move(row.layer, version, "promote", actor)

    def history(self, layer: str) -> list[AdapterAliasEvent]:
        with Session(self.engine) as session:
            return list(session.exec(
                select(AdapterAliasEvent).where(AdapterAliasEvent.layer == layer)
                .order_by(col(AdapterAliasEvent.id))))

    def rollback(self, layer: str, actor: str = "cli") -> tuple[str, str]:
        """Point the alias back at the version it held before the latest move."""
        current = self.active(layer)
        if current is None:
            raise RegistryError(f"layer {layer!r} has no active version")
        events = self.history(layer)
        # Walk back past moves that a rollback already undid.
        undone = 0
        for event in reversed(events):
            if event.action == "rollback":
                undone += 1
                continue
            if undone:
                undone -= 1
                continue
            if event.from_version and event.from_version != current.version:
                self._move(layer, event.from_version, "rollback", actor)
                return current.version, event.from_version
        raise RegistryError(f"layer {layer!r}: no earlier version to roll back to")

    # ------------------------------------------------------------------ sync
    def sync(self, artifact_dirs: Iterable[Path], layers: Iterable[str]) -> list[str]:
        """Register artifacts found on disk; give a layer without an alias its newest
        version from the first folder that has one (the shipped default)."""
        registered = []
        found: dict[str, list[tuple[str, str]]] = {}
        for directory in artifact_dirs:
            for manifest_path in sorted(Path(directory).glob(f"*/*/{ADAPTER_MANIFEST}")):
                row = self.register(manifest_path.parent)
                registered.append(row.version)
                found.setdefault(row.layer, []).append(
                    (str(row.manifest.get("created_at", "")), row.version))
            for layer in layers:
                if self.active(layer) is None and found.get(layer):
                    newest = max(found[layer])[1]
                    self._move(layer, newest, "bootstrap", "advisor setup")
        return registered


def registry_adapter_source(settings: Settings, engine: Engine
                            ) -> Callable[[], list[AdapterSpec]] | None:
    """What the serving model polls: the active version of each configured layer."""
    config = settings.model.adapters
    if config.source != "registry":
        return None
    registry = AdapterRegistry(engine, settings.root)
    registry.sync([settings.resolve_path(d) for d in config.artifact_dirs], config.layers)

    def source() -> list[AdapterSpec]:
        return [AdapterSpec(name=a.layer, path=str(a.path))
                for a in registry.active_stack(config.layers)]

    return source
