"""Training configuration: strict keys, typed overrides, the shipped layer configs."""

from pathlib import Path

import pytest

from assistant.config import PROJECT_ROOT, ConfigError
from assistant.training.config import load_train_config, parse_overrides

TRAIN_DIR = PROJECT_ROOT / "configs" / "train"


def test_shipped_configs_use_the_issue_defaults() -> None:
    domain = load_train_config(TRAIN_DIR / "domain.yaml")
    task = load_train_config(TRAIN_DIR / "task.yaml")
    assert (domain.lora.r, domain.lora.alpha, domain.lora.dropout) == (32, 64, 0.1)
    assert domain.lora.target_modules == ["q_proj", "v_proj"]
    assert domain.stack_on == [] and task.stack_on == ["domain"]
    assert task.layer == "task" and task.precision == "auto"


@pytest.mark.parametrize(("pairs", "expected"), [
    (["lora.r=8"], {"lora.r": 8}),
    (["learning_rate=1e-4"], {"learning_rate": 1e-4}),
    (["lora.target_modules=[q_proj, k_proj]"], {"lora.target_modules": ["q_proj", "k_proj"]}),
    (["gradient_checkpointing=true"], {"gradient_checkpointing": True}),
])
def test_overrides_keep_their_types(pairs: list[str], expected: dict[str, object]) -> None:
    assert parse_overrides(pairs) == expected


def test_override_is_applied_and_validated() -> None:
    config = load_train_config(TRAIN_DIR / "task.yaml", {"lora.r": 8, "max_steps": 3})
    assert config.lora.r == 8 and config.max_steps == 3
    with pytest.raises(ConfigError, match=r"lora\.r"):
        load_train_config(TRAIN_DIR / "task.yaml", {"lora.r": 0})


@pytest.mark.parametrize("bad", ["nonsense", "=3"])
def test_malformed_override_is_refused(bad: str) -> None:
    with pytest.raises(ConfigError, match="key=value"):
        parse_overrides([bad])


def test_unknown_key_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text("name: x\nlayer: task\nlernin_rate: 0.1\n")
    with pytest.raises(ConfigError, match="lernin_rate"):
        load_train_config(path)


def test_missing_config_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="not found"):
        load_train_config(tmp_path / "absent.yaml")
