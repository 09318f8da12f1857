"""Training configuration: one YAML file per adapter layer in ``configs/train/``.

Validated by pydantic models that reject unknown keys, like the serving
configuration, so that a misspelt hyper-parameter stops the run before an
hour of CPU time is spent on the wrong setting. Command-line overrides use
dotted keys (``lora.r=16``) and are validated the same way.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from assistant.config import ConfigError, _set_nested


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class LoraSpec(_Strict):
    r: int = Field(default=32, ge=1, le=512)
    alpha: int = Field(default=64, ge=1)
    dropout: float = Field(default=0.1, ge=0.0, lt=1.0)
    target_modules: list[str] = Field(default=["q_proj", "v_proj"], min_length=1)


class DataSpec(_Strict):
    """What the dataset builder draws from and how the prompts are shaped."""

    build_dir: str = "data/training"
    seed_dir: str = "assistant/training/seed"
    eval_share: float = Field(default=0.08, gt=0.0, lt=0.5,
                              description="share of glossary terms and seed dialogues held out")
    adversarial_share: float = Field(default=0.3, ge=0.0, le=0.6,
                                     description="share of task examples that are adversarial "
                                                 "or refusal (negative) cases")
    domain_definitions: int = Field(default=789, ge=0, description="glossary definition Q&As")
    domain_extras: int = Field(default=120, ge=0, description="alias and comparison Q&As")
    grounded_glossary: int = Field(default=280, ge=0,
                                   description="task examples answering from a glossary passage")
    context_passages: int = Field(default=2, ge=1, le=8)
    max_context_chars: int = Field(default=700, ge=200)
    max_seq_len: int = Field(default=448, ge=64, le=4096)
    pii_reviewed_false_positives: list[str] = Field(
        default=["Monte Carlo", "Zelle", "Among Larkspur's"],
        description="strings in assistant replies the redactor mislabels as PII, reviewed by "
                    "a person as not personal data; listed in the manifest's spec")


class TrainConfig(_Strict):
    name: str
    layer: Literal["domain", "task"]
    stack_on: list[Literal["domain", "task"]] = Field(
        default=[], description="layers merged under this one while it trains (their active "
                                "versions from the registry)")
    base_model: str | None = Field(default=None, description="local HF folder; null = SmolLM2")
    lora: LoraSpec = LoraSpec()
    data: DataSpec = DataSpec()
    learning_rate: float = Field(default=2e-4, gt=0.0)
    lr_scheduler: Literal["linear", "cosine", "constant", "constant_with_warmup"] = "cosine"
    warmup_ratio: float = Field(default=0.05, ge=0.0, lt=1.0)
    weight_decay: float = Field(default=0.0, ge=0.0)
    epochs: float = Field(default=1.0, gt=0.0)
    max_steps: int = Field(default=-1, description="-1 = run the epochs; otherwise stop here")
    batch_size: int = Field(default=4, ge=1)
    grad_accum: int = Field(default=2, ge=1)
    gradient_checkpointing: bool = False
    precision: Literal["auto", "fp32", "bf16", "fp16"] = Field(
        default="auto", description="auto: bf16 on CUDA, fp32 on CPU")
    device: Literal["auto", "cpu", "cuda"] = "auto"
    cpu_threads: int = Field(default=0, ge=0, description="0 = one per core")
    seed: int = 13
    eval_every: int = Field(default=50, ge=1, description="evaluate every N optimiser steps")
    eval_examples: int = Field(default=48, ge=1, description="held-out examples for eval loss")
    save_every: int = Field(default=50, ge=1, description="checkpoint every N optimiser steps")
    save_limit: int = Field(default=2, ge=1, description="checkpoints kept")
    logging_steps: int = Field(default=5, ge=1)
    log_format: Literal["csv", "tensorboard"] = "csv"
    output_dir: str = "runs"
    artifact_dir: str = "data/adapters"
    save_dtype: Literal["float32", "bfloat16", "float16"] = Field(
        default="bfloat16", description="adapter weights are stored in this type (smaller files)")
    promote: bool = Field(default=False, description="make the new version active on success")


def load_train_config(path: str | Path, overrides: dict[str, Any] | None = None) -> TrainConfig:
    path = Path(path)
    if not path.is_file():
        raise ConfigError(f"training configuration not found: {path}")
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except yaml.YAMLError as exc:
        raise ConfigError(f"invalid YAML in {path}: {exc}") from exc
    if not isinstance(raw, dict):
        raise ConfigError(f"{path} must hold a mapping of keys")
    for dotted, value in (overrides or {}).items():
        _set_nested(raw, tuple(dotted.split(".")), value)
    try:
        return TrainConfig.model_validate(raw)
    except ValidationError as exc:
        problems = "; ".join(f"{'.'.join(str(p) for p in e['loc'])}: {e['msg']}"
                             for e in exc.errors())
        raise ConfigError(f"invalid training configuration {path}: {problems}") from None


def parse_overrides(pairs: list[str]) -> dict[str, Any]:
    """``key=value`` pairs; values are read as YAML so numbers and lists keep their type."""
    parsed: dict[str, Any] = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key.strip():
            raise ConfigError(f"override {pair!r} is not key=value")
        parsed[key.strip()] = _scalar(value)
    return parsed


def _scalar(value: str) -> Any:
    """YAML typing, plus the float forms YAML 1.1 leaves as strings ("1e-4")."""
    loaded = yaml.safe_load(value) if value else value
    if isinstance(loaded, str):
        try:
            return float(loaded)
        except ValueError:
            return loaded
    return loaded
