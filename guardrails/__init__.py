"""Guardrails: PII redaction, conduct rules (POLICY.md ids) and the checker."""

import assistant.offline  # noqa: F401  (keeps libraries off the network before they load)
