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
UNLIKE = (r"(?:savings\s+accounts?|(?:a\s+)?savings\s+rate|apy|cds?|certificates?\s+of\s+deposit|"
          r"t-?bills|treasury\s+bills|cash|money\s+market|inflation|(?:the\s+)?average\s+(?:balanced|"
          r"bond)\s+fund|balanced\s+funds?|bond\s+funds?)")
COMPARE_MORE = (r"(?:beat|outperform\w*|outpac\w*|ahead\s+of|more\s+than|twice|double|(?:several|"
                r"\w+)\s+times\s+(?:what|as\s+much\s+as)|topped)")
# Within one sentence: a decimal point ("16.4%") does not end it.
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
        rf"\b{COMPARE}\b(?:[^.?!]|(?<=\d)\.(?=\d)){{0,60}}\b(?:from|between|in)\s+{MONTH}\b(?:[^.?!]|(?<=\d)\.(?=\d)){{0,15}}\b(?:to|"
        rf"through|and|-)\s+{MONTH}\b",
        rf"\b(?:from|between)\s+{MONTH}\b(?:[^.?!]|(?<=\d)\.(?=\d)){{0,15}}\b(?:to|through|and|-)\s+{MONTH}\b"
        rf"(?:[^.?!]|(?<=\d)\.(?=\d)){{0,60}}\b{COMPARE}",
        rf"\b{COMPARE}\b(?:[^.?!]|(?<=\d)\.(?=\d)){{0,60}}\b(?:(?:in|over|during)\s+(?:the\s+)?(?:last|past)\s+"
        rf"(?:few\s+|couple\s+of\s+|two\s+|three\s+|six\s+|\d\s+)?(?:weeks?|months?|days?)|"
        rf"(?:its|their)\s+best\s+(?:quarter|month|week|stretch)|since\s+the\s+(?:bottom|low|dip))",
        r"\b(?:best|strongest)\s+(?:quarter|month|week|stretch|run)\b(?:[^.?!]|(?<=\d)\.(?=\d)){0,40}\d+(?:\.\d+)?\s*%",
        r"\b(?:stock|equity|growth|tech|crypto|bitcoin)\s+(?:fund|etf|portfolio|index)?\b(?:[^.?!]|(?<=\d)\.(?=\d)){0,40}"
        rf"\b{COMPARE}\b(?:[^.?!]|(?<=\d)\.(?=\d)){{0,30}}\b(?:savings\s+accounts?|cds?|certificates?\s+of\s+deposit|"
        r"cash|money\s+market|inflation)",
        rf"\b(?:from|between|look\s+at|looking\s+at|in|during)\s+{YEAR}\s*(?:to|through|and|-)\s*"
        rf"{YEAR}\b(?:[^.?!]|(?<=\d)\.(?=\d)){{0,60}}{FIGURE}",
        rf"{FIGURE}(?:[^.?!]|(?<=\d)\.(?=\d)){{0,40}}\b(?:from|between)\s+{YEAR}\s*(?:to|through|and|-)\s*{YEAR}\b",
        rf"\bin\s+{YEAR}\b(?:[^.?!]|(?<=\d)\.(?=\d)){{0,50}}\b(?:gained|rose|returned|did)\s+(?:far\s+|much\s+)?"
        rf"(?:more|better)\s+than\b",
        r"\b(?:through|since|from|off)\s+(?:the\s+|its\s+|last\s+\w+'s\s+|the\s+\w+\s+)?(?:high|"
        r"low|bottom|peak|trough|lows|highs)\b(?:[^.?!]|(?<=\d)\.(?=\d)){0,60}\b(?:up|ahead|gained|rose|returned|beat|"
        r"\d+(?:\.\d+)?\s*%)",
        r"\b(?:over|in|during)\s+the\s+(?:past|last|first)\s+(?:two|three|four|seven|eight|nine|"
        r"eleven|thirteen|fourteen|fifteen|eighteen|[2-46-9]|1[1-46-9])\s+months\b(?:[^.?!]|(?<=\d)\.(?=\d)){0,50}\b(?:up|"
        r"ahead|gained|rose|returned|beat|outperform\w*|\d+(?:\.\d+)?\s*%)",
        r"\b(?:in|over|during)\s+the\s+(?:\w+\s+)?(?:days?|weeks?|months?)\s+(?:after|since|following|"
        r"before)\b(?:[^.?!]|(?<=\d)\.(?=\d)){0,60}\b(?:up|rose|gained|returned|jumped|rallied|\d+(?:\.\d+)?\s*%)",
        rf"\b(?:the|this|that|it|its)\s+(?:[\w&-]+\s+){{0,5}}(?:fund|etf|portfolio|strategy|stocks?|"
        rf"gold|bitcoin)\b(?:[^.?!]|(?<=\d)\.(?=\d)){{0,80}}\b{COMPARE_MORE}\b(?:[^.?!]|(?<=\d)\.(?=\d)){{0,60}}\b{UNLIKE}\b",
        rf"\b(?:it|the\s+fund|the\s+etf|the\s+portfolio)\s+(?:has\s+)?(?:returned|gained|earned|"
        rf"made|delivered)\s+(?:nearly\s+|about\s+|almost\s+|roughly\s+)?{COMPARE_MORE}\b"
        rf"(?:[^.?!]|(?<=\d)\.(?=\d)){{0,40}}\b{UNLIKE}\b",
        # A record counted in selected months ("beat its benchmark in seven of the last nine
        # months") instead of standard periods.
        r"\b(?:beat|outperform\w*|outpac\w*|ahead\s+of|topped)\b(?:[^.?!]|(?<=\d)\.(?=\d)){0,40}\bin\s+\w+\s+of\s+the\s+"
        r"(?:last|past|previous)\s+\w+\s+(?:months|weeks|days)\b",
        rf"\b(?:bond|income|money\s+market)\s+fund\b(?:[^.?!]|(?<=\d)\.(?=\d)){{0,40}}\b{COMPARE}\b(?:[^.?!]|(?<=\d)\.(?=\d)){{0,30}}"
        r"\b(?:nasdaq|bitcoin|crypto|tech\s+stocks)",
        # A stock fund measured against a bond or cash yardstick.
        r"\b(?:equity|stock|growth)\s+(?:index\s+)?fund\b(?:[^.?!]|(?<=\d)\.(?=\d)){0,60}\b(?:returned|"
        r"gained|earned|rose|returns?)\b(?:[^.?!]|(?<=\d)\.(?=\d)){0,80}\b(?:versus|vs\.?|against|"
        r"compared\s+with|relative\s+to)\s+(?:[\d.]+%\s+for\s+)?(?:the\s+|a\s+)?(?:[\w-]+\s+){0,3}"
        r"(?:bond|treasury|t-?bill|cash|savings|money\s+market)\b",
        # One quarter, half or month of a past year picked out as the record.
        rf"\b(?:gained|rose|returned|jumped|rallied|surged|up|beat|outperform\w*)\b(?:[^.?!]|(?<=\d)\.(?=\d)){{0,40}}"
        rf"\b(?:in|during|over)\s+(?:the\s+)?(?:(?:first|second|third|fourth|1st|2nd|3rd|4th|last)\s+"
        rf"(?:quarter|half)|q[1-4]|h[12]|{MONTH})\s+(?:of\s+)?{YEAR}\b",
        rf"\b(?:in|during)\s+(?:the\s+)?(?:(?:first|second|third|fourth|1st|2nd|3rd|4th)\s+(?:quarter|"
        rf"half)|q[1-4]|h[12]|{MONTH})\s+(?:of\s+)?{YEAR}\b(?:[^.?!]|(?<=\d)\.(?=\d)){{0,60}}\b(?:gained|rose|returned|"
        r"jumped|rallied|surged|beat|outperform\w*)\b",
        # A single past year offered as the answer to "does it beat its benchmark?".
        rf"\bin\s+{YEAR}\b(?:[^.?!]|(?<=\d)\.(?=\d)){{0,60}}\b(?:returned|gained|rose|earned)\s+{FIGURE}(?:[^.?!]|(?<=\d)\.(?=\d)){{0,30}}"
        r"\b(?:against|versus|vs\.?|compared\s+with|beating|ahead\s+of|outperforming)\b",
    ))
