"""Staged LoRA training with the Hugging Face Trainer.

A layer trains on top of the layers below it: their active versions are
merged into the base weights first (W + ΔW_domain), then a fresh LoRA is
trained. At serving time the layers are composed as separate adapters; the
sum of their deltas on the base is the same function the upper layer was
trained against.

Checkpoints, retention, resume, evaluation, schedules, mixed precision and
gradient checkpointing are the Trainer's; this module only decides the
settings from the config and the device, and writes the versioned artifact.
"""

from __future__ import annotations

import csv
import json
import os
import shutil
import subprocess
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import torch

from assistant.assets import resolve_base_model, sha256_file
from assistant.config import Settings
from assistant.training.config import TrainConfig
from assistant.training.dataset import DatasetBuild, build_dataset
from assistant.training.records import read_records
from assistant.training.registry import ADAPTER_MANIFEST, AdapterRegistry, RegistryError
from assistant.training.tokenization import IGNORE_INDEX, ChatDataset


@dataclass(frozen=True)
class TrainOutcome:
    version: str
    folder: Path
    metrics: dict[str, Any]
    run_dir: Path


def git_commit(root: Path) -> str:
    try:
        result = subprocess.run(["git", "rev-parse", "HEAD"], cwd=root, capture_output=True,
                                text=True, timeout=10, check=False)
    except OSError:
        return "unknown"
    head = result.stdout.strip() or "unknown"
    dirty = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no"], cwd=root,
                           capture_output=True, text=True, timeout=10, check=False).stdout
    return head + ("+dirty" if dirty.strip() else "")


def training_device(config: TrainConfig) -> tuple[str, torch.dtype, str]:
    """(device, load dtype, precision) — bf16 autocast on CUDA, fp32 on CPU."""
    cuda = torch.cuda.is_available()
    if config.device == "cuda" and not cuda:
        raise RuntimeError("device: cuda was configured but no CUDA device is available")
    device = "cuda" if config.device == "cuda" or (config.device == "auto" and cuda) else "cpu"
    precision = config.precision
    if precision == "auto":
        precision = "bf16" if device == "cuda" else "fp32"
    if device == "cpu" and precision != "fp32":
        raise RuntimeError(f"precision {precision} is only supported on CUDA here; use fp32")
    return device, torch.float32, precision


class CsvMetricsLog:
    """Trainer callback: one CSV row per log event (loss, eval loss, learning rate, speed)."""

    FIELDS = ("step", "epoch", "loss", "eval_loss", "learning_rate", "grad_norm",
              "elapsed_s")

    def __init__(self, path: Path) -> None:
        self.path = path
        self.started = time.perf_counter()

    def as_callback(self) -> Any:
        from transformers import TrainerCallback

        log = self

        class _Callback(TrainerCallback):
            def on_log(self, args: Any, state: Any, control: Any, logs: Any = None,
                       **kwargs: Any) -> None:
                log.write(state.global_step, logs or {})

        return _Callback()

    def write(self, step: int, logs: dict[str, Any]) -> None:
        new = not self.path.exists()
        with self.path.open("a", newline="") as handle:
            writer = csv.DictWriter(handle, fieldnames=self.FIELDS, extrasaction="ignore")
            if new:
                writer.writeheader()
            row = {k: logs.get(k, "") for k in self.FIELDS}
            row.update(step=step, elapsed_s=round(time.perf_counter() - self.started, 1))
            writer.writerow(row)


def _load_stack(config: TrainConfig, settings: Settings, registry: AdapterRegistry,
                device: str, dtype: torch.dtype) -> tuple[Any, Any, Path, list[dict[str, str]]]:
    from peft import PeftModel
    from transformers import AutoModelForCausalLM, AutoTokenizer

    folder = resolve_base_model(config.base_model or settings.model.base.path,
                                settings.cache_path)
    tokenizer = AutoTokenizer.from_pretrained(str(folder))
    model: Any = AutoModelForCausalLM.from_pretrained(str(folder), dtype=dtype)
    below = []
    for layer in config.stack_on:
        active = registry.active(layer)
        if active is None:
            raise RegistryError(f"layer {config.layer!r} trains on top of {layer!r}, which has "
                                f"no active version: train configs/train/{layer}.yaml first")
        model = PeftModel.from_pretrained(model, str(active.path)).merge_and_unload()
        below.append({"layer": layer, "version": active.version})
    return tokenizer, model.to(device), folder, below


def _split_records(build: DatasetBuild, layer: str, split: str) -> list[Any]:
    return list(read_records(build.path(layer, split)))


