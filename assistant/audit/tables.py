"""SQLModel tables. Free-text columns hold redacted text only."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import JSON, Column, Text, UniqueConstraint
from sqlmodel import Field, SQLModel


def utcnow() -> datetime:
    return datetime.now(UTC)


class Conversation(SQLModel, table=True):
    __tablename__ = "conversations"

    id: str = Field(primary_key=True, max_length=64)
    channel: str = Field(default="customer_chat", max_length=32)
    started_at: datetime = Field(default_factory=utcnow)


class Turn(SQLModel, table=True):
    __tablename__ = "turns"

    id: int | None = Field(default=None, primary_key=True)
    conversation_id: str = Field(foreign_key="conversations.id", index=True, max_length=64)
    turn_index: int
    created_at: datetime = Field(default_factory=utcnow, index=True)
    redacted_user_text: str = Field(sa_column=Column(Text, nullable=False))
    final_reply: str = Field(sa_column=Column(Text, nullable=False))
    action: str = Field(max_length=16, index=True)
    violations: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    sources: list[dict[str, Any]] = Field(default_factory=list,
                                          sa_column=Column(JSON, nullable=False))
    pii_entities: list[dict[str, Any]] = Field(default_factory=list,
                                               sa_column=Column(JSON, nullable=False))
    model_id: str = Field(max_length=200)
    adapter_version: str = Field(max_length=400)
    latency_ms: dict[str, float] = Field(default_factory=dict,
                                         sa_column=Column(JSON, nullable=False))
    error: str | None = Field(default=None, sa_column=Column(Text, nullable=True))


class GuardrailDecision(SQLModel, table=True):
    __tablename__ = "guardrail_decisions"

    id: int | None = Field(default=None, primary_key=True)
    turn_id: int = Field(foreign_key="turns.id", index=True)
    stage: str = Field(max_length=16)
    rule_id: str = Field(max_length=16, index=True)
    rule_version: str = Field(max_length=32)
    passed: bool
    severity: str = Field(max_length=16)
    score: float
    action: str = Field(max_length=16)
    rationale: str = Field(sa_column=Column(Text, nullable=False))
    evidence: list[dict[str, Any]] = Field(default_factory=list,
                                           sa_column=Column(JSON, nullable=False))


class Case(SQLModel, table=True):
    """A hand-off to a human through the formal dispute and complaints process (FIN-18)."""

    __tablename__ = "cases"

    id: str = Field(primary_key=True, max_length=32)
    conversation_id: str = Field(foreign_key="conversations.id", index=True, max_length=64)
    turn_id: int = Field(foreign_key="turns.id", index=True)
    rule_id: str = Field(max_length=16)
    status: str = Field(default="open", max_length=16, index=True)
    reason: str = Field(sa_column=Column(Text, nullable=False))
    opened_at: datetime = Field(default_factory=utcnow)


class VaultEntry(SQLModel, table=True):
    """An original PII value, encrypted with its conversation's key. Never plaintext."""

    __tablename__ = "vault_entries"
    __table_args__ = (UniqueConstraint("conversation_id", "placeholder"),)

    id: int | None = Field(default=None, primary_key=True)
    conversation_id: str = Field(index=True, max_length=64)
    placeholder: str = Field(max_length=64)
    entity_type: str = Field(max_length=32)
    ciphertext: str = Field(sa_column=Column(Text, nullable=False))
    created_at: datetime = Field(default_factory=utcnow)


class VaultAccess(SQLModel, table=True):
    """Every attempt to read an original value: who, why, and whether it was granted."""

    __tablename__ = "vault_access"

    id: int | None = Field(default=None, primary_key=True)
    conversation_id: str = Field(index=True, max_length=64)
    placeholder: str = Field(max_length=64)
    agent_id: str = Field(max_length=128)
    reason: str = Field(sa_column=Column(Text, nullable=False))
    granted: bool
    accessed_at: datetime = Field(default_factory=utcnow)


class AdapterVersion(SQLModel, table=True):
    """A trained LoRA layer: immutable once registered (the manifest is its record)."""

    __tablename__ = "adapter_versions"

    version: str = Field(primary_key=True, max_length=120)
    layer: str = Field(max_length=32, index=True)
    path: str = Field(sa_column=Column(Text, nullable=False))
    registered_at: datetime = Field(default_factory=utcnow)
    manifest: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))


class AdapterAlias(SQLModel, table=True):
    """The version a layer's alias (``active``) points at; the server follows it."""

    __tablename__ = "adapter_aliases"

    layer: str = Field(primary_key=True, max_length=32)
    alias: str = Field(primary_key=True, max_length=32)
    version: str = Field(foreign_key="adapter_versions.version", max_length=120)
    updated_at: datetime = Field(default_factory=utcnow)


class AdapterAliasEvent(SQLModel, table=True):
    """Every alias move, so a rollback knows where to go and reviewers know who moved it."""

    __tablename__ = "adapter_alias_events"

    id: int | None = Field(default=None, primary_key=True)
    layer: str = Field(max_length=32, index=True)
    alias: str = Field(max_length=32)
    from_version: str | None = Field(default=None, max_length=120)
    to_version: str = Field(max_length=120)
    action: str = Field(max_length=16)  # promote | rollback | bootstrap
    actor: str = Field(max_length=120)
    at: datetime = Field(default_factory=utcnow, index=True)
