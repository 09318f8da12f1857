"""Conduct rules, one module per policy id. Importing this package registers them."""

from guardrails.rules import (  # noqa: F401  (imported for registration)
    fin01_guarantees,
    fin02_predictions,
    fin03_balanced_risks,
    fin04_past_performance,
    fin05_superlatives,
    fin07_personal_recommendations,
    fin08_suitability_claims,
    fin09_excessive_trading,
    fin10_conflicts,
    fin12_insider_information,
    fin13_market_manipulation,
    fin14_testimonials,
    fin15_hypothetical_performance,
    fin16_cherry_picking,
    fin17_tax_legal,
    fin18_disputes,
    fin20_pii_exposure,
    fin23_pressure,
    grounding,
    sec01_prompt_injection,
    sec02_off_topic,
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
