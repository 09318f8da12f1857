"""FIN-04: past performance carries the caveat and is never presented as a promise."""

from __future__ import annotations

import re

from guardrails.rules.base import RailInput, register_rule
from guardrails.rules.omission import OmissionRule
from guardrails.rules.phrase_rule import classifier_flags, long_enough
from guardrails.text import split_sentences
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
    r"time|every\s+time|since\s+(?:19|20)\d\d)\b"
    # A figure named as a gain over a period: "a 45% gain in one year", "a 12% return last year".
    r"|\d+(?:\.\d+)?\s*%\s+(?:gain|return|rise|jump|increase|run-?up)\b[^.?!]{0,30}\b(?:in|over|"
    r"during|last|past|since)\b"
    # Growth of an amount over a past period: "$10,000 invested ten years ago would have grown
    # to $30,780".
    r"|\bwould\s+have\s+(?:grown|turned|become|risen|been\s+worth|ended\s+up)\b[^.?!]{0,60}"
    r"[$€£]\s?\d"
    # A multiple or a lead over a past period: "has risen several-fold over the last decade".
    r"|\b(?:has|have)\s+(?:risen|grown|gained|climbed|returned|multiplied)\s+(?:\w+-?fold|"
    r"several\s+times|many\s+times)"
    r"|\b(?:over|in|during)\s+the\s+(?:last|past|previous)\s+(?:decade|\w+\s+(?:years|decades))"
    r"\b[^.?!]{0,60}\b(?:has|have)\s+(?:risen|grown|gained|climbed|doubled|tripled|outpaced|beaten|"
    r"outperformed)\b",
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
# What follows a day's move: the level it reached, or the session it happened in.
DAY_MOVE = re.compile(r"\s*(?:to\s+(?:a\s+close\s+of\s+)?[$€£]?\d[\d,]*(?:\.\d+)?(?!\s*%)|on\s+the\s+"
                      r"(?:day|session)|(?:in|during)\s+(?:the\s+)?(?:session|trading\s+day)|"
                      r"(?:today|yesterday|on\s+(?:monday|tuesday|wednesday|thursday|friday)))\b",
                      re.IGNORECASE)
DAY_MOVE_BEFORE = re.compile(r"\b(?:today|yesterday|on\s+(?:monday|tuesday|wednesday|thursday|"
                             r"friday)|in\s+today's\s+session)\b[^.?!]*$", re.IGNORECASE)
# Sentences that show a figure without showing a track record.
ILLUSTRATION = re.compile(r"\bhypothetical|\bfor\s+example\b|\bif\s+you\s+(?:invest|save|deposit)|"
                          r"\brule\s+of\s+72\b|\b(?:at|earning)\s+(?:an?\s+)?(?:assumed\s+)?"
                          r"\d+(?:\.\d+)?\s*%[^.?!]{0,40}\bwould\s+(?!have\b)", re.IGNORECASE)
# A deposit's rate or a policy rate's path is not an investment's performance ("our 12-month CD
# offers a 3.85% return over the term", "the Fed's increase last month").
RATES_NOT_RETURNS = re.compile(r"\b(?:apy|apr|cds?|certificates?\s+of\s+deposit|savings|deposits?|"
                               r"fed(?:eral\s+reserve)?(?:'s)?|prime\s+rate|policy\s+rate|"
                               r"interest\s+rates?|mortgage\s+rates?)\b", re.IGNORECASE)
INVESTMENT_SUBJECT = re.compile(r"\b(?:funds?|etfs?|stocks?|shares|index|portfolio|s&p|dow|nasdaq|"
                                r"bonds?|equit\w+|reits?|bitcoin|crypto)\b", re.IGNORECASE)
# A period longer than a session: the move is a track record after all.
LONG_PERIOD = re.compile(r"\b(?:past|last|previous)\s+(?:\w+\s+)?(?:years?|decades?)\b|\bsince\b|"
                         r"\b\d+\s+years\b|\bdecade\b|\binception\b|\ba\s+year\b",
                         re.IGNORECASE)


def _not_a_track_record(sentence: str) -> bool:
    return bool(ILLUSTRATION.search(sentence) or (RATES_NOT_RETURNS.search(sentence)
                                                  and not INVESTMENT_SUBJECT.search(sentence)))


# A sentence about one trading session is market news, not a track record.
SESSION = re.compile(r"\b(?:today|yesterday|this\s+(?:morning|afternoon)|on\s+(?:monday|tuesday|"
                     r"wednesday|thursday|friday)|sessions?|intraday|at\s+the\s+close)\b",
                     re.IGNORECASE)
# A sentence the classifier scores as past performance must also look back in time: a figure,
# or words of a period or a record.
LOOKS_BACK = re.compile(r"\d|\b(?:last|past|since|decade|record|history|histor\w+|years?|"
                        r"quarters?|months?|ago|so\s+far|to\s+date)\b", re.IGNORECASE)


@register_rule
class PastPerformanceRule(OmissionRule):
    id = "FIN-04"
    version = "1.1.0"
    title = "Past performance carries the caveat and is never presented as a promise"
    stages = frozenset({Stage.REPLY})
    severity = Severity.MEDIUM
    trigger = PAST_FIGURE
    satisfied_by = CAVEAT
    # Judged per sentence (``first_trigger``), not for the whole reply: an illustration beside a
    # real track record does not excuse the record.
    exempt = None
    missing = "the caveat that past performance does not predict future results"
    reason = "FIN-04 requires it whenever past performance is shown."

    def first_trigger(self, text: str) -> re.Match[str] | None:
        """The first past-performance figure whose sentence is a track record: not an
        illustration, not a deposit's or a policy rate's history, and not a day's market move
        ("the S&P 500 rose 0.8% to 6,712.35") unless the sentence names a longer period."""
        sentences = split_sentences(text)
        for match in PAST_FIGURE.finditer(text):
            sentence = next((x.text for x in sentences if x.start <= match.start() < x.end), "")
            if _not_a_track_record(sentence):
                continue
            day_move = DAY_MOVE.match(text, match.end()) or DAY_MOVE_BEFORE.search(
                text, max(0, match.start() - 40), match.start())
            if not day_move or LONG_PERIOD.search(sentence):
                return match
        return None

    def check(self, subject: RailInput) -> Verdict:
        figure = self.first_trigger(subject.text)
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
        verdict = super().check(subject)
        if not verdict.passed or not subject.complete or CAVEAT.search(subject.text):
            return verdict
        # Past performance in words the pattern did not anticipate: the classifier trained on
        # the team's examples, on a sentence that looks back in time.
        for sentence in split_sentences(subject.text):
            text = sentence.text
            if (not long_enough(text) or not LOOKS_BACK.search(text) or SESSION.search(text)
                    or _not_a_track_record(text)):
                continue
            flagged, probability = classifier_flags("replies", self.id, text)
            if flagged:
                return self.violation(
                    subject,
                    f"The reply shows past performance (\u201c{text[:90]}\u201d, scored by the "
                    f"rule's classifier, p={probability:.2f}) without {self.missing}; "
                    f"{self.reason} The statement was added.",
                    evidence=[Evidence(sentence.start, sentence.end, text[:160],
                                       f"classifier p={probability:.2f}")],
                    repaired_text=subject.text.rstrip() + " " + STATEMENT)
        return verdict

    def statement(self, subject: RailInput, trigger: re.Match[str]) -> str:
        return STATEMENT
