"""FIN-07: no personalised buy/sell/hold or allocation recommendations."""

from __future__ import annotations

import re

from guardrails.rules.base import register_rule
from guardrails.rules.patterns import compile_all
from guardrails.rules.phrase_rule import PhraseRule
from guardrails.verdict import Action, Severity, Stage

ACT = (r"(?:buy|sell|hold|short|dump|unload|load\s+up\s+on|put|move|shift|switch|transfer|invest|"
       r"allocate|park|pour|go\s+all[- ]in|cash\s+out\s+of|get\s+out\s+of|get\s+into|pull\s+out\s+of|"
       r"rebalance\s+into|roll\s+(?:it|your\s+\w+)\s+into|keep\s+buying|double\s+down|drop|ditch|"
       r"trim|consolidate|stick\s+with|stay\s+(?:in|with|put)|hang\s+on\s+to|hold\s+on(?:to|\s+to)|"
       r"go\s+heavier\s+on|increase|reduce|cut)")


@register_rule
class PersonalRecommendationRule(PhraseRule):
    id = "FIN-07"
    version = "1.2.0"
    title = "No personalised recommendation without a complete suitability profile"
    stages = frozenset({Stage.REPLY})
    severity = Severity.HIGH
    on_fail = Action.BLOCK
    finding = "a personalised buy, sell, hold or allocation recommendation"
    reason = ("FIN-07 allows general principles only; a recommendation needs a suitability "
              "review with a licensed advisor.")
    exempt = re.compile(r"\b(?:some\s+(?:people|investors)|many\s+(?:people|investors)|"
                        r"investors\s+(?:often|sometimes|may)|a\s+common\s+(?:approach|rule)|"
                        r"in\s+general|generally|for\s+example|hypothetical|a\s+licensed\s+advisor"
                        r"\s+can|suitability\s+review)\b", re.I)
    patterns = compile_all((
        # An instruction that splits the customer's money: "Park half in a high-yield savings
        # account and dollar-cost average the rest into an index fund".
        r"(?:^\s*|[;:]\s*|\b(?:then|and|so)\s+)(?:park|put|keep|stick|move|invest|leave|split|"
        r"dollar-cost\s+average|dca)\s+(?:about\s+|roughly\s+)?(?:half|a\s+(?:third|quarter|"
        r"portion|chunk)|the\s+rest|the\s+remainder|most|some|part|\d{1,3}\s*%|[$€£]\s?\d[\d,.]*k?)"
        r"\s+(?:of\s+(?:it|that|the\s+money|your\s+\w+)\s+)?(?:in|into|on|across|between)\b",
        # A hold instruction at the start of a clause: "Hold through it", "Keep them through
        # earnings".
        r"(?:^\s*|[;:]\s*)(?:hold\s+(?:(?:it|them)\s+)?|(?:hold|keep)\s+(?:your|the|those)\s+(?:shares|"
        r"stocks?|position|holdings?|fund|etf)\s+)through\b",
        rf"\b(?:you(?:\s+should|\s+ought\s+to|\s+need\s+to|\s+must|\s+have\s+to|'d\s+better|"
        rf"\s+had\s+better)|"
        rf"i(?:\s+would|'d)|i\s+(?:recommend|suggest|advise)(?:\s+(?:that\s+)?you)?|"
        rf"my\s+(?:advice|recommendation|suggestion)\s+(?:is|would\s+be)(?:\s+to)?|"
        rf"your\s+best\s+(?:bet|move)\s+is(?:\s+to)?|if\s+i\s+were\s+you,?\s+i'?d?)\s+"
        rf"(?:\w+\s+)?{ACT}\b",
        r"\b(?:put|invest|allocate|keep|move|shift|park)\s+(?:about\s+|around\s+|roughly\s+)?"
        r"\d{1,3}\s*%\s+(?:of\s+(?:your|it)|in(?:to)?|on)\b",
        r"^\s*(?:buy|sell|dump|short|move|put|switch|shift|transfer|invest|load\s+up\s+on|"
        r"get\s+out\s+of|cash\s+out)\s+(?:your|some|all|more|the|it|now|shares|\d)",
        r"(?<!whether\s)(?<!if\s)\b(?:now\s+is\s+(?:a\s+)?(?:good|great|the\s+right|perfect)\s+time\s+(?:for\s+you\s+)?to)"
        r"\s+(?:buy|sell|invest|get\s+in|move)\b",
        r"\b(?:at\s+your\s+age|in\s+your\s+(?:situation|position|shoes)|for\s+your\s+goals?)\b"
        rf"[^.?!]{{0,40}}\b{ACT}\b",
        rf"\b(?:go\s+ahead\s+and|definitely|just)\s+{ACT}\b",
        r"(?:^\s*|[;:]\s*|\b(?:just|so|and)\s+)(?:stay\s+put|sit\s+tight|hold\s+(?:onto|on\s+to)\s+"
        r"(?:it|them|your|the|those|this)|hang\s+on\s+to|don't\s+touch\s+(?:it|them|your))\b",
        r"^\s*(?:sell|buy|trim|drop|dump|move|shift|cut|reduce)\s+(?:about|around|roughly|half|a\s+"
        r"(?:third|quarter|portion|chunk)|most|part)\b",
        r"\b(?:trim|cut\s+back|reduce|increase|boost|go\s+heavier\s+on|go\s+lighter\s+on|tilt\s+"
        r"toward|overweight|underweight)\s+(?:the\s+|your\s+)?(?:bonds?|stocks?|equit\w+|cash|"
        r"allocation|exposure|position|holdings?)\b[^.?!]{0,40}\b(?:and|,)\s+(?:go|put|move|"
        r"shift|add)\b|\bgo\s+(?:heavier|lighter)\s+(?:on|in)\b",
        r"\b(?:is|would\s+be)\s+(?:the|your)\s+(?:right\s+|smart\s+|best\s+)?move\b",
        # Timing calls: "right now looks like a good moment to pick up shares".
        r"(?<!whether\s)(?<!if\s)\b(?:now|today|this\s+(?:week|month|dip|pullback|drop)|right\s+now|at\s+these\s+"
        r"(?:prices|levels)),?\s+(?:(?:this|it|that)\s+)?(?:is|looks\s+like|seems\s+like|feels\s+like|would\s+be|could\s+be|"
        r"might\s+be)\s+(?:a|an|the)\s+(?:good|great|smart|sensible|ideal|perfect|right|excellent|"
        r"solid|reasonable|attractive)\s+(?:time|moment|opportunity|point|entry\s+point|window|"
        r"chance)\s+(?:for\s+you\s+)?to\s+(?:buy|sell|pick\s+up|get\s+in|add|invest|load\s+up|"
        r"cash\s+out|exit|take\s+profits|lock\s+in|switch|move|jump\s+in|top\s+up)\b",
        # A course of action for the customer judged the better one: "holding on is the
        # smarter move", "buying the dip now is a sensible strategy for you".
        r"\b(?:buying|selling|holding(?:\s+on)?|staying\s+(?:put|invested)|sitting\s+tight|"
        r"getting\s+out|cashing\s+out|switching|moving\s+(?:into|to)|adding\s+to|loading\s+up|"
        r"topping\s+up|waiting|dumping|trimming)\b[^.?!]{0,40}\b(?:is|would\s+be|seems|looks)\s+"
        r"(?:like\s+)?(?:the|a|your)?\s*(?:smarter|smart|better|best|wise|wiser|sensible|right|"
        r"good|safer)\s+(?:move|choice|option|call|play|strategy|idea|bet|approach)\b"
        r"(?![^.?!]*\b(?:for\s+some|for\s+many|depends|in\s+general))",
        r"\d{1,3}\s*%\s+(?:in\s+)?(?:stocks?|bonds?|equit\w+|cash)\b[^.?!]{0,60}\b(?:makes\s+sense|"
        r"is\s+(?:right|about\s+right|appropriate)|would\s+(?:suit|work))\b[^.?!]{0,15}\byou\b",
        r"\b(?:with|given|at)\s+your\s+(?:age|balance|income|savings|situation|horizon)\b"
        r"[^.?!]{0,50}\b(?:\d{1,3}\s*%|go\s+with|stick\s+with|put|move|keep)\b",
    ))
