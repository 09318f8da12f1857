"""Shared fixtures. Heavy engines (model, analyzer, index) are built once per session
and are the real ones: the converted SmolLM2, Presidio with spaCy, FAISS."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

import assistant.offline  # noqa: F401
from assistant.config import Settings, load_settings
from assistant.model import ChatModel
from guardrails.checker import GuardrailChecker
from guardrails.pii import Redactor
from knowledge.knowledge_base import KnowledgeBase

POSTGRES_ENV = "ADVISOR_TEST_POSTGRES_URL"


@pytest.fixture(scope="session")
def settings(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    """Project configuration with the audit database in a temporary folder."""
    database = tmp_path_factory.mktemp("db") / "audit.sqlite3"
    return load_settings(overrides={"storage.database_url": f"sqlite:///{database}"})


@pytest.fixture(scope="session")
def knowledge(settings: Settings) -> KnowledgeBase:
    kb = KnowledgeBase(settings)
    kb.ensure_index()
    return kb


@pytest.fixture(scope="session")
def redactor(knowledge: KnowledgeBase) -> Redactor:
    return Redactor(vocabulary=knowledge.vocabulary())


@pytest.fixture(scope="session")
def checker(settings: Settings) -> GuardrailChecker:
    return GuardrailChecker(settings.guardrails)


@pytest.fixture(scope="session")
def chat_model(settings: Settings) -> ChatModel:
    model = ChatModel.from_settings(settings)
    model.warm_up()
    return model


def postgres_url() -> str | None:
    url = os.environ.get(POSTGRES_ENV)
    if not url and os.environ.get("CI"):
        pytest.fail(f"{POSTGRES_ENV} must name the PostgreSQL server that .ci/run starts")
    return url


@pytest.fixture(params=["sqlite", "postgres"])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """Audit tests run against both SQLite and a real PostgreSQL server."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'audit.sqlite3'}"
        return
    url = postgres_url()
    if not url:
        pytest.skip(f"{POSTGRES_ENV} not set: PostgreSQL audit tests run in CI (.ci/run)")
    yield _fresh_postgres_database(url, request.node.name)


def _fresh_postgres_database(url: str, name: str) -> str:
    """An empty database per test so tests never see each other's rows."""
    import re

    from sqlalchemy import create_engine, text

    database = "advisor_" + re.sub(r"[^a-z0-9]+", "_", name.lower())[:40]
    admin = create_engine(url, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)'))
        connection.execute(text(f'CREATE DATABASE "{database}"'))
    admin.dispose()
    return url.rsplit("/", 1)[0] + "/" + database
