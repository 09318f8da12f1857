"""PII detection and redaction (Presidio with finance recognizers)."""

from guardrails.pii.redactor import PiiEntity, PlaceholderMap, RedactionResult, Redactor

__all__ = ["PiiEntity", "PlaceholderMap", "RedactionResult", "Redactor"]
