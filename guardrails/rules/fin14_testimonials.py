"""FIN-14: no testimonials or claims about other clients' results."""

from __future__ import annotations

import re

from guardrails.rules.base import register_rule
from guardrails.rules.contexts import WARNING
from guardrails.rules.patterns import compile_all
from guardrails.rules.phrase_rule import PhraseRule
from guardrails.verdict import Action, Severity, Stage

WHO = (r"(?:clients?|customers?|investors?|members?|people|folks|users?|account\s*holders?|"
       r"everyone|everybody|others|savers|borrowers|families|professionals|retirees|parents|"
       r"holders|buyers|subscribers|shareholders|depositors)")
OUTCOME = (r"(?:ended\s+up\s+(?:really\s+|very\s+|so\s+)?(?:pleased|happy|glad|thrilled|ahead|better|"
           r"richer|wealthier)|end\s+up\s+with\s+(?:much\s+|far\s+|a\s+lot\s+)?(?:more|bigger|"
           r"larger)|are\s+(?:now\s+)?(?:sitting\s+pretty|up\s+(?:significantly|a\s+lot|big|\d)|"
           r"(?:really\s+|very\s+)?(?:pleased|happy|glad|thrilled|delighted))|haven't\s+looked\s+back|"
           r"(?:have|has)\s+done\s+(?:very\s+|really\s+|extremely\s+)?well|did\s+(?:very\s+|really\s+)?"
           r"well|came\s+out\s+ahead|retired\s+early|love[ds]?\s+it|swear\s+by|rave\s+about|"
           r"(?:often|always|regularly|frequently)\s+(?:tell|say|thank|write\s+to)\s+us|tell\s+us)")


@register_rule
class TestimonialRule(PhraseRule):
    id = "FIN-14"
    version = "1.2.0"
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
    # Declining to write testimonials, explaining the rules on them, or warning about selective
    # success stories names them without making one.
    reply_exempt = re.compile(
        r"\b(?:i|we)\s+(?:can't|cannot|can\s+not|won't|will\s+not|don't|do\s+not|am\s+not\s+able"
        r"\s+to|'m\s+not\s+able\s+to|am\s+unable\s+to|'m\s+unable\s+to)\s+(?:\w+\s+){0,3}"
        r"(?:testimonials?|reviews?|endorsements?|success\s+stories|(?:other|individual)\s+"
        r"(?:customers?|clients?|members?)|who\s+(?:other|our)|(?:customers?|clients?)'?\s+"
        r"(?:results|experiences|names|details))|"
        r"\b(?:rules?|regulations?|finra|sec|marketing\s+rule|regulators?|law)\b[^.?!]{0,50}\b"
        r"(?:testimonials?|endorsements?)|\b(?:testimonials?|endorsements?)\b[^.?!]{0,50}\b"
        r"(?:rules?|restrict\w*|regulat\w*|disclos\w*|conditions|allowed|permitted|prohibit\w*)\b|"
        r"\b(?:selective|cherry-?picked|hand-?picked|one-?sided)\b", re.I)
    reply_frames = (WARNING,)
    patterns = compile_all((
        rf"\b(?:most|many|all|lots|plenty|thousands|hundreds|half|\d+\s*%|nine\s+out\s+of\s+ten|"
        rf"the\s+majority)\s+(?:of\s+)?(?:our\s+|my\s+|the\s+)?{WHO}\b[^.?!]{{0,50}}\b(?:made|"
        rf"doubled|tripled|earned|gained|saw|got|love[ds]?|grew|beat|profited|retired|saved|"
        rf"are\s+(?:thrilled|happy|delighted)|have\s+(?:made|seen|earned|gained|done))\b",
        rf"\b(?:our|my)\s+{WHO}\s+(?:have\s+)?(?:made|doubled|tripled|earned|gained|saw|love|"
        rf"rave|swear\s+by|are\s+(?:thrilled|delighted)|beat|profited)\b",
        rf"\b(?:one|a)\s+(?:of\s+our\s+)?{WHO}\s+(?:who|that)?\s*[^.?!]{{0,30}}\b(?:made|"
        r"doubled|turned|grew|earned|retired)\b[^.?!]{0,30}(?:\$|\d|\binto\b|\bearly\b)",
        rf"\b(?:a\s+lot\s+of|lots\s+of|several|many|some|other|most|our|plenty\s+of|countless|the)\s+"
        rf"(?:\w+\s+){{0,2}}{WHO}\b[^.?!]{{0,70}}\b{OUTCOME}\b",
        rf"\b{WHO}\s+(?:who|that)\b[^.?!]{{0,60}}\b(?:{OUTCOME}|are\s+up|made|gained|doubled)\b",
        r"\b(?:reviews?|feedback|ratings?)\b[^.?!]{0,40}\b(?:are|is|has\s+been|have\s+been)\s+"
        r"(?:\w+\s+)?(?:glowing|great|excellent|overwhelmingly\s+positive|fantastic|stellar|"
        r"outstanding|amazing)\b",
        r"\b(?:success\s+stories|testimonials?|reviews?\s+(?:say|show)|rave\s+reviews|"
        r"five[- ]star\s+reviews|customers\s+say)\b",
        r"\b(?:everyone|everybody|people)\s+(?:who|that)\s+(?:bought|invested|joined|opened)"
        r"\b[^.?!]{0,40}\b(?:made|doubled|gained|profited|won|is\s+up)\b",
    ))