def train_adapter(config: TrainConfig, settings: Settings, registry: AdapterRegistry,
                  resume: bool = False, dataset: Path | None = None,
                  progress: bool = True) -> TrainOutcome:
    from peft import LoraConfig, get_peft_model
    from transformers import DataCollatorForSeq2Seq, Trainer, TrainingArguments
    from transformers.trainer_utils import get_last_checkpoint

    device, dtype, precision = training_device(config)
    if device == "cpu":
        torch.set_num_threads(config.cpu_threads or os.cpu_count() or 1)
    if dataset is not None:
        build = DatasetBuild(dataset, json.loads((dataset / "manifest.json").read_text()))
    else:
        build = build_dataset(settings, config.data)
    if not build.manifest["pii_check"]["passed"]:
        raise RuntimeError(f"dataset {build.folder} failed the PII check; see its manifest")

    tokenizer, model, base_folder, below = _load_stack(config, settings, registry, device,
                                                       dtype)
    lora = LoraConfig(r=config.lora.r, lora_alpha=config.lora.alpha,
                      lora_dropout=config.lora.dropout,
                      target_modules=list(config.lora.target_modules), task_type="CAUSAL_LM")
    model = get_peft_model(model, lora)
    if config.gradient_checkpointing:
        model.enable_input_require_grads()

    system_prompt = settings.model.system_prompt
    train_set = ChatDataset(_split_records(build, config.layer, "train"), tokenizer,
                            system_prompt, config.data.max_context_chars, config.data.max_seq_len)
    eval_records = _split_records(build, config.layer, "eval")[: config.eval_examples]
    eval_set = ChatDataset(eval_records, tokenizer, system_prompt,
                           config.data.max_context_chars, config.data.max_seq_len)
    if len(train_set) == 0:
        raise RuntimeError(f"no training examples for layer {config.layer} in {build.folder}")

    run_dir = settings.resolve_path(config.output_dir) / config.name
    run_dir.mkdir(parents=True, exist_ok=True)
    checkpoint = get_last_checkpoint(str(run_dir)) if resume else None
    if resume and checkpoint is None:
        raise RuntimeError(f"--resume: no checkpoint in {run_dir}")
    if not resume:
        for old in run_dir.glob("checkpoint-*"):
            shutil.rmtree(old)
        (run_dir / "metrics.csv").unlink(missing_ok=True)
    args = TrainingArguments(
        output_dir=str(run_dir),
        per_device_train_batch_size=config.batch_size,
        per_device_eval_batch_size=config.batch_size,
        gradient_accumulation_steps=config.grad_accum,
        learning_rate=config.learning_rate,
        lr_scheduler_type=config.lr_scheduler,
        warmup_steps=config.warmup_ratio,
        weight_decay=config.weight_decay,
        num_train_epochs=config.epochs,
        max_steps=config.max_steps,
        activation_checkpointing=config.gradient_checkpointing,
        bf16=precision == "bf16",
        fp16=precision == "fp16",
        use_cpu=device == "cpu",
        seed=config.seed,
        data_seed=config.seed,
        eval_strategy="steps",
        eval_steps=config.eval_every,
        save_strategy="steps",
        save_steps=config.save_every,
        save_total_limit=config.save_limit,
        logging_steps=config.logging_steps,
        report_to=["tensorboard"] if config.log_format == "tensorboard" else [],
        train_sampling_strategy="group_by_length",
        disable_tqdm=not progress,
        dataloader_num_workers=0,
        remove_unused_columns=False,
    )
    log = CsvMetricsLog(run_dir / "metrics.csv")
    trainer = Trainer(
        model=model, args=args, train_dataset=train_set, eval_dataset=eval_set,
        data_collator=DataCollatorForSeq2Seq(tokenizer, padding=True,
                                             label_pad_token_id=IGNORE_INDEX),
        callbacks=[log.as_callback()],
    )
    started = time.perf_counter()
    result = trainer.train(resume_from_checkpoint=checkpoint)
    seconds = time.perf_counter() - started
    evaluation = trainer.evaluate()
    metrics = {
        "train_loss": round(float(result.training_loss), 4),
        "eval_loss": round(float(evaluation["eval_loss"]), 4),
        "train_seconds": round(seconds, 1),
        "steps": int(result.global_step),
        "train_examples": len(train_set),
        "dropped_too_long": train_set.dropped,
        "device": device,
        "precision": precision,
        "threads": torch.get_num_threads() if device == "cpu" else None,
        "resumed_from": Path(checkpoint).name if checkpoint else None,
    }
    outcome = _write_artifact(config, settings, model, base_folder, build, below, metrics)
    registry.register(outcome.folder)
    if config.promote:
        registry.promote(outcome.version, actor=f"advisor train {config.name}")
    return TrainOutcome(outcome.version, outcome.folder, metrics, run_dir)


def _write_artifact(config: TrainConfig, settings: Settings, model: Any, base_folder: Path,
                    build: DatasetBuild, below: list[dict[str, str]],
                    metrics: dict[str, Any]) -> TrainOutcome:
    created = datetime.now(UTC)
    version = f"{config.layer}-{created:%Y%m%dT%H%M%SZ}"
    folder = settings.resolve_path(config.artifact_dir) / config.layer / version
    staging = folder.with_name(folder.name + ".partial")
    shutil.rmtree(staging, ignore_errors=True)
    save_dtype = getattr(torch, config.save_dtype)
    state = {k: v.detach().to("cpu", save_dtype).contiguous()
             for k, v in model.state_dict().items() if "lora_" in k}
    model.save_pretrained(str(staging), state_dict=state)
    (staging / "README.md").unlink(missing_ok=True)  # peft's empty model-card template
    weights = base_folder / "model.safetensors"
    manifest = {
        "version": version,
        "layer": config.layer,
        "created_at": created.isoformat(timespec="seconds"),
        "base_model": {"id": settings.model.base.model_id,
                       "path": str(config.base_model or "packaged SmolLM2 (converted)"),
                       "sha256": sha256_file(weights) if weights.exists() else None},
        "stacked_on": below,
        "dataset": {"content_hash": build.manifest["content_hash"],
                    "counts": build.manifest["counts"]},
        "config": config.model_dump(),
        "metrics": metrics,
        "git_commit": git_commit(settings.root),
        "seed": config.seed,
        "weights_sha256": sha256_file(staging / "adapter_model.safetensors"),
    }
    (staging / ADAPTER_MANIFEST).write_text(json.dumps(manifest, indent=2) + "\n")
    staging.rename(folder)  # a crash mid-save never leaves a half artifact under its name
    return TrainOutcome(version, folder, metrics, folder)
