"""Write and read the audit trail on SQLite (WAL) or PostgreSQL.

A turn and its decisions are written in one transaction: a reviewer never
sees a reply without the reasons behind it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import event
from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, SQLModel, col, create_engine, select

from assistant.audit.tables import Case, Conversation, GuardrailDecision, Turn
from guardrails.verdict import Verdict


@dataclass
class TurnRecord:
    conversation_id: str
    redacted_user_text: str
    final_reply: str
    action: str
    violations: list[str]
    sources: list[dict[str, Any]]
    model_id: str
    adapter_version: str
    latency_ms: dict[str, float]
    verdicts: Sequence[Verdict] = ()
    pii_entities: list[dict[str, Any]] = field(default_factory=list)
    error: str | None = None
    channel: str = "customer_chat"
    case_id: str | None = None  # set when the turn was routed to a human (FIN-18)


def _enable_sqlite_wal(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA busy_timeout=5000")
        cursor.close()


class AuditStore:
    def __init__(self, database_url: str, echo: bool = False) -> None:
        self.url = database_url
        if database_url.startswith("sqlite:///") and ":memory:" not in database_url:
            from pathlib import Path

            Path(database_url[len("sqlite:///"):]).parent.mkdir(parents=True, exist_ok=True)
        connect_args = {"check_same_thread": False} if database_url.startswith("sqlite") else {}
        self.engine = create_engine(database_url, echo=echo, connect_args=connect_args,
                                    pool_pre_ping=True)
        if database_url.startswith("sqlite"):
            _enable_sqlite_wal(self.engine)
        SQLModel.metadata.create_all(self.engine)

    @property
    def backend(self) -> str:
        return self.engine.dialect.name

    def ensure_conversation(self, conversation_id: str, channel: str = "customer_chat") -> None:
        """Idempotent, also when two writers create the same conversation at once."""
        with Session(self.engine) as session:
            if session.get(Conversation, conversation_id) is not None:
                return
            session.add(Conversation(id=conversation_id, channel=channel))
            try:
                session.commit()
            except IntegrityError:
                session.rollback()

    def record_turn(self, record: TurnRecord) -> int:
        self.ensure_conversation(record.conversation_id, record.channel)
        with Session(self.engine) as session:
            count = len(session.exec(
                select(Turn.id).where(Turn.conversation_id == record.conversation_id)).all())
            turn = Turn(
                conversation_id=record.conversation_id,
                turn_index=count,
                redacted_user_text=record.redacted_user_text,
                final_reply=record.final_reply,
                action=record.action,
                violations=list(record.violations),
                sources=list(record.sources),
                pii_entities=list(record.pii_entities),
                model_id=record.model_id,
                adapter_version=record.adapter_version,
                latency_ms={k: round(v, 2) for k, v in record.latency_ms.items()},
                error=record.error,
            )
            session.add(turn)
            session.flush()
            assert turn.id is not None
            for verdict in record.verdicts:
                session.add(GuardrailDecision(
                    turn_id=turn.id,
                    stage=verdict.stage.value,
                    rule_id=verdict.rule_id,
                    rule_version=verdict.rule_version,
                    passed=verdict.passed,
                    severity=verdict.severity.value,
                    score=verdict.score,
                    action=verdict.action.value,
                    rationale=verdict.rationale,
                    evidence=[item.as_dict() for item in verdict.evidence],
                ))
            if record.case_id:
                routed = next((v for v in record.verdicts if not v.passed
                               and v.action.value == "route"), None)
                session.add(Case(
                    id=record.case_id, conversation_id=record.conversation_id, turn_id=turn.id,
                    rule_id=routed.rule_id if routed else "FIN-18",
                    reason=routed.rationale if routed else "routed to a human"))
            session.commit()
            return turn.id

    def turns(self, conversation_id: str) -> list[Turn]:
        with Session(self.engine) as session:
            statement = select(Turn).where(Turn.conversation_id == conversation_id).order_by(
                col(Turn.turn_index))
            return list(session.exec(statement).all())

    def decisions(self, turn_id: int) -> list[GuardrailDecision]:
        with Session(self.engine) as session:
            statement = select(GuardrailDecision).where(
                GuardrailDecision.turn_id == turn_id).order_by(col(GuardrailDecision.id))
            return list(session.exec(statement).all())

    def cases(self, conversation_id: str) -> list[Case]:
        with Session(self.engine) as session:
            statement = select(Case).where(Case.conversation_id == conversation_id)
            return list(session.exec(statement).all())

    def recent_turns(self, limit: int = 50) -> list[Turn]:
        with Session(self.engine) as session:
            statement = select(Turn).order_by(col(Turn.id).desc()).limit(limit)
            return list(session.exec(statement).all())
