"""Configuration: strict keys, environment overrides, messages that name the key."""

import shutil
from pathlib import Path

import pytest

from assistant.config import DEFAULT_CONFIG_DIR, ConfigError, load_settings


@pytest.fixture()
def config_dir(tmp_path: Path) -> Path:
    target = tmp_path / "configs"
    shutil.copytree(DEFAULT_CONFIG_DIR, target)
    return target


def test_shipped_configuration_is_valid() -> None:
    settings = load_settings(environ={})
    assert settings.server.port == 7860
    assert settings.storage.database_url.startswith("sqlite:///")
    assert settings.guardrails.disclosure
    assert [r.id for r in settings.guardrails.request_rules] == ["SEC-01", "SEC-02", "FIN-12",
                                                                 "FIN-13", "FIN-18"]


def test_unknown_key_is_rejected_with_its_name(config_dir: Path) -> None:
    path = config_dir / "model.yaml"
    path.write_text(path.read_text() + "\ntemprature: 0.3\n")
    with pytest.raises(ConfigError, match=r"model\.temprature.*model\.yaml"):
        load_settings(config_dir, environ={})


def test_invalid_value_names_the_nested_key(config_dir: Path) -> None:
    path = config_dir / "server.yaml"
    path.write_text(path.read_text().replace("port: 7860", "port: 99999"))
    with pytest.raises(ConfigError, match=r"server\.port"):
        load_settings(config_dir, environ={})


def test_database_url_environment_override(config_dir: Path) -> None:
    url = "postgresql+psycopg://u:p@127.0.0.1:5432/advisor"
    settings = load_settings(config_dir, environ={"ADVISOR_DATABASE_URL": url})
    assert settings.database_url == url


def test_nested_environment_override_is_typed(config_dir: Path) -> None:
    settings = load_settings(config_dir, environ={"ADVISOR_MODEL__GENERATION__MAX_NEW_TOKENS": "7",
                                                  "ADVISOR_DEVICE": "cpu"})
    assert settings.model.generation.max_new_tokens == 7
    assert settings.model.device == "cpu"


def test_bad_environment_value_is_named(config_dir: Path) -> None:
    with pytest.raises(ConfigError, match=r"model\.device"):
        load_settings(config_dir, environ={"ADVISOR_DEVICE": "tpu"})


def test_relative_sqlite_path_is_anchored_at_project_root(config_dir: Path) -> None:
    settings = load_settings(config_dir, environ={})
    assert settings.database_url == f"sqlite:///{config_dir.parent / 'data/audit.sqlite3'}"


def test_invalid_yaml_is_reported(config_dir: Path) -> None:
    (config_dir / "storage.yaml").write_text("database_url: [unclosed")
    with pytest.raises(ConfigError, match=r"storage\.yaml"):
        load_settings(config_dir, environ={})


def test_missing_fallback_default_is_rejected(config_dir: Path) -> None:
    path = config_dir / "guardrails.yaml"
    path.write_text(path.read_text().replace("  default: >-", "  other: >-"))
    with pytest.raises(ConfigError, match="default"):
        load_settings(config_dir, environ={})
