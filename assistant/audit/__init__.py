"""Audit store: every turn and every guardrail decision, without raw PII (FIN-21)."""

from assistant.audit.store import AuditStore, TurnRecord

__all__ = ["AuditStore", "TurnRecord"]
