"""FIN-09: no encouragement of excessive or rapid trading."""

from __future__ import annotations

import re

from guardrails.rules.base import register_rule
from guardrails.rules.patterns import compile_all
from guardrails.rules.phrase_rule import PhraseRule
from guardrails.verdict import Action, Severity, Stage


@register_rule
class ExcessiveTradingRule(PhraseRule):
    id = "FIN-09"
    version = "1.1.1"
    title = "No encouragement of excessive or rapid trading"
    stages = frozenset({Stage.REPLY})
    severity = Severity.MEDIUM
    on_fail = Action.REWRITE
    repair = "drop_sentence"
    finding = "encouragement of frequent or rapid trading"
    reason = "FIN-09 requires noting the costs, taxes and evidence on frequent trading instead."
    exempt = re.compile(r"\b(?:costs?|taxes|tax\s+bill|fees|spreads?|evidence|studies|research|"
                        r"underperform\w*|risk(?:s|y)?|can\s+(?:add\s+up|hurt|erode)|tends\s+to|"
                        r"pattern\s+day\s+trader\s+rule|is\s+defined|means|"
                        # Describing how markets behave: "yields move daily", "priced daily".
                        r"(?:prices?|yields?|rates?|markets?|values?|quotes?|indexes|indices|nav)\s+"
                        r"(?:can\s+|may\s+|tend\s+to\s+|will\s+)?(?:move|moves|change|changes|"
                        r"fluctuate|fluctuates|update|updates)\b|(?:priced|valued|updated|"
                        r"published|set)\s+(?:once\s+)?(?:daily|every\s+day|each\s+day))\b", re.I)
    patterns = compile_all((
        r"\b(?:trade|trading|switch\w*|flip\w*|rotate|rotating|swap\w*|move|moving|jump\w*)\b"
        r"[^.?!]{0,40}\b(?:every\s+(?:few\s+)?(?:days?|hours?|weeks?|morning|day)|daily|weekly|"
        r"several\s+times\s+a\s+(?:day|week)|constantly|all\s+day)\b",
        r"\b(?:in\s+and\s+out|catch\s+(?:the|every|those)\s+(?:swings?|dips?|moves?|wave)|"
        r"ride\s+the\s+(?:swings?|momentum|volatility|waves?)|time\s+the\s+market)\b",
        r"\b(?:day[- ]?trad(?:e|ing)|swing[- ]trad(?:e|ing)|scalp(?:ing)?)\b[^.?!]{0,40}"
        r"\b(?:your|you|to\s+(?:make|boost|grow)|is\s+(?:a\s+)?(?:great|good|easy|smart))",
        r"\b(?:more\s+trades?|trade\s+more|the\s+more\s+you\s+trade)\b",
        r"\b(?:trade|trading|switch\w*|flip\w*|rotat\w*|swap\w*|mov\w*\s+between|rebalanc\w*|"
        r"turn\s+over|buy\w*|sell\w*|reassess\w*|act)\b[^.?!]{0,50}\b(?:(?:a\s+few|several|two|"
        r"three|multiple|\d+)\s+times\s+(?:a|per|each)\s+(?:day|week|month)|(?:every|each)\s+"
        r"(?:single\s+)?(?:week|month|day|morning|afternoon)|on\s+every\s+(?:\d+(?:\.\d+)?\s*%\s+)?"
        r"(?:move|swing|dip|drop|rise|uptick))\b",
        r"\b(?:flip\w*|sell\w*|tak\w+\s+profits?|cash\w*\s+out)\b[^.?!]{0,40}\b(?:whenever|every\s+"
        r"time)\s+(?:it's|it\s+is|it|the\s+price|the\s+stock|the\s+fund|they're)\s+(?:up|down|"
        r"rises|falls|drops|moves|gains)\b|\bbuy\w*\s+(?:it\s+)?back\s+on\s+the\s+dips?\b",
        r"\bturn\s+over\s+(?:the\s+|your\s+)?(?:whole|entire)\s+portfolio\b|\bact\s+on\s+every\b",
        r"\b(?:don't|no\s+need\s+to)\s+(?:just\s+)?(?:hold|buy\s+and\s+hold|sit\s+on)\b",
    ))
