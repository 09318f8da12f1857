"""FIN-08: information, not advice: never present a product as suitable for this person."""

from __future__ import annotations

import re

from guardrails.rules.base import register_rule
from guardrails.rules.patterns import compile_all
from guardrails.rules.phrase_rule import PhraseRule
from guardrails.verdict import Action, Severity, Stage


@register_rule
class SuitabilityClaimRule(PhraseRule):
    id = "FIN-08"
    version = "1.1.0"
    title = "Never present a product as suitable for this person"
    stages = frozenset({Stage.REPLY})
    severity = Severity.HIGH
    on_fail = Action.REWRITE
    repair = "drop_sentence"
    finding = "a claim that a product is suitable for this customer"
    reason = "FIN-08 keeps the retail channel to neutral features, costs and risks."
    exempt = re.compile(r"\b(?:can't|cannot|can\s+not|unable\s+to|not\s+able\s+to)\s+(?:say|tell|"
                        r"judge|assess|know)\b|\bsuitability\s+review\b|\bwhether\b|"
                        r"\b(?:when|whenever|if|as)\s+(?:it|that|this|the\s+timing)\s+suits\s+you\b|"
                        # "which suits you depends on ...", "so that any recommendation fits your
                        # situation", "I can't pick one or call it right for you"
                        r"\bdepends?\s+on\b|\b(?:which|what)\s+(?:\w+\s+){0,2}(?:suits|fits|is\s+"
                        r"(?:right|best|good))\b|\brecommendations?\s+(?:\w+\s+){0,2}(?:fits?|suits?|"
                        r"matches?)\b|\b(?:can't|cannot|can\s+not|won't|unable\s+to|not\s+able\s+to|"
                        r"don't|do\s+not)\b(?:(?!\bbut\b)[^.?!]){0,60}\b(?:right|good|best|suitable|ideal|suits?|"
                        r"fits?)\b",
                        re.I)
    patterns = compile_all((
        r"\b(?:right|perfect|ideal|great|good|best|excellent|smart|solid|the\s+one|a\s+match|"
        r"tailor-?made|made)\s+(?:\w+\s+)?(?:fit\s+|choice\s+|option\s+|pick\s+|match\s+)?"
        r"for\s+(?:you|someone\s+like\s+you|people\s+like\s+you|your\s+(?:situation|needs|goals|"
        r"profile|family|age))\b",
        r"\b(?:suits|fits|matches)\s+(?:you|your\s+(?:needs|goals|situation|profile|risk))\b",
        r"\bfor\s+someone\s+(?:like\s+you|in\s+your\s+(?:position|situation|shoes)|your\s+age)\b",
        r"\b(?:you(?:'d|\s+would)\s+(?:love|be\s+happy\s+with|do\s+well\s+with|benefit\s+from))\b",
        r"\b(?:exactly|just)\s+what\s+you\s+need\b",
        r"\bis\s+(?:suitable|appropriate|ideal)\s+for\s+you\b",
        r"\byou(?:'re|\s+are)\s+(?:a\s+)?(?:perfect|ideal|great|good)\s+(?:candidate|fit)\b",
    ))
