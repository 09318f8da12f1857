"""Asset preparation: verified cache, one-line actionable errors."""

import json
import shutil
from pathlib import Path

import pytest

from assistant.assets import (
    MANIFEST,
    AssetError,
    converted_model_dir,
    packaged_gguf_path,
    resolve_base_model,
    verify_converted,
)
from assistant.config import Settings


def test_packaged_gguf_is_found() -> None:
    assert packaged_gguf_path().suffix == ".gguf"


def test_converted_model_verifies(settings: Settings) -> None:
    folder = converted_model_dir(settings.cache_path)
    assets = verify_converted(folder, generate=False)
    assert "model.safetensors" in assets.manifest["files"]  # type: ignore[operator]
    assert str(assets.manifest["verify_output"]).strip()


def _small_copy(settings: Settings, tmp_path: Path) -> Path:
    """A copy of the cache's small files with a manifest that covers only them."""
    source = converted_model_dir(settings.cache_path)
    target = tmp_path / "model"
    target.mkdir()
    manifest = json.loads((source / MANIFEST).read_text())
    kept = {}
    for name, digest in manifest["files"].items():
        if name.endswith(".json") or name.endswith(".jinja"):
            shutil.copy(source / name, target / name)
            kept[name] = digest
    manifest["files"] = kept
    (target / MANIFEST).write_text(json.dumps(manifest))
    return target


def test_corrupt_cache_is_detected(settings: Settings, tmp_path: Path) -> None:
    folder = _small_copy(settings, tmp_path)
    verify_converted(folder, generate=False)
    (folder / "config.json").write_text("{}")
    with pytest.raises(AssetError, match=r"corrupt.*advisor setup --force"):
        verify_converted(folder, generate=False)


def test_interrupted_conversion_is_detected(tmp_path: Path) -> None:
    with pytest.raises(AssetError, match="no manifest"):
        verify_converted(tmp_path, generate=False)


def test_missing_cache_tells_what_to_run(tmp_path: Path) -> None:
    with pytest.raises(AssetError, match="run `advisor setup`"):
        resolve_base_model(None, tmp_path)


def test_configured_base_must_be_a_model_folder(tmp_path: Path) -> None:
    with pytest.raises(AssetError, match=r"config\.json"):
        resolve_base_model(str(tmp_path), tmp_path)


def test_missing_package_error_is_one_line(monkeypatch: pytest.MonkeyPatch) -> None:
    import importlib.util

    monkeypatch.setattr(importlib.util, "find_spec", lambda name: None)
    with pytest.raises(AssetError) as caught:
        packaged_gguf_path()
    assert "make setup" in str(caught.value)
    assert "\n" not in str(caught.value)
