"""Conduct rules, one module per policy id. Importing this package registers them."""

from guardrails.rules import (  # noqa: F401  (imported for registration)
    fin01_guarantees,
    fin20_pii_exposure,
    sec01_prompt_injection,
)
from guardrails.rules.base import (
    ContextDocument,
    DuplicateRuleError,
    RailInput,
    Rule,
    RuleRegistry,
    UnknownRuleError,
    default_registry,
    register_rule,
)

__all__ = [
    "ContextDocument",
    "DuplicateRuleError",
    "RailInput",
    "Rule",
    "RuleRegistry",
    "UnknownRuleError",
    "default_registry",
    "register_rule",
]
