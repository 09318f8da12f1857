"""FIN-16: no cherry-picked periods or mismatched benchmarks."""

from __future__ import annotations

import re

from guardrails.rules.base import register_rule
from guardrails.rules.patterns import compile_all
from guardrails.rules.phrase_rule import PhraseRule
from guardrails.verdict import Action, Severity, Stage

MONTH = (r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
         r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)")
COMPARE = r"(?:beat|outperform\w*|outpac\w*|crush\w*|trounc\w*|ahead\s+of|topped|up\s+\d)"


@register_rule
class CherryPickingRule(PhraseRule):
    id = "FIN-16"
    version = "1.0.0"
    title = "No cherry-picked periods or mismatched benchmarks"
    stages = frozenset({Stage.REPLY})
    severity = Severity.MEDIUM
    on_fail = Action.REWRITE
    repair = "drop_sentence"
    finding = "a cherry-picked period or a mismatched benchmark"
    reason = "FIN-16 requires standard periods (1, 5, 10 years) against a fitting benchmark."
    exempt = re.compile(r"\b(?:1|one|3|three|5|five|10|ten)[- ](?:year|yr)s?\b[^.]*\b(?:5|five|"
                        r"10|ten|since\s+inception)\b", re.I)
    negatable = False
    patterns = compile_all((
        rf"\b{COMPARE}\b[^.?!]{{0,60}}\b(?:from|between|in)\s+{MONTH}\b[^.?!]{{0,15}}\b(?:to|"
        rf"through|and|-)\s+{MONTH}\b",
        rf"\b(?:from|between)\s+{MONTH}\b[^.?!]{{0,15}}\b(?:to|through|and|-)\s+{MONTH}\b"
        rf"[^.?!]{{0,60}}\b{COMPARE}",
        rf"\b{COMPARE}\b[^.?!]{{0,60}}\b(?:(?:in|over|during)\s+(?:the\s+)?(?:last|past)\s+"
        rf"(?:few\s+|couple\s+of\s+|two\s+|three\s+|six\s+|\d\s+)?(?:weeks?|months?|days?)|"
        rf"(?:its|their)\s+best\s+(?:quarter|month|week|stretch)|since\s+the\s+(?:bottom|low|dip))",
        r"\b(?:best|strongest)\s+(?:quarter|month|week|stretch|run)\b[^.?!]{0,40}\d+(?:\.\d+)?\s*%",
        r"\b(?:stock|equity|growth|tech|crypto|bitcoin)\s+(?:fund|etf|portfolio|index)?\b[^.?!]{0,40}"
        rf"\b{COMPARE}\b[^.?!]{{0,30}}\b(?:savings\s+accounts?|cds?|certificates?\s+of\s+deposit|"
        r"cash|money\s+market|inflation)",
        rf"\b(?:bond|income|money\s+market)\s+fund\b[^.?!]{{0,40}}\b{COMPARE}\b[^.?!]{{0,30}}"
        r"\b(?:nasdaq|bitcoin|crypto|tech\s+stocks)",
    ))
