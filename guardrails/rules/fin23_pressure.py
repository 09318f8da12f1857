"""FIN-23: no pressure or urgency tactics."""

from __future__ import annotations

import re

from guardrails.rules.base import register_rule
from guardrails.rules.contexts import DEFINITION
from guardrails.rules.patterns import compile_all
from guardrails.rules.phrase_rule import PhraseRule
from guardrails.verdict import Action, Severity, Stage


@register_rule
class PressureRule(PhraseRule):
    id = "FIN-23"
    version = "1.2.0"
    title = "No pressure or urgency tactics"
    stages = frozenset({Stage.REPLY})
    severity = Severity.MEDIUM
    on_fail = Action.REWRITE
    repair = "drop_sentence"
    finding = "pressure or urgency"
    reason = "FIN-23 requires stating the current rate, its date, and that rates change instead."
    negatable = True  # "there's no rush", "you don't need to act now"
    # Describing markets or scams is not pressuring the customer.
    exempt = re.compile(r"\b(?:pressure\s+(?:to|you)|warning\s+signs?|red\s+flags?|scam\w*|"
                        r"(?:prices?|rates?|markets?|stocks?|shares?|they|which|can|could|may|"
                        r"might|tend\s+to|often)\s+(?:move|react|change)\s+(?:fast|quickly)|"
                        r"no\s+(?:need|rush|pressure|hurry))\b", re.I)
    # Urging prompt action on a fraud report, a lost card or a misdirected payment protects the
    # customer; it is not sales pressure. Defining FOMO or urgency is education.
    reply_exempt = re.compile(
        r"\b(?:report\w*|fraud\w*|unauthori[sz]ed|stolen|lost\s+(?:or\s+stolen\s+)?card|"
        r"dispute\w*|chargeback|freeze|lock\s+(?:your|the)\s+card|misdirected|wrong\s+(?:account|"
        r"recipient|person|payee)|recall\s+(?:the|a)\s+(?:payment|transfer|wire)|compromised|"
        r"(?:fraud|payments?|disputes?|security)\s+team|hacked|phishing|identity\s+theft|"
        r"psychological|behavioral|behavioural|bias)\b", re.I)
    reply_frames = (DEFINITION,)
    patterns = compile_all((
        r"\b(?:won't|will\s+not|isn't\s+going\s+to|not\s+going\s+to)\s+last\b",
        r"\b(?:act|move|sign\s+up|apply|decide|hurry|lock\s+(?:it\s+)?in|buy|open)\s+(?:now|today|"
        r"fast|quickly|immediately|right\s+away|asap|before)\b",
        r"\b(?:before\s+it'?s?\s+(?:gone|too\s+late|over)|before\s+(?:rates|the\s+rate|prices|it)\s+"
        r"(?:drops?|goes\s+(?:up|down)|disappears?|changes?|ends?))\b",
        r"\b(?:limited[- ]time|last\s+chance|today\s+only|ends\s+(?:soon|tonight|tomorrow)|"
        r"don't\s+miss\s+(?:out|this)|once[- ]in[- ]a[- ]lifetime|now\s+or\s+never|running\s+out|"
        r"(?:only|just)\s+(?:a\s+few|\d+)\s+(?:spots?|left|remaining|days?\s+left)|while\s+(?:it|"
        r"supplies|stocks?)\s+lasts?|time\s+is\s+running\s+out|fomo|miss\s+the\s+boat)\b",
        r"\b(?:hurry|rush)\b",
        r"\byou(?:'ll|\s+will)\s+(?:regret|kick\s+yourself)\b",
        r"\block\s+(?:it|this|that|the\s+rate|one)\s+in\b[^.?!]{0,25}\b(?:now|today|tonight|"
        r"while|before|quickly|soon|asap|this\s+week)\b",
        r"\b(?:the\s+)?sooner\b[^.?!]{0,50}\bthe\s+better\b",
        r"\b(?:closing|going|disappearing|filling\s+up)\s+(?:fast|quickly|soon)\b",
        r"\b(?:limited|narrow|short|small|closing)\s+window\b",
        r"\b(?:jump|pounce|get)\s+on\s+(?:it|this|that)\b[^.?!]{0,20}\b(?:now|today|this\s+"
        r"week|quick\w*|soon|before|while|fast)\b|\bi'?d\s+(?:jump|pounce)\s+on\b",
        r"\b(?:don't|do\s+not)\s+(?:overthink|wait|hesitate|sit\s+on\s+(?:it|this)|drag\s+your"
        r"\s+feet|delay|leave\s+it)\b",
        r"\b(?:better|best)\s+(?:to\s+)?(?:move|act|jump)\s+(?:on|now|fast|quickly|soon)\b|"
        r"\brather\s+than\s+(?:mull|wait|sit|think|deliberat)\w*",
        r"\b(?:get|do|open|lock|sign|move|act|buy|apply|fund|set)\w*\b[^.?!]{0,35}\bbefore\s+"
        r"(?:the\s+)?(?:weekend|end\s+of\s+(?:the\s+)?(?:day|week|month)|friday|monday|tomorrow|"
        r"tonight|it'?s?\s+(?:pulled|withdrawn|gone)|they\s+(?:pull|change|drop|cut))\b",
        r"\b(?:this|these)\s+(?:rates?|offers?|deals?|specials?|promotions?)\s+(?:won't|will\s+not|"
        r"can't|may\s+not)\s+(?:be\s+(?:around|here|available)|stick\s+around)\b",
        r"\bwhile\s+(?:it's|it\s+is|they're|rates\s+are|you\s+still\s+can)\s+(?:still\s+)?"
        r"(?:available|here|high|around|open)\b",
        r"\b(?:get\s+pulled|be\s+pulled|disappear)\s+(?:without|any\s+day|at\s+any\s+time)\b",
    ))
