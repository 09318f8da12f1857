"""Rules about helping with a forbidden request (FIN-12 insider trading, FIN-13 manipulation).

At the request stage these are phrase rules like any other. At the reply stage
the words of the reply are a poor guide on their own: a refusal names the
scheme ("that is wash trading, which is illegal"), while real help is phrased
as ordinary mechanics ("buy a little at a time over several sessions"). So a
reply that refuses passes, and a reply that goes along with a request which
the same rule would refuse is a violation even when no sentence of it matches.
"""

from __future__ import annotations

import re

from guardrails.normalize import normalize
from guardrails.rules.base import RailInput
from guardrails.rules.phrase_rule import PhraseRule
from guardrails.verdict import Action, Evidence, Stage, Verdict

REFUSAL = re.compile(
    r"\b(?:i|we)\s+(?:can't|cannot|can\s+not|won't|will\s+not|am\s+not\s+able\s+to|'m\s+not\s+able"
    r"\s+to|am\s+unable\s+to|'m\s+unable\s+to|must\s+decline\s+to|have\s+to\s+decline\s+to|"
    r"shouldn't|should\s+not)\s+(?:\w+\s+){0,2}(?:help|assist|do\s+that|do\s+this|support|"
    r"provide|draft|write|create|explain\s+how|give|advise|suggest|tell\s+you\s+how|take\s+part|"
    r"be\s+part)\b|"
    r"^\s*no[,.]\s+i\s+(?:can't|cannot|won't)\b|"
    r"\b(?:not\s+something\s+i\s+can\s+(?:help|assist)|i\s+have\s+to\s+(?:decline|refuse)|"
    r"i\s+(?:must|need\s+to)\s+(?:decline|refuse|stop\s+you))\b|"
    r"\b(?:(?:is|are|be|would\s+be|it's|that's|that\s+is|this\s+is|counts\s+as|amounts\s+to)\s+"
    r"(?:likely\s+|probably\s+|potentially\s+|considered\s+)?(?:illegal|unlawful|insider\s+trading|"
    r"(?:a\s+form\s+of\s+)?market\s+manipulation|securities\s+fraud|a\s+(?:crime|federal\s+crime|"
    r"form\s+of\s+(?:insider\s+trading|market\s+manipulation|fraud))|against\s+the\s+law))\b|"
    r"\b(?:contact|speak\s+(?:to|with)|talk\s+to|check\s+with)\s+(?:your\s+|our\s+)?(?:firm's\s+)?"
    r"compliance\b",
    re.IGNORECASE | re.MULTILINE,
)


def refuses(text: str) -> bool:
    """True when the reply declines, or says the asked-for conduct is unlawful."""
    return bool(REFUSAL.search(normalize(text).text))


class AssistanceRule(PhraseRule):
    """A phrase rule whose reply-stage verdict also weighs the customer's request."""

    def check(self, subject: RailInput) -> Verdict:
        if subject.stage is not Stage.REPLY:
            return super().check(subject)
        if refuses(subject.text):
            return self.passed(subject, "The reply declines, or says the conduct is unlawful.")
        verdict = super().check(subject)
        if not verdict.passed or not subject.user_text.strip():
            return verdict
        asked = super().check(RailInput(subject.user_text, Stage.REQUEST))
        if asked.passed:
            return verdict
        quoted = subject.user_text.strip()[:100]
        return self.violation(
            subject,
            f"The customer asks for {self.finding} (\u201c{quoted}\u201d) and the reply goes "
            f"along with it instead of declining; {self.reason}",
            evidence=[Evidence(0, min(len(subject.text), 160), subject.text[:160],
                               "request context")],
            score=max(asked.score, 0.8),
            action=Action.BLOCK,
        )
