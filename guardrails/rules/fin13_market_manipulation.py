"""FIN-13: no help with market manipulation."""

from __future__ import annotations

import re

from guardrails.rules.base import register_rule
from guardrails.rules.patterns import compile_all
from guardrails.rules.phrase_rule import PhraseRule
from guardrails.verdict import Action, Severity, Stage


@register_rule
class MarketManipulationRule(PhraseRule):
    id = "FIN-13"
    version = "1.0.0"
    title = "No help with market manipulation"
    stages = frozenset({Stage.REQUEST, Stage.REPLY})
    severity = Severity.CRITICAL
    on_fail = Action.BLOCK
    negatable = False
    finding = "help with market manipulation"
    reason = "FIN-13 forbids pump-and-dump, false rumours, coordinated trading and spoofing."
    exempt = re.compile(r"\b(?:what\s+is|what's|what\s+are|explain|how\s+do(?:es)?\s+(?:a\s+)?"
                        r"(?:pump|these|such|they|regulators)|avoid|spot|recogni[sz]e|is\s+it\s+"
                        r"illegal|why\s+is|warning\s+signs?|protect\s+myself)\b", re.I)
    patterns = compile_all((
        r"\bpump(?:ing)?\s*(?:and|&|n)\s*dump\b",
        r"\b(?:pump|hype|shill|promote)\w*\s+(?:up\s+)?(?:the\s+)?(?:stock|shares|price|coin|token|"
        r"ticker|it)\b",
        r"\b(?:get|make|convince)\s+(?:everyone|people|others|my\s+followers|the\s+group|them)\s+to"
        r"\s+(?:buy|pile\s+in|jump\s+in|load\s+up)\b",
        r"\b(?:spread|start|post|plant)\w*\s+(?:a\s+|some\s+)?(?:fake|false|made[- ]up)?\s*"
        r"(?:rumou?rs?|news|story)\b[^.?!]{0,40}\b(?:stock|price|shares|company|drop|tank|rise)",
        r"\b(?:coordinat\w*|organi[sz]\w*|all\s+buy\s+at)\b[^.?!]{0,40}\b(?:buy(?:ing)?|purchases?|"
        r"trades?|trading|push)\b[^.?!]{0,30}\b(?:price|stock|shares|same\s+time)",
        r"\b(?:spoof(?:ing)?|layering|wash\s+trad\w*|paint(?:ing)?\s+the\s+tape|"
        r"marking\s+the\s+close)\b",
        r"\b(?:fake|phantom|bogus)\s+(?:orders?|bids?|volume)\b",
        r"\b(?:\d+|dozens\s+of|many)\s+(?:reddit\s+|social\s+media\s+|twitter\s+|x\s+)?(?:posts|"
        r"accounts)\b[^.?!]{0,60}\b(?:hyp\w*|before\s+i\s+sell|push\s+(?:the\s+)?price)",
        r"\bsell\s+(?:into|after)\s+the\s+(?:hype|spike|pump)\b",
    ))
