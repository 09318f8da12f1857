"""The language model: a base causal LM plus zero or more LoRA adapters (peft).

Built lazily and once per process. The base is any local Hugging Face
causal-LM folder (the converted SmolLM2 by default), so a larger model can
replace it on a GPU machine through configuration alone. Adapters are
composed in the configured order and the answering adapter versions are
reported with every generation, for the audit trail.
"""

from __future__ import annotations

import contextlib
import json
import logging
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import torch

import assistant.offline  # noqa: F401
from assistant.assets import AssetError, resolve_base_model
from assistant.config import AdapterSpec, GenerationSpec, Settings
from assistant.device import DevicePlan, apply_threads, plan_device

ADAPTER_MANIFEST = "advisor-adapter.json"
log = logging.getLogger(__name__)

Message = dict[str, str]


@dataclass(frozen=True)
class Generation:
    text: str
    prompt_tokens: int
    new_tokens: int
    seconds: float


def adapter_version(spec: AdapterSpec) -> str:
    manifest = Path(spec.path) / ADAPTER_MANIFEST
    version = Path(spec.path).name
    if manifest.exists():
        with contextlib.suppress(ValueError):
            version = str(json.loads(manifest.read_text()).get("version", version))
    return f"{spec.name}@{version}"


AdapterSource = Callable[[], list[AdapterSpec]]


