"""FIN-15: hypothetical or back-tested performance is never shown as actual results."""

from __future__ import annotations

import re

from guardrails.rules.base import RailInput, register_rule
from guardrails.rules.patterns import compile_all
from guardrails.rules.phrase_rule import PhraseRule
from guardrails.verdict import Action, Evidence, Severity, Stage, Verdict

LABELLED = re.compile(r"\b(?:hypothetical(?:ly)?|back-?test\w*|simulat\w*|model(?:l)?ed|"
                      r"illustrat\w*|not\s+actual|would\s+have|for\s+example|example\s+only)\b",
                      re.I)
BACKTEST_CONTEXT = re.compile(r"\b(?:back-?test\w*|hypothetical|simulat\w*|model(?:l)?ed\s+"
                              r"(?:returns?|performance|portfolio))\b", re.I)
PERFORMANCE = re.compile(r"\b(?:made|returned|earned|gained|delivered|produced|averaged|grew|"
                         r"compounded|generated|beat)\b[^.?!]{0,40}\d+(?:\.\d+)?\s*%", re.I)


# Back-test wording that does not label the figure as hypothetical.
UNLABELLED_SOURCE = re.compile(r"\b(?:reconstruct\w*|trained\s+(?:and\s+tested\s+)?on\s+historical|"
                               r"tested\s+on\s+historical|historical\s+(?:data|simulations?)|"
                               r"using\s+data\s+(?:since|from|back\s+to)|looking\s+back\s+over|"
                               r"applied\s+to\s+past\s+(?:data|markets))\b", re.I)
HYPOTHETICAL_SOURCE = re.compile(r"\b(?:back-?test\w*|simulat\w*|hypothetical\w*|had\s+you\s+"
                                 r"followed|would\s+have\s+(?:become|grown|returned|made|earned|"
                                 r"gained))\b", re.I)
# Calling a simulated figure real: "that's what the model earns", "real, proven performance".
ACTUAL_CLAIM = re.compile(
    r"\b(?:that's|that\s+is|which\s+is|this\s+is)\s+what\s+(?:the\s+\w+|it|they)\s+(?:earns?|"
    r"has\s+achieved|have\s+achieved|makes?|delivers?|returns?|gets?)\b|"
    r"\b(?:those|these)\s+are\s+the\s+(?:results|returns|gains)\s+(?:it|they)\s+(?:has\s+|have\s+)?"
    r"(?:achieved|delivered|earned|made)\b|"
    r"\b(?:real|actual)\s*,?\s*proven\s+(?:performance|results|returns|gains|track\s+record)\b|"
    r"\bwhat\s+it\s+has\s+(?:achieved|earned|delivered)\s+so\s+far\b", re.I)
NEW_PRODUCT = re.compile(r"\b(?:launched|introduced|went\s+live|created|designed|built|started|"
                         r"developed|opened|began)\b[^.?!]{0,30}\b(?:this|last)\s+(?:year|month|"
                         r"quarter)\b|\bnewly\s+(?:launched|created)\b", re.I)
LONG_RECORD = re.compile(r"\b(?:since\s+(?:19|20)\d\d|over\s+the\s+(?:last|past)\s+(?:decade|"
                         r"\d+\s+years|(?:five|ten|fifteen|twenty|thirty)\s+years)|(?:\d+|ten|"
                         r"fifteen|twenty)-year\s+(?:return|record)|every\s+major\s+(?:downturn|"
                         r"crash|sell-?off)|back\s+to\s+(?:19|20)\d\d|looking\s+back\s+over)\b", re.I)
RECORD_CLAIM = re.compile(r"\b(?:made|returned|earned|gained|delivered|produced|averaged|grew|"
                          r"compounded|generated|beat|called|predicted|avoided|caught|shows?)\b",
                          re.I)


@register_rule
class HypotheticalPerformanceRule(PhraseRule):
    id = "FIN-15"
    version = "1.1.0"
    title = "Hypothetical or back-tested performance is never shown as actual"
    stages = frozenset({Stage.REPLY})
    severity = Severity.HIGH
    on_fail = Action.REWRITE
    repair = "drop_sentence"
    finding = "hypothetical or back-tested performance presented as actual results"
    reason = "FIN-15 requires it to be labelled hypothetical, or left out in the retail channel."
    exempt = LABELLED
    negatable = False
    patterns = compile_all((
        r"\b(?:strategy|model\s+portfolio|our\s+(?:model|algorithm|system|approach)|the\s+model|"
        r"algorithm|signal|system|formula|method)\b[^.?!]{0,40}\b(?:made|returned|earned|gained|"
        r"delivered|produced|averaged|beat|generated|compounded)\b[^.?!]{0,40}\d+(?:\.\d+)?\s*%",
        r"\b(?:since|from)\s+(?:19|20)\d\d\b[^.?!]{0,40}\b(?:strategy|model|approach|system)\b"
        r"[^.?!]{0,30}\d+(?:\.\d+)?\s*%",
    ))

    def check(self, subject: RailInput) -> Verdict:
        verdict = super().check(subject)
        if not verdict.passed or subject.stage is not Stage.REPLY:
            return verdict
        finding = _presented_as_actual(subject.text)
        if finding is not None:
            return self.violation(
                subject,
                f"The reply presents simulated or pre-launch performance as actual results "
                f"(\u201c{finding[:100]}\u201d); FIN-15 requires it to be labelled hypothetical.",
                evidence=[Evidence(0, 0, finding[:160], "back-test presented as actual")],
                action=Action.BLOCK,
            )
        # A performance figure drawn from a back-test in context must say so.
        if any(BACKTEST_CONTEXT.search(doc.text) for doc in subject.documents):
            for sentence in _sentences_with_performance(subject.text):
                if not LABELLED.search(sentence):
                    return self.violation(
                        subject,
                        f"The reply quotes performance (\u201c{sentence[:100]}\u201d) from a "
                        "back-tested or hypothetical source without labelling it; FIN-15 forbids "
                        "presenting it as actual results.",
                        action=Action.BLOCK,
                    )
        return verdict


def _presented_as_actual(text: str) -> str | None:
    """The sentence that turns a back-test into a record, or None."""
    from guardrails.text import split_sentences

    sentences = [s.text for s in split_sentences(text)]
    simulated = any(HYPOTHETICAL_SOURCE.search(s) or UNLABELLED_SOURCE.search(s)
                    for s in sentences)
    new_product = bool(NEW_PRODUCT.search(text))
    for sentence in sentences:
        if simulated and ACTUAL_CLAIM.search(sentence):
            return sentence
        if UNLABELLED_SOURCE.search(sentence) and PERFORMANCE.search(sentence) and not \
                LABELLED.search(sentence):
            return sentence
        if (new_product and LONG_RECORD.search(sentence) and RECORD_CLAIM.search(sentence)
                and not LABELLED.search(sentence)):
            return sentence
    return None


def _sentences_with_performance(text: str) -> list[str]:
    from guardrails.text import split_sentences

    return [s.text for s in split_sentences(text) if PERFORMANCE.search(s.text)]
