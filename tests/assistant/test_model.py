"""The real SmolLM2 through the model layer, with and without LoRA adapters."""

from pathlib import Path

import pytest
import torch

from assistant.config import AdapterSpec, Settings
from assistant.model import ChatModel

MESSAGES = [{"role": "user", "content": "What is a savings account?"}]


def test_greedy_generation_is_deterministic(chat_model: ChatModel) -> None:
    first = chat_model.generate(MESSAGES, max_new_tokens=12)
    second = chat_model.generate(MESSAGES, max_new_tokens=12)
    assert first.text and first.text == second.text
    assert 0 < first.new_tokens <= 12
    assert first.prompt_tokens > 5


def test_stream_matches_generate(chat_model: ChatModel) -> None:
    prompt = chat_model.render_prompt(MESSAGES)
    streamed = "".join(chat_model.stream_from_prompt(prompt, max_new_tokens=12)).strip()
    assert streamed == chat_model.generate(MESSAGES, max_new_tokens=12).text


def test_chat_template_is_applied(chat_model: ChatModel) -> None:
    prompt = chat_model.render_prompt(MESSAGES)
    assert "<|im_start|>user" in prompt and prompt.rstrip().endswith("assistant")


def test_stop_event_ends_generation_early(chat_model: ChatModel) -> None:
    import threading

    stop = threading.Event()
    pieces = []
    for piece in chat_model.stream_from_prompt(chat_model.render_prompt(MESSAGES), 60, stop=stop):
        pieces.append(piece)
        stop.set()
    assert 1 <= len(pieces) <= 3


def _random_adapter(settings: Settings, folder: Path, seed: int) -> Path:
    """A LoRA adapter with non-zero weights (peft initialises B to zero otherwise)."""
    from peft import LoraConfig, get_peft_model
    from transformers import AutoModelForCausalLM

    torch.manual_seed(seed)
    base = AutoModelForCausalLM.from_pretrained(
        str(settings.cache_path / "models" / "smollm2-135m-instruct"))
    config = LoraConfig(r=4, lora_alpha=64, target_modules=["q_proj", "v_proj"],
                        init_lora_weights=False)
    get_peft_model(base, config).save_pretrained(str(folder))
    return folder


@pytest.fixture(scope="module")
def adapters(settings: Settings, tmp_path_factory: pytest.TempPathFactory) -> list[AdapterSpec]:
    root = tmp_path_factory.mktemp("adapters")
    return [
        AdapterSpec(name="domain", path=str(_random_adapter(settings, root / "domain", 1))),
        AdapterSpec(name="task", path=str(_random_adapter(settings, root / "task", 2))),
    ]


def logits(model: ChatModel) -> torch.Tensor:
    """Next-token logits for MESSAGES: the most direct view of what the adapters changed."""
    tokenizer, net = model._load()
    inputs = tokenizer(model.render_prompt(MESSAGES), return_tensors="pt")
    with torch.inference_mode():
        return net(**inputs).logits[0, -1]


def test_lora_adapters_change_and_compose(chat_model: ChatModel,
                                          adapters: list[AdapterSpec]) -> None:
    def with_adapters(specs: list[AdapterSpec]) -> ChatModel:
        return ChatModel(chat_model.base_folder, chat_model.model_id, specs, chat_model.plan,
                         chat_model.generation)

    base = logits(chat_model)
    one_model = with_adapters(adapters[:1])
    both_model = with_adapters(adapters)
    one, both = logits(one_model), logits(both_model)
    assert not torch.allclose(base, one, atol=1e-4)
    assert not torch.allclose(one, both, atol=1e-4)
    assert both_model.adapter_version == "domain@domain+task@task"
    assert chat_model.adapter_version == "none"
    assert both_model.generate(MESSAGES, max_new_tokens=5).new_tokens >= 1


def test_missing_adapter_is_reported(chat_model: ChatModel, tmp_path: Path) -> None:
    from assistant.assets import AssetError

    broken = ChatModel(chat_model.base_folder, chat_model.model_id,
                       [AdapterSpec(name="task", path=str(tmp_path))], chat_model.plan,
                       chat_model.generation)
    with pytest.raises(AssetError, match="adapter 'task' not found"):
        broken.warm_up()


def test_adapter_source_is_followed_without_restart(chat_model: ChatModel,
                                                    adapters: list[AdapterSpec]) -> None:
    """A registry alias move reaches a live model: new weights, new reported version."""
    wanted: list[AdapterSpec] = adapters[:1]
    live = ChatModel(chat_model.base_folder, chat_model.model_id, [], chat_model.plan,
                     chat_model.generation, merge=True, adapter_source=lambda: list(wanted),
                     reload_check_seconds=0.0)
    first = live.generate(MESSAGES, max_new_tokens=8).text
    assert live.adapter_version == "domain@domain"
    wanted = list(adapters)
    assert live.refresh_adapters(force=True)
    assert live.adapter_version == "domain@domain+task@task"
    assert live.generate(MESSAGES, max_new_tokens=8).text != first
    assert not live.refresh_adapters(force=True)  # unchanged source: no rebuild


def test_merged_and_unmerged_stacks_agree(chat_model: ChatModel,
                                          adapters: list[AdapterSpec]) -> None:
    merged = ChatModel(chat_model.base_folder, chat_model.model_id, adapters, chat_model.plan,
                       chat_model.generation, merge=True)
    separate = ChatModel(chat_model.base_folder, chat_model.model_id, adapters,
                         chat_model.plan, chat_model.generation, merge=False)
    assert torch.allclose(logits(merged), logits(separate), atol=1e-3)