class ChatModel:
    """Base + adapters; with an ``adapter_source`` it follows the registry while serving.

    A swap builds the new stack beside the old one and replaces it in one
    assignment, so turns in flight finish on the adapters they started with
    and every turn reports the versions that actually answered it.
    """

    def __init__(self, base_folder: Path, model_id: str, adapters: Sequence[AdapterSpec],
                 plan: DevicePlan, generation: GenerationSpec, *, merge: bool = False,
                 adapter_source: AdapterSource | None = None,
                 reload_check_seconds: float = 5.0) -> None:
        self.base_folder = base_folder
        self.model_id = model_id
        self.adapters = list(adapters)
        self.plan = plan
        self.generation = generation
        self.merge = merge
        self.adapter_source = adapter_source
        self.reload_check_seconds = reload_check_seconds
        self._lock = threading.Lock()
        self._swap_lock = threading.Lock()
        self._checked_at = 0.0
        self._loaded: tuple[Any, Any, str] | None = None

    @classmethod
    def from_settings(cls, settings: Settings,
                      adapter_source: AdapterSource | None = None) -> ChatModel:
        config = settings.model
        folder = resolve_base_model(config.base.path, settings.cache_path)
        plan = plan_device(config.device, config.dtype, config.cpu_threads)
        adapters: list[AdapterSpec] = []
        if config.adapters.source == "static":
            adapters = [AdapterSpec(name=a.name, path=str(settings.resolve_path(a.path)))
                        for a in config.adapters.static]
        source = adapter_source if config.adapters.source == "registry" else None
        if source is not None:
            adapters = source()
        return cls(folder, config.base.model_id, adapters, plan, config.generation,
                   merge=config.adapters.merge, adapter_source=source,
                   reload_check_seconds=config.adapters.reload_check_seconds)

    @property
    def adapter_version(self) -> str:
        """The versions of the stack that is loaded (or will be, before the first turn)."""
        if self._loaded is not None:
            return self._loaded[2]
        return "+".join(adapter_version(a) for a in self.adapters) or "none"

    def _build(self, adapters: Sequence[AdapterSpec]) -> tuple[Any, Any, str]:
        from transformers import AutoModelForCausalLM, AutoTokenizer

        apply_threads(self.plan)
        for spec in adapters:
            if not (Path(spec.path) / "adapter_config.json").exists():
                raise AssetError(f"LoRA adapter {spec.name!r} not found at {spec.path} "
                                 "(no adapter_config.json)")
        tokenizer = AutoTokenizer.from_pretrained(str(self.base_folder))
        model: Any = AutoModelForCausalLM.from_pretrained(str(self.base_folder),
                                                          dtype=self.plan.dtype)
        if adapters:
            from peft import PeftModel

            if self.merge:
                # Each layer's delta is folded into the weights in turn: W + ΔA + ΔB.
                for spec in adapters:
                    model = PeftModel.from_pretrained(model, spec.path,
                                                      adapter_name=spec.name).merge_and_unload()
            else:
                first = adapters[0]
                model = PeftModel.from_pretrained(model, first.path, adapter_name=first.name)
                for spec in adapters[1:]:
                    model.load_adapter(spec.path, adapter_name=spec.name)
                # Activate every layer at once: their LoRA deltas add up on the base.
                model.base_model.set_adapter([spec.name for spec in adapters])
        model.to(self.plan.device)
        model.eval()
        version = "+".join(adapter_version(a) for a in adapters) or "none"
        return tokenizer, model, version

    def _load(self) -> tuple[Any, Any]:
        self.refresh_adapters()
        loaded = self._loaded
        if loaded is None:
            with self._swap_lock:
                if self._loaded is None:
                    self._loaded = self._build(self.adapters)
                loaded = self._loaded
        return loaded[0], loaded[1]

    def refresh_adapters(self, force: bool = False) -> bool:
        """Follow the adapter source; True when a different stack was swapped in."""
        if self.adapter_source is None:
            return False
        now = time.monotonic()
        if not force and now - self._checked_at < self.reload_check_seconds:
            return False
        self._checked_at = now
        try:
            wanted = self.adapter_source()
        except Exception:  # the registry being briefly unreachable must not stop answers
            log.warning("adapter registry check failed; keeping the loaded adapters",
                        exc_info=True)
            return False
        if wanted == self.adapters:
            return False
        with self._swap_lock:
            if self._loaded is not None:
                built = self._build(wanted)
                self.adapters, self._loaded = list(wanted), built
            else:
                self.adapters = list(wanted)
        log.info("adapters now %s", self.adapter_version)
        return True

    def warm_up(self) -> None:
        self._load()

    @property
    def tokenizer(self) -> Any:
        return self._load()[0]

    def render_prompt(self, messages: Sequence[Message]) -> str:
        """The exact text the model will read (checked by the prompt rails)."""
        return str(self.tokenizer.apply_chat_template(list(messages), tokenize=False,
                                                      add_generation_prompt=True))

    def _generate_kwargs(self, max_new_tokens: int | None) -> dict[str, Any]:
        spec = self.generation
        kwargs: dict[str, Any] = {
            "max_new_tokens": max_new_tokens or spec.max_new_tokens,
            "repetition_penalty": spec.repetition_penalty,
        }
        if spec.temperature > 0:
            kwargs.update(do_sample=True, temperature=spec.temperature, top_p=spec.top_p)
        else:
            kwargs.update(do_sample=False)
        return kwargs

    def _encode(self, prompt: str) -> dict[str, torch.Tensor]:
        tokenizer, _ = self._load()
        encoded = tokenizer(prompt, return_tensors="pt", add_special_tokens=False)
        return {key: value.to(self.plan.device) for key, value in encoded.items()}

    def generate_from_prompt(self, prompt: str, max_new_tokens: int | None = None) -> Generation:
        tokenizer, model = self._load()
        inputs = self._encode(prompt)
        started = time.perf_counter()
        with self._lock, torch.inference_mode():
            output = model.generate(**inputs, **self._generate_kwargs(max_new_tokens),
                                    pad_token_id=tokenizer.eos_token_id)
        new = output[0][inputs["input_ids"].shape[1]:]
        return Generation(
            text=tokenizer.decode(new, skip_special_tokens=True).strip(),
            prompt_tokens=int(inputs["input_ids"].shape[1]),
            new_tokens=int(new.shape[0]),
            seconds=time.perf_counter() - started,
        )

    def generate(self, messages: Sequence[Message],
                 max_new_tokens: int | None = None) -> Generation:
        return self.generate_from_prompt(self.render_prompt(messages), max_new_tokens)

    def stream_from_prompt(self, prompt: str, max_new_tokens: int | None = None,
                           stop: threading.Event | None = None) -> Iterator[str]:
        """Yield text pieces as they are decoded; setting ``stop`` ends generation early."""
        from transformers import StoppingCriteria, StoppingCriteriaList, TextIteratorStreamer

        stop_event = stop or threading.Event()

        class _StopWhenAsked(StoppingCriteria):
            def __call__(self, input_ids: torch.Tensor, scores: torch.Tensor,
                         **kwargs: Any) -> torch.Tensor:
                return torch.full((input_ids.shape[0],), stop_event.is_set(), dtype=torch.bool,
                                  device=input_ids.device)

        tokenizer, model = self._load()
        inputs = self._encode(prompt)
        streamer = TextIteratorStreamer(tokenizer, skip_prompt=True, skip_special_tokens=True,
                                        timeout=300)
        errors: list[BaseException] = []

        def run() -> None:
            try:
                with self._lock, torch.inference_mode():
                    model.generate(**inputs, **self._generate_kwargs(max_new_tokens),
                                   streamer=streamer, pad_token_id=tokenizer.eos_token_id,
                                   stopping_criteria=StoppingCriteriaList([_StopWhenAsked()]))
            except BaseException as exc:  # surfaced to the consumer below
                errors.append(exc)
                streamer.end()

        worker = threading.Thread(target=run, daemon=True)
        worker.start()
        yield from streamer
        worker.join()
        if errors:
            raise errors[0]
