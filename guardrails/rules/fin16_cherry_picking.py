"""FIN-16: no cherry-picked periods or mismatched benchmarks."""

from __future__ import annotations

import re

from guardrails.rules.base import register_rule
from guardrails.rules.patterns import compile_all
from guardrails.rules.phrase_rule import PhraseRule
from guardrails.verdict import Action, Severity, Stage

MONTH = (r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
         r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)")
YEAR = r"(?:19|20)\d\d"
FIGURE = r"(?:\d+(?:\.\d+)?\s*%|\d+\s+(?:percentage\s+)?points)"
# Benchmarks of a very different risk than a stock, sector or high-yield fund.
UNLIKE = (r"(?:savings\s+accounts?|(?:a\s+)?savings\s+rate|cds?|certificates?\s+of\s+deposit|"
          r"t-?bills|treasury\s+bills|cash|money\s+market|inflation|(?:the\s+)?average\s+(?:balanced|"
          r"bond)\s+fund|balanced\s+funds?|bond\s+funds?)")
COMPARE_MORE = (r"(?:beat|outperform\w*|outpac\w*|ahead\s+of|more\s+than|twice|double|(?:several|"
                r"\w+)\s+times\s+(?:what|as\s+much\s+as)|topped)")
COMPARE = r"(?:beat|outperform\w*|outpac\w*|crush\w*|trounc\w*|ahead\s+of|topped|up\s+\d)"


@register_rule
class CherryPickingRule(PhraseRule):
    id = "FIN-16"
    version = "1.1.1"
    title = "No cherry-picked periods or mismatched benchmarks"
    stages = frozenset({Stage.REPLY})
    severity = Severity.MEDIUM
    on_fail = Action.REWRITE
    repair = "drop_sentence"
    finding = "a cherry-picked period or a mismatched benchmark"
    reason = "FIN-16 requires standard periods (1, 5, 10 years) against a fitting benchmark."
    # Standard periods listed together ("1-, 5- and 10-year returns", "over one and five years",
    # "since inception") answer FIN-16's period question, unless the sentence measures against
    # an unlike benchmark. A lone "ten years ... 5 points" is not such a list.
    exempt = re.compile(
        rf"^(?!.*\b{UNLIKE}\b)(?:.*\b(?:1|one|3|three|5|five)(?:-|[- ](?:years?|yrs?))?\s*(?:,|and|/)"
        r"\s*(?:(?:3|three|5|five)(?:-|[- ](?:years?|yrs?))?\s*(?:,|and|/)\s*)*(?:and\s+)?"
        r"(?:3|three|5|five|10|ten)[- ](?:years?|yrs?)\b|.*\bsince\s+(?:its\s+)?inception\b)",
        re.I)
    # A standard period (1, 3, 5 or 10 years, since inception) is what FIN-16 asks for; the
    # classifier alone does not overrule it (explicit phrasings still do).
    # Naming an outside index or asset keeps the benchmark question open.
    classifier_exempt = re.compile(
        r"^(?!.*\b(?:dow|nasdaq|s&p|russell|msci|ftse|savings|cds?|cash|inflation|bitcoin|gold|"
        r"treasur\w*|money\s+market)\b).*\b(?:past|last|over|trailing)\s+(?:the\s+)?(?:past\s+|last\s+)?(?:1|one|3|three|5|five|10|"
        r"ten)[- ](?:years?|yrs?)\b|\bsince\s+(?:its\s+)?(?:inception|launch)\b", re.I)
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
        rf"\b(?:from|between|look\s+at|looking\s+at|in|during)\s+{YEAR}\s*(?:to|through|and|-)\s*"
        rf"{YEAR}\b[^.?!]{{0,60}}{FIGURE}",
        rf"{FIGURE}[^.?!]{{0,40}}\b(?:from|between)\s+{YEAR}\s*(?:to|through|and|-)\s*{YEAR}\b",
        rf"\bin\s+{YEAR}\b[^.?!]{{0,50}}\b(?:gained|rose|returned|did)\s+(?:far\s+|much\s+)?"
        rf"(?:more|better)\s+than\b",
        r"\b(?:through|since|from|off)\s+(?:the\s+|its\s+|last\s+\w+'s\s+|the\s+\w+\s+)?(?:high|"
        r"low|bottom|peak|trough|lows|highs)\b[^.?!]{0,60}\b(?:up|ahead|gained|rose|returned|beat|"
        r"\d+(?:\.\d+)?\s*%)",
        r"\b(?:over|in|during)\s+the\s+(?:past|last|first)\s+(?:two|three|four|seven|eight|nine|"
        r"eleven|thirteen|fourteen|fifteen|eighteen|[2-46-9]|1[1-46-9])\s+months\b[^.?!]{0,50}\b(?:up|"
        r"ahead|gained|rose|returned|beat|outperform\w*|\d+(?:\.\d+)?\s*%)",
        r"\b(?:in|over|during)\s+the\s+(?:\w+\s+)?(?:days?|weeks?|months?)\s+(?:after|since|following|"
        r"before)\b[^.?!]{0,60}\b(?:up|rose|gained|returned|jumped|rallied|\d+(?:\.\d+)?\s*%)",
        rf"\b(?:the|this|that|it|its)\s+(?:[\w&-]+\s+){{0,5}}(?:fund|etf|portfolio|strategy|stocks?|"
        rf"gold|bitcoin)\b[^.?!]{{0,80}}\b{COMPARE_MORE}\b[^.?!]{{0,40}}\b{UNLIKE}\b",
        rf"\b(?:it|the\s+fund|the\s+etf|the\s+portfolio)\s+(?:has\s+)?(?:returned|gained|earned|"
        rf"made|delivered)\s+(?:nearly\s+|about\s+|almost\s+|roughly\s+)?{COMPARE_MORE}\b"
        rf"[^.?!]{{0,40}}\b{UNLIKE}\b",
        # A record counted in selected months ("beat its benchmark in seven of the last nine
        # months") instead of standard periods.
        r"\b(?:beat|outperform\w*|outpac\w*|ahead\s+of|topped)\b[^.?!]{0,40}\bin\s+\w+\s+of\s+the\s+"
        r"(?:last|past|previous)\s+\w+\s+(?:months|weeks|days)\b",
        rf"\b(?:bond|income|money\s+market)\s+fund\b[^.?!]{{0,40}}\b{COMPARE}\b[^.?!]{{0,30}}"
        r"\b(?:nasdaq|bitcoin|crypto|tech\s+stocks)",
    ))
