"""SEC-02: off-topic or harmful requests outside finance customer service are declined.

Topic is hard to enumerate, so the classifier (embedding + n-grams, trained on
the team's examples) carries most of this rule; the patterns name the
harmful finance-adjacent asks that must never slip through.
"""

from __future__ import annotations

from guardrails.rules.base import RailInput, register_rule
from guardrails.rules.patterns import compile_all
from guardrails.rules.phrase_rule import PhraseRule
from guardrails.topicality import is_off_topic
from guardrails.verdict import Action, Evidence, Severity, Stage, Verdict


@register_rule
class OffTopicRule(PhraseRule):
    id = "SEC-02"
    version = "1.0.0"
    title = "Off-topic or harmful requests are declined politely"
    stages = frozenset({Stage.REQUEST})
    severity = Severity.MEDIUM
    on_fail = Action.BLOCK
    negatable = False
    finding = "a request outside finance customer service or a harmful request"
    reason = "SEC-02 has the assistant decline it politely and steer back to finance."
    patterns = compile_all((
        r"\b(?:structur(?:e|ing)|split(?:ting)?)\b[^.?!]{0,40}\b(?:deposits?|cash|withdrawals?)\b"
        r"[^.?!]{0,40}\b(?:avoid|under|below|so\s+(?:the\s+)?(?:bank|irs))\b",
        r"\b(?:fake|forged?|fabricat\w*|doctor(?:ed)?|phony)\b[^.?!]{0,30}\b(?:pay\s*stubs?|"
        r"bank\s+statements?|w-?2s?|ids?|documents?|invoices?|receipts?|checks?)\b",
        r"\b(?:write|draft|make|create|generate)\b[^.?!]{0,30}\bphishing\b",
        r"\b(?:launder|laundering)\b[^.?!]{0,30}\b(?:money|cash|funds|proceeds)\b",
        r"\b(?:generate|make\s+up|create)\b[^.?!]{0,20}\b(?:valid\s+)?(?:credit\s+)?card\s+numbers\b",
        r"\b(?:get|break|hack|log)\s+into\s+(?:my\s+)?(?:someone|somebody|(?:my\s+)?(?:ex|wife|"
        r"husband|partner|boss|neighbou?r|friend|mom|dad)(?:'s)?)\b[^.?!]{0,20}\baccount",
        r"\b(?:write|code|build)\b[^.?!]{0,30}\b(?:malware|ransomware|keylogger|virus|exploit)\b",
        r"\b(?:write|compose)\s+(?:me\s+)?(?:a\s+)?(?:poem|song|haiku|sonnet|limerick|story|essay)\b",
        r"\b(?:recipe|cook(?:ing)?\s+instructions)\s+for\b",
        r"\b(?:how\s+(?:do|to|can\s+i)\s+)?(?:make|build)\s+(?:a\s+)?(?:bomb|explosive|weapon|gun)\b",
    ))

    def check(self, subject: RailInput) -> Verdict:
        verdict = super().check(subject)
        if verdict.passed and is_off_topic(subject.text):
            return self.violation(
                subject,
                "The message shares no word with finance or this service (\u201c"
                f"{subject.text[:80]}\u201d); SEC-02 has the assistant decline it politely and "
                "steer back to finance.",
                evidence=[Evidence(0, len(subject.text), subject.text[:160], "off-topic")],
                score=0.75,
            )
        return verdict
