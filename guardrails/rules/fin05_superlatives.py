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
    version = "1.1.0"
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
    # "I can't call any fund the smartest choice", "it isn't foolproof", "no fund is a sure
    # thing": a negated absolute is the qualified wording FIN-05 asks for. Patterns that carry
    # their own negation ("can't fail") start at it, so only a cue before the match counts.
    negatable = True
    classifier_exempt = re.compile(
        r"^\s*(?:no|not|nothing|none|neither)\b|\b(?:isn't|aren't|is\s+not|are\s+not|can't|"
        r"cannot|won't|doesn't|does\s+not|never\s+(?:call|describe|say))\b", re.I)

    def _negated(self, text: str, start: int) -> bool:
        clause = re.split(r"[.;:!?\n]|,\s*(?:but|however|although|yet)\b|\bbut\b", text[:start])[-1]
        words = " ".join(clause.split()[-7:])
        if re.search(r"\b(?:not\s+(?:just|only|merely)|no\s+doubt|nothing\s+(?:beats|tops|"
                     r"compares))\b", words):
            return False
        return bool(re.search(r"\b(?:not|never|no|can't|cannot|won't|isn't|aren't|doesn't|"
                              r"don't|wouldn't|shouldn't|nobody|neither|nor|none)\b", words))

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
