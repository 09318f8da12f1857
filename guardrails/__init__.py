"""Guardrails: PII redaction, conduct rules (POLICY.md ids) and the checker."""
