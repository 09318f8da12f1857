"""Audit store on SQLite (WAL) and a real PostgreSQL server."""

from sqlalchemy import text

from assistant.audit import AuditStore, TurnRecord
from guardrails.verdict import Action, Evidence, Severity, Stage, Verdict


def _record(conversation: str, reply: str = "An APY is...") -> TurnRecord:
    return TurnRecord(
        conversation_id=conversation,
        redacted_user_text="My SSN is <US_SSN_1>; what is an APY?",
        final_reply=reply,
        action="allow",
        violations=["FIN-20"],
        sources=[{"id": "glossary:apy", "title": "APY", "source": "glossary", "as_of": None}],
        model_id="SmolLM2-135M-Instruct",
        adapter_version="none",
        latency_ms={"redact": 12.3456, "generate": 900.0},
        verdicts=[
            Verdict("SEC-01", "1.0.0", Stage.REQUEST, True, Severity.INFO, 0.0, "clean"),
            Verdict("FIN-20", "1.0.0", Stage.REPLY, False, Severity.CRITICAL, 1.0,
                    "masked a card number", (Evidence(3, 22, "****1111", "card number"),),
                    Action.REWRITE),
        ],
    )


def test_turn_and_decisions_round_trip(database_url: str) -> None:
    store = AuditStore(database_url)
    turn_id = store.record_turn(_record("conv-1"))
    store.record_turn(_record("conv-1", reply="second"))
    turns = store.turns("conv-1")
    assert [t.turn_index for t in turns] == [0, 1]
    assert turns[0].id == turn_id
    assert turns[0].sources[0]["id"] == "glossary:apy"
    assert turns[0].latency_ms["redact"] == 12.35
    decisions = store.decisions(turn_id)
    assert [(d.rule_id, d.passed) for d in decisions] == [("SEC-01", True), ("FIN-20", False)]
    assert decisions[1].evidence[0]["text"] == "****1111"
    assert decisions[1].severity == "critical"


def test_sqlite_uses_wal(tmp_path) -> None:  # type: ignore[no-untyped-def]
    store = AuditStore(f"sqlite:///{tmp_path / 'a.db'}")
    with store.engine.connect() as connection:
        assert connection.execute(text("PRAGMA journal_mode")).scalar() == "wal"


def test_concurrent_writers_lose_nothing(database_url: str) -> None:
    from concurrent.futures import ThreadPoolExecutor

    store = AuditStore(database_url)
    with ThreadPoolExecutor(max_workers=4) as pool:
        list(pool.map(lambda i: store.record_turn(_record(f"conv-{i % 3}")), range(24)))
    assert sum(len(store.turns(f"conv-{i}")) for i in range(3)) == 24
