"""FIN-14: no testimonials or claims about other clients' results."""

from __future__ import annotations

import re

from guardrails.rules.base import register_rule
from guardrails.rules.patterns import compile_all
from guardrails.rules.phrase_rule import PhraseRule
from guardrails.verdict import Action, Severity, Stage

WHO = (r"(?:clients?|customers?|investors?|members?|people|folks|users?|account\s*holders?|"
       r"everyone|everybody|others|savers|borrowers|families)")


@register_rule
class TestimonialRule(PhraseRule):
    id = "FIN-14"
    version = "1.0.0"
    title = "No testimonials or claims about other clients' results"
    stages = frozenset({Stage.REPLY})
    severity = Severity.MEDIUM
    on_fail = Action.REWRITE
    repair = "drop_sentence"
    finding = "a testimonial or a claim about other clients' results"
    reason = "FIN-14 allows factual product information only."
    exempt = re.compile(r"\b(?:can't|cannot|don't|do\s+not)\s+(?:share|speak\s+to|comment\s+on)\b"
                        r"|\bindividual\s+results\s+(?:vary|differ)\b(?![^.]*\b(?:doubled|made)\b)",
                        re.I)
    negatable = False
    patterns = compile_all((
        rf"\b(?:most|many|all|lots|plenty|thousands|hundreds|half|\d+\s*%|nine\s+out\s+of\s+ten|"
        rf"the\s+majority)\s+(?:of\s+)?(?:our\s+|my\s+|the\s+)?{WHO}\b[^.?!]{{0,50}}\b(?:made|"
        rf"doubled|tripled|earned|gained|saw|got|love[ds]?|grew|beat|profited|retired|saved|"
        rf"are\s+(?:thrilled|happy|delighted)|have\s+(?:made|seen|earned|gained|done))\b",
        rf"\b(?:our|my)\s+{WHO}\s+(?:have\s+)?(?:made|doubled|tripled|earned|gained|saw|love|"
        rf"rave|swear\s+by|are\s+(?:thrilled|delighted)|beat|profited)\b",
        rf"\b(?:one|a)\s+(?:of\s+our\s+)?{WHO}\s+(?:who|that)?\s*[^.?!]{{0,30}}\b(?:made|"
        r"doubled|turned|grew|earned|retired)\b[^.?!]{0,30}(?:\$|\d|\binto\b|\bearly\b)",
        r"\b(?:success\s+stories|testimonials?|reviews?\s+(?:say|show)|rave\s+reviews|"
        r"five[- ]star\s+reviews|customers\s+say)\b",
        r"\b(?:everyone|everybody|people)\s+(?:who|that)\s+(?:bought|invested|joined|opened)"
        r"\b[^.?!]{0,40}\b(?:made|doubled|gained|profited|won|is\s+up)\b",
    ))
