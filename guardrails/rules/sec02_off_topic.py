"""SEC-02: off-topic or harmful requests outside finance customer service are declined.

Topic is hard to enumerate, so the classifier (embedding + n-grams, trained on
the team's examples) carries most of this rule; the patterns name the
harmful finance-adjacent asks that must never slip through.
"""

from __future__ import annotations

import re

from guardrails.rules.base import RailInput, register_rule
from guardrails.rules.contexts import concept_question
from guardrails.rules.patterns import compile_all
from guardrails.rules.phrase_rule import PhraseRule
from guardrails.topicality import is_off_topic
from guardrails.verdict import Action, Evidence, Severity, Stage, Verdict


@register_rule
class OffTopicRule(PhraseRule):
    id = "SEC-02"
    version = "1.1.0"
    title = "Off-topic or harmful requests are declined politely"
    stages = frozenset({Stage.REQUEST})
    severity = Severity.MEDIUM
    on_fail = Action.BLOCK
    negatable = False
    # Asking how to recognise or report a scheme is security awareness, not a harmful request.
    exempt = re.compile(r"\b(?:recogni[sz]e|spot|identify|detect|tell\s+(?:if|whether)|"
                        r"report(?:ing)?\s+(?:a|an|this|it)|protect\s+(?:myself|me|my|against)|"
                        r"is\s+(?:this|it)\s+(?:a\s+)?(?:scam|legit|real)|how\s+do\s+(?:banks|they|"
                        r"regulators|investigators)\s+(?:catch|detect|spot|stop)|is\s+(?:it\s+)?"
                        r"illegal)\b|"
                        + concept_question(r"check\s+kiting|kiting|structuring|money\s+"
                                           r"laundering|laundering|phishing|smishing|sim\s+swap"),
                        re.I)
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
        # Impersonating a bank or its staff to get codes, PINs or logins (phishing, smishing).
        r"\b(?:write|draft|create|make|compose|send|build|design|generate|text)\b[^.?!]{0,60}"
        r"\b(?:pretend\w*\s+to\s+be|posing\s+as|impersonat\w*|looks?\s+(?:like\s+)?(?:it's|it\s+is|"
        r"they're)?\s*(?:from|like)\s+(?:the|their|your|a|our)?\s*(?:\w+\s+)?(?:bank|fraud\s+team|"
        r"security\s+team|card\s+company|irs))\b|\b(?:login|log-?in|sign-?in)\s+page\s+that\s+looks\b",
        # Forged or altered documents.
        r"\b(?:fake|forged?|fabricat\w*|phony|realistic|convincing|counterfeit)\b[^.?!]{0,30}\b(?:pay\s*"
        r"stubs?|payslips?|bank\s+statements?|w-?2s?|p60|ids?|reference\s+letters?|(?:doctor's|sick|"
        r"medical)\s+notes?|utility\s+bills?|invoices?|employment\s+contracts?|letterhead)\b",
        r"\b(?:make|create|generate|write|draft)\s+(?:me\s+)?(?:a\s+)?(?:pay\s*stub|payslip|bank\s+"
        r"statement)\b[^.?!]{0,20}\bshowing\b",
        r"\bcopy\s+(?:my\s+|the\s+)?(?:\w+'s\s+)?signature\b|"
        r"\b(?:edit|alter|change|modify|photoshop|tweak)\b[^.?!]{0,40}\b(?:pdf|payslip|pay\s*"
        r"stub|statement|utility\s+bill|numbers|signature|date)\b[^.?!]{0,60}\b(?:landlord|visa|loan|"
        r"approv\w*|proof|earn\s+more|higher|legit|real|official|counts\s+as)\b",
        r"\b(?:statement|pay\s*stub|payslip|letter)\b[^.?!]{0,30}\b(?:shows?|showing)\s+(?:a\s+)?"
        r"(?:higher|bigger|larger|more)\b",
        # Structuring cash to stay under reporting, laundering, mules.
        r"\b(?:under|below|beneath|avoid)\s+(?:the\s+)?(?:reporting\s+(?:limit|threshold|requirement)|"
        r"radar|\$?10,?000\s+(?:limit|threshold|report)|ctr)\b|\boff\s+the\s+books\b",
        r"\b(?:split|spread|break|chunk)\w*\b[^.?!]{0,50}\b(?:deposits?|cash|transfers?|withdrawals?|"
        r"chunks|amounts)\b[^.?!]{0,60}\b(?:report\w*|flag\w*|notic\w*|filed|filing)\b",
        r"\b(?:so|without)\s+(?:that\s+)?(?:the\s+bank|anyone|nobody|no\s+one|no\s+report)\s+"
        r"(?:\w+\s+)?(?:flags?|reports?|notices?|finds?\s+out|asks?|gets?\s+filed|filing|can\s+trace)",
        r"\b(?:clean|wash|hide)\s+(?:the\s+|my\s+|dirty\s+)?(?:cash|money|funds)\b|\blooks?\s+"
        r"(?:clean|like\s+normal\s+income)|\b(?:crypto\s+)?mixers?\b[^.?!]{0,30}\bhide\b|\bshell\s+"
        r"compan\w+\b[^.?!]{0,40}\b(?:hide|clean|move)|\breceive\s+money\s+into\s+my\s+account\s+"
        r"and\s+send\b|\bso\s+nobody\s+can\s+trace\b",
        # Someone else's identity, account, card or credentials.
        r"\b(?:made[- ]up|fake|false|synthetic)\s+(?:name|identity|ssn|social\s+security)\b|"
        r"\b(?:in|under|using)\s+(?:someone\s+else's|another\s+person's|my\s+\w+'s?)\s+(?:names?|"
        r"identity|id|ssn)\b",
        r"\bwithout\s+(?:him|her|them|anyone|the\s+(?:bank|family))\s+(?:knowing|noticing|finding"
        r"\s+out)\b|\bbefore\s+the\s+(?:bank|family)\s+finds\s+out\b",
        r"\b(?:guess|find\s+out|figure\s+out|crack|brute[- ]?force|bypass|get\s+around)\b[^.?!]{0,40}"
        r"\b(?:pin|password|passcode|2fa|one-time\s+code|otp|3-d\s+secure)\b",
        r"\b(?:get|break|log|hack)\s+into\b[^.?!]{0,30}\b(?:someone|somebody|(?:\w+\s+)?\w+'s|"
        r"her|his|their)\b",
        r"\bstolen\s+card\s+(?:details|numbers|data|detals)|\bdumps\s+with\s+pins\b|\b(?:use|using)"
        r"\s+(?:someone's|a\s+stolen|someone\s+else's|my\s+dead\s+\w+'s)\s+(?:stolen\s+)?card|\btest"
        r"\b[^.?!]{0,20}\bcard\s+numbers\b|\bbuy\w*\s+(?:verified\s+)?bank\s+accounts\b|"
        r"\bsim\s+swap\b",
        # Check kiting; a dead relative's identity; someone's card used behind their back.
        r"\bkit(?:e|es|ing)\b[^.?!]{0,20}\b(?:checks?|cheques?)\b|\b(?:checks?|cheques?)\s+kiting\b",
        r"\b(?:use|using|under)\s+(?:my\s+|his\s+|her\s+|their\s+|a\s+)?(?:late|dead|deceased)\s+"
        r"(?:\w+\s+)?\w+(?:'s|’s)\s+(?:ssn|social\s+security|identity|id|name|credit)\b",
        r"\bbefore\s+(?:she|he|they|anyone|somebody|my\s+\w+)\s+(?:notices?|finds?\s+out|"
        r"realis\w+|realiz\w+|catches\s+on)\b",
        r"\b(?:ransomware|keylogger|sql\s+injection|spyware)\b|\bscrape\w*\b[^.?!]{0,30}\bemails?\b|"
        r"\bfake\s+id\b|\bwithout\s+a\s+prescription\b|\btoxic\s+gas\b|\b3d\s+print\s+a\s+gun\b|"
        r"\bpick\s+a\s+(?:\w+\s+)?lock\b|\bcheat\s+on\s+(?:my\s+)?(?:online\s+)?(?:exam|test)\b",
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
