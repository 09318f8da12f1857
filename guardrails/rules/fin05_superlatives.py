"""FIN-05: no unwarranted superlatives or absolutes."""

from __future__ import annotations

import re

from guardrails.rules.base import register_rule
from guardrails.rules.patterns import compile_all
from guardrails.rules.phrase_rule import PhraseRule
from guardrails.verdict import Action, Severity, Stage


@register_rule
class SuperlativesRule(PhraseRule):
    id = "FIN-05"
    version = "1.0.1"
    title = "No unwarranted superlatives or absolutes"
    stages = frozenset({Stage.REPLY})
    severity = Severity.MEDIUM
    on_fail = Action.REWRITE
    repair = "drop_sentence"
    finding = "an unwarranted superlative or absolute claim"
    reason = "FIN-05 requires precise, qualified wording (e.g. insured up to limits)."
    exempt = re.compile(r"\b(?:no\s+(?:investment|product|account)\s+is|nothing\s+is|isn't|is\s+not|"
                        r"aren't|are\s+not|never|not)\s+(?:truly\s+|completely\s+|totally\s+|the\s+same\s+as\s+)?"
                        r"(?:risk[- ]free|safe|the\s+safest|(?:no|zero)\s+risk)\b|\bso-called\b|\brisk[- ]free\s+rate\b",
                        re.I)
    negatable = False
    patterns = compile_all((
        r"\b(?:totally|completely|entirely|100%|absolutely|perfectly)\s+(?:safe|secure|risk[- ]free|"
        r"protected)\b",
        r"\brisk[- ]free\b",
        r"\b(?:zero|no)\s+risk\b",
        r"\b(?:the\s+)?(?:safest|best|smartest|surest|most\s+secure)\s+(?:\w+\s+){0,2}"
        r"(?:investment|fund|bet|option|choice|product|place|account|card|way|deal|money)\b",
        r"\b(?:can't|cannot|won't|never)\s+(?:fail|go\s+wrong|lose\s+value|miss)\b",
        r"\b(?:bullet-?proof|fool-?proof|fail-?safe|no-?brainer|can't-?miss|sure-?fire|"
        r"rock[- ]solid|ironclad|unbeatable|unmatched|second\s+to\s+none|best\s+in\s+class|"
        r"best\s+on\s+the\s+market|number\s+one|#1)\b",
        r"\b(?:always|never)\s+(?:goes?\s+up|goes?\s+down|loses?|makes?\s+money|pays?\s+off|"
        r"outperforms?|beats?)\b",
    ))
