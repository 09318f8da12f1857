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
    version = "1.2.0"
    title = "No encouragement of excessive or rapid trading"
    stages = frozenset({Stage.REPLY})
    severity = Severity.MEDIUM
    on_fail = Action.REWRITE
    repair = "drop_sentence"
    finding = "encouragement of frequent or rapid trading"
    reason = "FIN-09 requires noting the costs, taxes and evidence on frequent trading instead."
    # Costs, taxes and risks exempt a sentence only when they are presented as the downside:
    # "trading several times a day costs next to nothing" is still encouragement.
    exempt = re.compile(r"\b(?:(?:costs?|taxes|tax\s+bills?|fees|spreads?|commissions?)\s+(?:can|"
                        r"could|may|will|would|that|which|add\s+up|eat|erode|hurt|reduce|drag|"
                        r"pile\s+up|quickly|of\s+(?:frequent|active|short-term))|(?:adds?|adding|"
                        r"higher|more|extra|rack\s+up|incur\w*|trigger\w*|bigger)\s+(?:\w+\s+)?"
                        r"(?:costs?|fees|taxes|tax\s+bills?|commissions|spreads)|evidence|studies|"
                        r"research|underperform\w*|risks?\s+(?:of|include|is|are)|riskier|risky|"
                        r"can\s+(?:add\s+up|hurt|erode)|tends\s+to|"
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
        # Frequency and churn without the obvious words: "trade every session", "a few of these
        # a week", "keep the turnover high", "switch whenever the news shifts".
        r"\b(?:trade|trading|switch\w*|roll\w*|flip\w*|redeploy\w*|rotat\w*|buy\w*|sell\w*)\b"
        r"[^.?!]{0,40}\b(?:every\s+(?:trading\s+)?session|(?:whenever|every\s+time)\s+(?:the\s+)?"
        r"(?:news|headlines?)|(?:react|respond)\w*\s+to\s+(?:the\s+)?(?:headlines?|news))\b",
        r"\b(?:a\s+few|several|a\s+couple)\s+(?:of\s+(?:these|them|those)|trades|flips)\s+a\s+"
        r"(?:day|week)\b|\b(?:keep|keeping)\s+(?:the\s+|your\s+)?turnover\s+high\b|"
        r"\bhigh(?:er)?\s+turnover\s+(?:is|means|gives|pays)\b|\btreat\s+(?:your|the)\s+account\s+"
        r"like\s+a\s+trading\s+desk\b|\b(?:into|onto)\s+the\s+next\s+(?:mover|hot\s+\w+|winner)\b",
        r"\b(?:don't|no\s+need\s+to)\s+(?:just\s+)?(?:hold|buy\s+and\s+hold|sit\s+on)\b",
    ))
