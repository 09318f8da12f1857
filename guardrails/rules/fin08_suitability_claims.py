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
    version = "1.2.0"
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
                        r"don't|do\s+not)\b(?:(?!\bbut\b)[^.?!,;]){0,60}\b(?:right|good|best|suitable|ideal|suits?|"
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
        # Idioms and frames that tie the product to this customer without "right for you".
        r"\bright\s+up\s+your\s+(?:alley|street)\b|\bchecks?\s+(?:every|all\s+(?:the|your))\s+"
        r"box(?:es)?\s+for\s+you\b|\b(?:built|designed|made|meant)\s+for\s+(?:investors?|savers?|"
        r"people|someone|customers?|borrowers?|folks)\s+(?:like\s+you|in\s+your)\b",
        r"\blines?\s+up\s+(?:\w+\s+)?with\s+(?:what\s+you|your\s+(?:goals?|needs|situation|plans?|"
        r"timeline|horizon))\b",
        r"\b(?:good|great|perfect|ideal|natural|nice|strong)\s+(?:match|fit)\s+for\s+your\s+\w+",
        r"\byou(?:'re|\s+are)\s+(?:exactly\s+|just\s+)?the\s+(?:kind|sort|type)\s+of\s+\w+\s+"
        r"(?:this|it|that|the\s+\w+)\s+(?:\w+\s+){0,2}(?:designed|built|made|meant)\s+for\b",
        r"\b(?:given|based\s+on|from)\s+(?:what\s+you(?:'ve)?\s+(?:told|said|shared|described)|your\s+"
        r"(?:goals|situation|age|profile|risk\s+tolerance|horizon))\b[^.?!]{0,60}\b(?:suits?|fits?|"
        r"right|ideal|match|comfortable|makes\s+(?:a\s+lot\s+of\s+)?sense|sensible|works?\s+well)\b",
    ))
