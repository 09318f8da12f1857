"""FIN-04: past performance carries the caveat and is never presented as a promise."""

from __future__ import annotations

import re

from guardrails.rules.base import RailInput, register_rule
from guardrails.rules.omission import OmissionRule
from guardrails.verdict import Action, Evidence, Severity, Stage, Verdict

PAST_FIGURE = re.compile(
    r"\b(?:returned|gained|earned|grew|rose|climbed|jumped|was\s+up|were\s+up|delivered|posted|"
    r"averaged|produced|returns?\s+(?:of|were|was)|(?:has|have)\s+(?:returned|gained|grown|"
    r"risen|done))\b[^.?!]{0,40}?(?:\d+(?:\.\d+)?\s*%|doubl\w*|tripl\w*)"
    r"|\b(?:doubled|tripled|quadrupled)\b[^.?!]{0,40}\b(?:last|in|over|since|during|past)\b"
    r"|\b(?:last|past|previous|prior)\s+(?:year|\d+\s+years|decade|quarter)\b[^.?!]{0,40}?"
    r"\d+(?:\.\d+)?\s*%\s*(?:return|gain|growth)?"
    # A track record without a figure is past performance too.
    r"|\b(?:positive|negative|gains?|losses|up)\s+(?:returns?\s+)?in\s+(?:\w+|\d+)\s+of\s+the\s+"
    r"(?:last|past)\s+\w+\s+(?:calendar\s+)?years\b"
    r"|\b(?:has|have|hasn't|haven't)\s+(?:never\s+|not\s+)?(?:lost\s+money|had\s+a\s+(?:down|"
    r"losing|negative)\s+year)\b"
    r"|\b(?:beat|outperformed|topped)\s+(?:its|the)\s+(?:benchmark|index|market|peers|category)\s+"
    r"(?:in|every|each|for)\s+(?:\w+\s+)?(?:of\s+the\s+)?(?:last|past|year|quarter|\d|one|two|"
    r"three|four|five|six|seven|eight|nine|ten)"
    r"|\b(?:fell|lost|dropped|declined)\s+less\s+than\b[^.?!]{0,40}\b(?:in\s+(?:19|20)\d\d|"
    r"last\s+year|during)\b|\b(?:in\s+(?:19|20)\d\d|last\s+year)\b[^.?!]{0,60}\b(?:fell|lost|"
    r"dropped|declined)\s+less\s+than\b"
    r"|\b(?:recovered|bounced\s+back|rebounded)\b[^.?!]{0,40}\b(?:within|after\s+every|each\s+"
    r"time|every\s+time|since\s+(?:19|20)\d\d)\b",
    re.IGNORECASE,
)
CAVEAT = re.compile(
    r"\bpast\s+(?:performance|results|returns)\b[^.?!]{0,40}\b(?:not|no|never|doesn't|isn't)\b"
    r"|\bnot\s+(?:a\s+)?(?:reliable\s+)?(?:guide|indicator|predictor|guarantee)\s+(?:of|to|for)"
    r"\s+(?:future|what)", re.IGNORECASE)
AS_PROMISE = re.compile(
    r"\b(?:so|therefore|which\s+means|means)\b[^.?!]{0,40}\b(?:will|should|is\s+going\s+to|"
    r"expect|would\s+(?:be\s+temporary|recover|bounce\s+back|do\s+(?:well|the\s+same)))\b|\b(?:again|keep\s+(?:it\s+)?up|continue|repeat)\b[^.?!]{0,20}\b(?:this|next)\s+"
    r"(?:year|time)|\bwill\s+do\s+(?:well|great)\s+again\b|\bexpect\s+(?:the\s+same|similar|more"
    r"\s+of\s+the\s+same)\b", re.IGNORECASE)
STATEMENT = "Past performance does not predict future results."


@register_rule
class PastPerformanceRule(OmissionRule):
    id = "FIN-04"
    version = "1.1.0"
    title = "Past performance carries the caveat and is never presented as a promise"
    stages = frozenset({Stage.REPLY})
    severity = Severity.MEDIUM
    trigger = PAST_FIGURE
    satisfied_by = CAVEAT
    exempt = re.compile(r"\bhypothetical|\bfor\s+example\b|\bif\s+you\s+(?:invest|save|deposit)",
                        re.I)
    missing = "the caveat that past performance does not predict future results"
    reason = "FIN-04 requires it whenever past performance is shown."

    def check(self, subject: RailInput) -> Verdict:
        figure = PAST_FIGURE.search(subject.text)
        if figure is not None:
            promise = AS_PROMISE.search(subject.text, figure.start())
            if promise is not None:
                return self.violation(
                    subject,
                    f"The reply presents past performance (\u201c{figure.group(0)[:80]}\u201d) as "
                    "a promise of future results, which FIN-04 forbids even with a caveat.",
                    evidence=[Evidence(figure.start(), figure.end(), figure.group(0), "figure"),
                              Evidence(promise.start(), promise.end(), promise.group(0),
                                       "promise")],
                    action=Action.BLOCK,
                )
        return super().check(subject)

    def statement(self, subject: RailInput, trigger: re.Match[str]) -> str:
        return STATEMENT
