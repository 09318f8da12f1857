"""FIN-13: no help with market manipulation."""

from __future__ import annotations

import re

from guardrails.rules.assistance import AssistanceRule
from guardrails.rules.base import register_rule
from guardrails.rules.contexts import DEFINITION, WARNING, concept_question
from guardrails.rules.patterns import compile_all
from guardrails.verdict import Action, Severity, Stage


@register_rule
class MarketManipulationRule(AssistanceRule):
    id = "FIN-13"
    version = "1.3.0"
    title = "No help with market manipulation"
    stages = frozenset({Stage.REQUEST, Stage.REPLY})
    severity = Severity.CRITICAL
    on_fail = Action.BLOCK
    negatable = False
    finding = "help with market manipulation"
    reason = "FIN-13 forbids pump-and-dump, false rumours, coordinated trading and spoofing."
    exempt = re.compile(r"\b(?:is|are)\s+(?:illegal|prohibited|a\s+(?:crime|form\s+of)|against\s+the\s+law)\b|\bmeans\b|"
                        r"\brefers\s+to\b|\bis\s+when\b|\b(?:can't|cannot|won't|will\s+not)\s+help\b|"
                        # Asking what a scheme is or how to avoid falling for one, not "what's the
                        # best way to ..." or "how do I avoid getting caught".
                        + concept_question(
                            r"pump|spoof\w*|layering|wash\s+trad\w*|manipulat\w*|"
                            r"(?:short\s+)?squeeze|corner\w*|marking\s+the\s+close|painting\s+the\s+tape|"
                            r"front[- ]?running|ramp\w*|churn\w*")
                        + r"|\b(?:how\s+do(?:es)?\s+(?:a\s+)?"
                        r"(?:pump|these|those|such|they|regulators)|(?:fined|charged|prosecuted|"
                        r"convicted|sanctioned|banned|jailed|sued)\s+for|what\s+did\s+(?:they|he|she)\s+"
                        r"do\s+wrong|avoid\s+(?:being\s+|getting\s+)?(?:scammed|"
                        r"fooled|tricked|(?:pulled|sucked|drawn)\s+into?|caught\s+up\s+in|falling\s+for)|avoid\s+(?:these|"
                        r"such|them|those)\b|spot|recogni[sz]e|is\s+it\s+illegal|warning\s+signs?|"
                        r"protect\s+myself)\b|"
                        # "How do false rumours move a price?" asks how markets work.
                        r"^\s*(?:how|why)\s+(?:do|does|did|can)\b(?![^?]*\b(?:i|i'm|my|me|we|our|us)\b)"
                        r"[^?]*\b(?:move|moves|affect|affects|impact|work|works|hurt|harm)\b[^?]*\?\s*$",
                        re.I)
    reply_exempt = re.compile(r"\b(?:warning\s+signs?|red\s+flags?|be\s+(?:wary|sceptical|"
                              r"skeptical)|report\s+(?:suspected|it|them|this)|scammers?|"
                              r"promoters\s+(?:often|typically|usually))\b", re.I)
    # Defining a scheme or warning about it is education; help is caught through the request.
    reply_frames = (DEFINITION, WARNING)
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
        r"\b(?:it's|its|that's|thats)\s+not\s+true\b|\b(?:made[- ]up|fabricated|fake|false|"
        r"bogus|invented)\s+(?:accounting\s+)?(?:red\s+flags|memo|report|research|leak|news|story|"
        r"rumou?r|claims?|numbers)\b|\b['\"]?leaked\s+memo['\"]?",
        r"\b(?:draft|write|ghostwrite|generate|compose)\b[^.?!]{0,40}\b(?:tweets?|thread|posts?|"
        r"messages?|memo|report)\b[^.?!]{0,80}\b(?:rumou?r|takeover|buyout|scandal|resign|"
        r"failed|bankrupt|acquired|500%|to\s+the\s+moon)",
        r"\b(?:make|get|push|pin|force)\s+(?:a\s+|the\s+|my\s+)?(?:stock|price|shares|it|option"
        r"\w*)\s+(?:to\s+)?(?:jump|spike|pop|rise|drop|tank|end\s+(?:the\s+day\s+)?higher|"
        r"finish|close\s+(?:higher|above))",
        r"\b(?:artificially|synthetically)\s+(?:push|pump|inflate|move|prop)\w*",
        r"\b(?:right\s+)?before\s+the\s+close\s+so\b|\btrades?\s+between\s+my\s+(?:own\s+)?"
        r"accounts\b|\blook\s+like\s+(?:it's|there's|theres)\s+(?:being\s+accumulated|demand|"
        r"buying)",
        r"\b(?:hint|imply|suggest)\b[^.?!]{0,30}\bsocial\s+media\b[^.?!]{0,40}\b(?:takeover|"
        r"bid|buyout|merger)",
        r"\b(?:dump|sell)\s+(?:my|our)\s+(?:supply|bags?|tokens?|coins?)\s+(?:once|when|after)",
        r"\brun\s+(?:it|them|the\s+(?:price|stock|shares)|\w+)\s+up\s+(?:and|then)\s+(?:get\s+out|sell|"
        r"dump|exit|cash\s+out)\b|\b(?:easiest|easy|cheapest|cheap)\s+to\s+(?:move|push|manipulate|"
        r"pump|run\s+up)\b",
        # Writing a rumour at all; promoting a stock while hiding that one is paid for it.
        r"\b(?:write|draft|craft|make\s+up|invent|cook\s+up|come\s+up\s+with|compose|concoct)\b"
        r"[^.?!]{0,30}\b(?:believable|convincing|credible|juicy|plausible|realistic)\s+rumou?rs?\b",
        r"\b(?:leave\s+out|omit|hide|conceal|(?:don't|do\s+not|without)\s+(?:mention\w*|disclos\w*|"
        r"say\w*|reveal\w*))\b[^.?!]{0,40}\b(?:(?:i'm|i\s+am|i'm\s+being|being)\s+paid|paying\s+me|"
        r"compensat\w*|sponsor\w*|i\s+(?:own|hold)\s+(?:it|the\s+stock|shares)|my\s+(?:position|"
        r"stake))\b",
    ))
