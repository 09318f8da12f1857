"""FIN-23: no pressure or urgency tactics."""

from __future__ import annotations

from guardrails.rules.base import register_rule
from guardrails.rules.patterns import compile_all
from guardrails.rules.phrase_rule import PhraseRule
from guardrails.verdict import Action, Severity, Stage


@register_rule
class PressureRule(PhraseRule):
    id = "FIN-23"
    version = "1.0.0"
    title = "No pressure or urgency tactics"
    stages = frozenset({Stage.REPLY})
    severity = Severity.MEDIUM
    on_fail = Action.REWRITE
    repair = "drop_sentence"
    finding = "pressure or urgency"
    reason = "FIN-23 requires stating the current rate, its date, and that rates change instead."
    negatable = True  # "there's no rush", "you don't need to act now"
    patterns = compile_all((
        r"\b(?:won't|will\s+not|isn't\s+going\s+to|not\s+going\s+to)\s+last\b",
        r"\b(?:act|move|sign\s+up|apply|decide|hurry|lock\s+(?:it\s+)?in|buy|open)\s+(?:now|today|"
        r"fast|quickly|immediately|right\s+away|asap|before)\b",
        r"\b(?:before\s+it'?s?\s+(?:gone|too\s+late|over)|before\s+(?:rates|the\s+rate|prices|it)\s+"
        r"(?:drops?|goes\s+(?:up|down)|disappears?|changes?|ends?))\b",
        r"\b(?:limited[- ]time|last\s+chance|today\s+only|ends\s+(?:soon|tonight|tomorrow)|"
        r"don't\s+miss\s+(?:out|this)|once[- ]in[- ]a[- ]lifetime|now\s+or\s+never|running\s+out|"
        r"(?:only|just)\s+(?:a\s+few|\d+)\s+(?:spots?|left|remaining|days?\s+left)|while\s+(?:it|"
        r"supplies|stocks?)\s+lasts?|time\s+is\s+running\s+out|fomo|miss\s+the\s+boat)\b",
        r"\b(?:hurry|rush)\b",
        r"\byou(?:'ll|\s+will)\s+(?:regret|kick\s+yourself)\b",
    ))
