"""Typed configuration: YAML files in ``configs/`` plus environment overrides.

Each YAML file is one section and maps onto a pydantic model that forbids
unknown keys, so a typo stops start-up with the key's name instead of being
silently ignored. Environment variables win over files so that deployments
(and CI) can switch the database or device without editing YAML.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CONFIG_DIR = PROJECT_ROOT / "configs"
ENV_PREFIX = "ADVISOR_"

# Short, documented names for the overrides operators use most.
ENV_SHORTCUTS: dict[str, tuple[str, ...]] = {
    "ADVISOR_DATABASE_URL": ("storage", "database_url"),
    "ADVISOR_CACHE_DIR": ("storage", "cache_dir"),
    "ADVISOR_DEVICE": ("model", "device"),
    "ADVISOR_BASE_MODEL": ("model", "base", "path"),
    "ADVISOR_CPU_THREADS": ("model", "cpu_threads"),
    "ADVISOR_HOST": ("server", "host"),
    "ADVISOR_PORT": ("server", "port"),
}


class ConfigError(RuntimeError):
    """Configuration is missing or invalid; the message names the key."""


class StrictModel(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


# --------------------------------------------------------------------- model
class BaseModelSpec(StrictModel):
    path: str | None = Field(
        default=None,
        description="Local Hugging Face causal-LM folder; null = the converted packaged SmolLM2.",
    )
    model_id: str = "SmolLM2-135M-Instruct"


class AdapterSpec(StrictModel):
    name: str
    path: str


class GenerationSpec(StrictModel):
    max_new_tokens: int = Field(default=160, ge=1, le=4096)
    temperature: float = Field(default=0.0, ge=0.0, le=2.0)
    top_p: float = Field(default=1.0, gt=0.0, le=1.0)
    repetition_penalty: float = Field(default=1.1, ge=1.0, le=2.0)


class AdaptersConfig(StrictModel):
    source: Literal["registry", "static", "none"] = Field(
        default="registry", description="registry: each layer's 'active' version (hot-reloaded); "
                                        "static: the paths in `static`; none: the base alone")
    layers: list[str] = ["domain", "task"]
    static: list[AdapterSpec] = []
    artifact_dirs: list[str] = Field(default=["assistant/adapters", "data/adapters"],
                                     description="where trained adapters are discovered")
    reload_check_seconds: float = Field(default=5.0, ge=0.0)
    merge: bool = Field(default=True, description="fold the LoRA deltas into the base weights "
                                                  "(faster decoding; rebuilt on a swap)")


class ModelConfig(StrictModel):
    base: BaseModelSpec = BaseModelSpec()
    adapters: AdaptersConfig = AdaptersConfig()
    device: Literal["auto", "cpu", "cuda"] = "auto"
    dtype: Literal["auto", "float32", "bfloat16", "float16"] = "auto"
    cpu_threads: int = Field(default=0, ge=0, le=256, description="0 = choose from core count")
    system_prompt: str
    generation: GenerationSpec = GenerationSpec()


# ----------------------------------------------------------------- retrieval
class RetrievalConfig(StrictModel):
    embedding_model_path: str | None = Field(
        default=None, description="Local sentence-transformers folder; null = packaged MiniLM."
    )
    tune_embedder: bool = Field(default=True,
                                description="fine-tune the embedder on the glossary at setup")
    top_k: int = Field(default=4, ge=1, le=50)
    min_score: float = Field(default=0.25, ge=-1.0, le=1.0)
    glossary_dirs: list[str] = ["knowledge/data/glossary"]
    firm_dirs: list[str] = ["knowledge/data/firm"]
    market_files: list[str] = ["knowledge/data/market/sample_snapshot.json"]
    approximate_above: int = Field(default=20_000, ge=1,
                                   description="collections larger than this use HNSW")
    faiss_device: Literal["auto", "cpu", "gpu"] = "auto"
    ingested_dir: str = Field(default="data/knowledge",
                              description="where `advisor ingest` installs content (outside git)")
    reload_check_seconds: float = Field(default=5.0, ge=0.0,
                                        description="how often a server looks for a newer index")
    max_context_chars: int = Field(default=1800, ge=200)
    lexical_weight: float = Field(default=0.15, ge=0.0, le=2.0,
                                  description="weight of the name/abbreviation signal")
    candidates: int = Field(default=20, ge=1, le=500, description="dense candidates re-ranked")


# ---------------------------------------------------------------- guardrails
class RuleSelection(StrictModel):
    id: str
    enabled: bool = True
    params: dict[str, Any] = {}


class GuardrailsConfig(StrictModel):
    disclosure: str
    request_rules: list[RuleSelection]
    pre_answer_rules: list[RuleSelection] = []
    prompt_rules: list[RuleSelection]
    reply_rules: list[RuleSelection]
    fallbacks: dict[str, str]
    max_rewrite_passes: int = Field(default=2, ge=0, le=5)
    pii_score_threshold: float = Field(default=0.5, ge=0.0, le=1.0)

    @field_validator("fallbacks")
    @classmethod
    def _default_fallback_present(cls, value: dict[str, str]) -> dict[str, str]:
        if "default" not in value:
            raise ValueError("a 'default' fallback message is required")
        return value


# ------------------------------------------------------------------- storage
class StorageConfig(StrictModel):
    database_url: str = "sqlite:///data/audit.sqlite3"
    cache_dir: str = ".cache"
    echo_sql: bool = False


# -------------------------------------------------------------------- server
class ServerConfig(StrictModel):
    host: str = "127.0.0.1"
    port: int = Field(default=7860, ge=1, le=65535)
    title: str = "Larkspur Assistant (sample)"
    max_input_chars: int = Field(default=4000, ge=1)


class Settings(StrictModel):
    model: ModelConfig
    retrieval: RetrievalConfig
    guardrails: GuardrailsConfig
    storage: StorageConfig
    server: ServerConfig
    config_dir: str = str(DEFAULT_CONFIG_DIR)

    @property
    def root(self) -> Path:
        return Path(self.config_dir).resolve().parent

    def resolve_path(self, value: str) -> Path:
        """Relative paths in configuration are relative to the project root."""
        path = Path(value).expanduser()
        return path if path.is_absolute() else self.root / path

    @property
    def cache_path(self) -> Path:
        return self.resolve_path(self.storage.cache_dir)

    @property
    def database_url(self) -> str:
        """SQLite URLs with relative paths are anchored at the project root."""
        url = self.storage.database_url
        prefix = "sqlite:///"
        if url.startswith(prefix) and not url.startswith(prefix + "/") and ":memory:" not in url:
            return prefix + str(self.resolve_path(url[len(prefix) :]))
        return url


SECTIONS = ("model", "retrieval", "guardrails", "storage", "server")


def _set_nested(tree: dict[str, Any], keys: tuple[str, ...], value: Any) -> None:
    node = tree
    for key in keys[:-1]:
        child = node.setdefault(key, {})
        if not isinstance(child, dict):
            raise ConfigError(f"cannot override {'.'.join(keys)}: {key} is not a mapping")
        node = child
    node[keys[-1]] = value


def _env_overrides(environ: dict[str, str]) -> list[tuple[tuple[str, ...], Any]]:
    """Collect overrides: shortcuts, then ``ADVISOR_SECTION__KEY__SUBKEY``."""
    overrides: list[tuple[tuple[str, ...], Any]] = []
    for name, value in sorted(environ.items()):
        if not name.startswith(ENV_PREFIX):
            continue
        if name in ENV_SHORTCUTS:
            keys = ENV_SHORTCUTS[name]
        elif "__" in name:
            keys = tuple(part.lower() for part in name[len(ENV_PREFIX) :].split("__"))
            if keys[0] not in SECTIONS:
                continue
        else:
            continue
        # YAML parsing turns "2" into 2 and "true" into True, as in the files.
        overrides.append((keys, yaml.safe_load(value) if value != "" else value))
    return overrides


def _format_validation_error(error: ValidationError, sources: dict[str, Path]) -> str:
    lines = []
    for item in error.errors():
        location = [str(part) for part in item["loc"]]
        section = location[0] if location else "?"
        where = sources.get(section)
        key = ".".join(location)
        origin = f" (in {where})" if where else ""
        lines.append(f"invalid configuration: {key}: {item['msg']}{origin}")
    return "\n".join(lines)


def load_settings(
    config_dir: str | Path | None = None,
    environ: dict[str, str] | None = None,
    overrides: dict[str, Any] | None = None,
) -> Settings:
    """Load and validate every section; raise ConfigError naming the bad key."""
    environ = dict(os.environ if environ is None else environ)
    directory = Path(config_dir or environ.get("ADVISOR_CONFIG_DIR") or DEFAULT_CONFIG_DIR)
    if not directory.is_dir():
        raise ConfigError(f"configuration folder not found: {directory}")
    raw: dict[str, Any] = {}
    sources: dict[str, Path] = {}
    for section in SECTIONS:
        path = directory / f"{section}.yaml"
        if not path.exists():
            raw[section] = {}
            continue
        try:
            content = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        except yaml.YAMLError as exc:
            raise ConfigError(f"invalid YAML in {path}: {exc}") from exc
        if not isinstance(content, dict):
            raise ConfigError(f"{path} must hold a mapping of keys, not {type(content).__name__}")
        raw[section] = content
        sources[section] = path
    for keys, value in _env_overrides(environ):
        _set_nested(raw, keys, value)
    for dotted, value in (overrides or {}).items():
        _set_nested(raw, tuple(dotted.split(".")), value)
    raw["config_dir"] = str(directory.resolve())
    try:
        return Settings.model_validate(raw)
    except ValidationError as exc:
        raise ConfigError(_format_validation_error(exc, sources)) from None
