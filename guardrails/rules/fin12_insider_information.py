"""FIN-12: no help trading on, or soliciting, material non-public information."""

from __future__ import annotations

import re

from guardrails.rules.assistance import AssistanceRule
from guardrails.rules.base import register_rule
from guardrails.rules.contexts import DEFINITION, WARNING, concept_question
from guardrails.rules.patterns import compile_all
from guardrails.verdict import Action, Severity, Stage

TRADE = (r"(?:buy|sell|short|trade|load\s+up|get\s+in|dump|calls?|puts?|options?|position|"
         r"invest|shares?|stock)")


@register_rule
class InsiderInformationRule(AssistanceRule):
    id = "FIN-12"
    version = "1.3.0"
    title = "No help trading on or soliciting material non-public information"
    stages = frozenset({Stage.REQUEST, Stage.REPLY})
    severity = Severity.CRITICAL
    on_fail = Action.BLOCK
    negatable = False
    finding = "help trading on or obtaining material non-public information"
    reason = "FIN-12 forbids it; such questions go to compliance."
    exempt = re.compile(r"\b(?:is|are)\s+(?:illegal|prohibited|a\s+(?:crime|form\s+of)|against\s+the\s+law)\b|\bmeans\b|"
                        r"\brefers\s+to\b|\bis\s+when\b|\b(?:can't|cannot|won't|will\s+not)\s+help\b|"
                        # "Why do prices move before earnings?" asks how markets work, not for a tip.
                        r"^\s*why\s+(?:do|does|did)\b(?![^?]*\b(?:i|i'm|my|me|we|our)\b)[^?]*\?\s*$|"
                        + concept_question(
                            r"insider|mnpi|material\s+non-?public|non-?public|blackout|"
                            r"quiet\s+period|10b5-1|tipp(?:ing|ee|er)|front[- ]?running|information\s+"
                            r"barriers?|chinese\s+wall")
                        + r"|\b(?:is\s+it\s+illegal|"
                        r"how\s+do\s+(?:regulators|they)\s+(?:detect|catch)|penalt\w*|means|"
                        r"refers\s+to|is\s+(?:when|illegal|against\s+the\s+law)|illegal|"
                        r"(?:was|were|has\s+been|have\s+been|already|publicly)\s+announced|"
                        r"after\s+(?:it|the\s+news)\s+(?:is|was|went)\s+public|can't\s+help|"
                        r"(?:company|they|it|firm)\s+(?:just\s+|officially\s+)?announced|"
                        r"(?:since|because|as|now\s+that)\s+(?:the\s+)?(?:results|news|information|"
                        r"announcement|deal|it)\s+(?:is|are|was|were|has\s+been|have\s+been)\s+"
                        r"(?:now\s+)?public)",
                        re.I)
    # Explaining the rules (blackout periods, 10b5-1 plans, information barriers) names MNPI.
    reply_exempt = re.compile(r"\b(?:material\s+non-?public|information\s+barriers?|blackout|"
                              r"10b5-1|insider\s+trading\s+(?:rules|laws|claims|policy)|"
                              r"trading\s+polic(?:y|ies)|publicly\s+available)\b", re.I)
    # Defining insider trading or warning about it names MNPI without helping anyone use it; a
    # reply that goes along with an insider request is still caught through the request.
    reply_frames = (DEFINITION, WARNING)
    patterns = compile_all((
        r"\b(?:insider|inside)\s+(?:info(?:rmation)?|tip|knowledge|scoop)\b",
        rf"\b(?:friend|cousin|brother|sister|uncle|aunt|dad|mom|wife|husband|buddy|contact|someone|"
        rf"guy|neighbou?r|source)\b[^.?!]{{0,40}}\b(?:works?|working|at|inside|on\s+the\s+board)"
        rf"\b[^.?!]{{0,80}}\b(?:told|says|said|tipped|heard|knows|leaked|announc)\w*"
        rf"[^.?!]{{0,80}}\b{TRADE}\b",
        rf"\b{TRADE}\b[^.?!]{{0,60}}\bbefore\b[^.?!]{{0,40}}\b(?:announce\w*|public|news|"
        rf"leak\w*|earnings\s+(?:are\s+)?(?:out|released)|goes\s+public|it's\s+official)\b",
        r"\b(?:leaked|unannounced|non-?public|confidential|not\s+(?:yet\s+)?public)\b[^.?!]{0,40}"
        r"\b(?:earnings|merger|acquisition|results|deal|buyout|takeover|guidance|news|info)",
        r"\b(?:before|ahead\s+of)\s+(?:the\s+)?(?:news|announcement|deal|merger)\s+(?:is|goes|"
        r"gets)\s+(?:public|announced|out)\b",
        r"\b(?:in\s+confidence|embargoed|under\s+embargo|confidentially|draft\s+(?:earnings|results)|"
        r"isn't\s+public\s+yet|not\s+public\s+yet|hasn't\s+been\s+announced|on\s+the\s+deal\s+"
        r"team|deal\s+i'm\s+working\s+on|(?:another|a)\s+client\s+told\s+me)\b",
        r"\btrade\s+ahead\s+of\b|\bbefore\s+(?:the\s+)?(?:fed|company|they)\s+announces?\b|"
        r"\bbefore\s+(?:the|it's|its)\s+announcement\b",
        r"\b(?:your|the\s+bank's)\s+(?:analysts|investment\s+bank\w*|corporate\s+banking|deal\s+"
        r"team|m&a|research\s+team|colleagues)\b[^.?!]{0,80}\b(?:advis\w*|about\s+to|knows?|"
        r"upcoming|before)\b",
        r"\b(?:downgrade|upgrade|earnings|guidance|results|numbers)\b[^.?!]{0,40}\b(?:comes?\s+out|"
        r"(?:is|are)\s+(?:out|released))\s+(?:tomorrow|next\s+week|monday|friday|tonight)\b"
        r"[^.?!]{0,60}\b(?:sell|buy|short|trade)\b",
        r"\b(?:before|ahead\s+of)\s+(?:we|they|the\s+company|my\s+(?:company|employer|firm)|our\s+"
        r"(?:company|firm))\s+(?:release|announce|report|publish|disclose|file)\w*\b[^.?!]{0,80}\b"
        r"(?:trades?|trading|buy|sell|short|position|personal\s+account|options?)\b",
        r"\b(?:decision|news|deal|information|announcement|results|ruling|approval|rejection)\s+"
        r"(?:isn't|is\s+not|hasn't\s+been\s+made|has\s+not\s+been\s+made|won't\s+be)\s+public\b",
        r"\b(?:check|look\s+(?:at|into|up)|search|tell\s+me|peek\s+at)\b[^.?!]{0,40}\b(?:internal\s+"
        r"systems?|order\s+book|(?:other\s+)?(?:clients'|customers'|client|customer)\s+orders|order\s+"
        r"flow|orders\s+(?:are\s+)?queued)\b",
        # Tipping someone else off so they can trade.
        r"\b(?:tell|tip\s+off|warn|let\s+(?:\w+\s+){1,2}know|text|call)\s+(?:my\s+)?(?:\w+\s+)?(?:"
        r"brother|sister|friend|buddy|cousin|dad|father|mom|mother|wife|husband|partner|family|"
        r"uncle|aunt|him|her|them)\b[^.?!]{0,30}\b(?:so\s+(?:he|she|they)\s+can|before\s+it|"
        r"before\s+the)\b[^.?!]{0,30}\b(?:sell|buy|trade|short|get\s+out|dump|load\s+up)\b",
    ))
