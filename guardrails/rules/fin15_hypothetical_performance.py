"""FIN-15: hypothetical or back-tested performance is never shown as actual results."""

from __future__ import annotations

import re

from guardrails.rules.base import RailInput, register_rule
from guardrails.rules.patterns import compile_all
from guardrails.rules.phrase_rule import PhraseRule
from guardrails.verdict import Action, Severity, Stage, Verdict

LABELLED = re.compile(r"\b(?:hypothetical(?:ly)?|back-?test\w*|simulat\w*|model(?:l)?ed|"
                      r"illustrat\w*|not\s+actual|would\s+have|for\s+example|example\s+only)\b",
                      re.I)
BACKTEST_CONTEXT = re.compile(r"\b(?:back-?test\w*|hypothetical|simulat\w*|model(?:l)?ed\s+"
                              r"(?:returns?|performance|portfolio))\b", re.I)
PERFORMANCE = re.compile(r"\b(?:made|returned|earned|gained|delivered|produced|averaged|grew|"
                         r"compounded|generated|beat)\b[^.?!]{0,40}\d+(?:\.\d+)?\s*%", re.I)


@register_rule
class HypotheticalPerformanceRule(PhraseRule):
    id = "FIN-15"
    version = "1.0.0"
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


def _sentences_with_performance(text: str) -> list[str]:
    from guardrails.text import split_sentences

    return [s.text for s in split_sentences(text) if PERFORMANCE.search(s.text)]
