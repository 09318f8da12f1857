"""FIN-01: no guarantees or promises of returns or of no loss.

Negation matters more than keywords here: "returns are not guaranteed" is the
compliant sentence, and an accurately described Guaranteed Investment
Certificate or FDIC insurance is not a promise of investment returns. When the
customer asked for a guarantee, silence is not enough either: the reply must
say that returns are not guaranteed.
"""

from __future__ import annotations

import re

from guardrails.normalize import negated_before, normalize
from guardrails.rules.base import RailInput, Rule, RuleParams, register_rule
from guardrails.rules.contexts import META_REFUSAL, WARNING
from guardrails.rules.patterns import compile_all
from guardrails.rules.phrase_rule import classifier_flags
from guardrails.text import split_sentences
from guardrails.verdict import Action, Evidence, Severity, Stage, Verdict

RETURN_WORDS = (
    r"(?:returns?|profits?|gains?|income|yield|growth|payouts?|results?|earnings|interest|"
    r"\d+(?:\.\d+)?\s*%|money\s+back|to\s+(?:double|triple|grow|make|earn|beat)|upside)"
)

# Phrases that promise a return or the absence of loss (matched on normalised text).
PROMISES = compile_all(
    (
        rf"\bguarantee[sd]?\b[^.?!]{{0,40}}?\b{RETURN_WORDS}",
        rf"\b{RETURN_WORDS}[^.?!]{{0,30}}?\b(?:is|are|will\s+be|be)\s+(?:fully\s+|totally\s+|100%\s+)?"
        r"guaranteed\b",
        r"\bguaranteed\s+(?:to\s+)?(?:win|profit|make\s+money|go\s+up|rise|grow|pay\s+off|double)\b",
        r"\b(?:can(?:'|no)?t|cannot|won't|will\s+not|never|impossible\s+to)\s+(?:possibly\s+|ever\s+)?"
        r"(?:lose|go\s+wrong|fail|lose\s+(?:money|a\s+(?:cent|penny|dime)))\b"
        r"(?!\s+more\s+than)",  # "can't lose more than you invest" is a true limit
        r"\b(?:no|zero)\s+(?:way|chance|risk|possibility)\s+(?:of\s+|that\s+)?(?:you(?:'ll)?\s+)?"
        r"(?:los(?:e|ing)|(?:a\s+)?loss(?:es)?|going\s+down)\b",
        r"\b(?:lock(?:ing|ed)?\s+in|locks\s+in)\b[^.?!]{0,30}?(?:\d+(?:\.\d+)?\s*%|(?:your|the|that|"
        r"this|a)\s+(?:\w+\s+)?(?:yield|returns?|income|gains?|profits?|payout))[^.?!]{0,40}?"
        r"\b(?:whatever\s+(?:happens|the\s+market\s+does|markets\s+do)|no\s+matter\s+(?:what|where|"
        r"how)|regardless|come\s+what\s+may|either\s+way)\b",
        # "you'll get back every dollar you put in no matter where rates go"
        r"\b(?:get|have|receive)\s+back\s+(?:every\s+(?:single\s+)?(?:dollar|penny|cent)|all\s+(?:of\s+)?"
        r"(?:your|the)\s+(?:money|principal|investment)|(?:your|the)\s+(?:full\s+|whole\s+|entire\s+)?"
        r"(?:principal|investment|money))\b[^.?!]{0,40}?\b(?:no\s+matter|whatever|regardless|"
        r"come\s+what\s+may|either\s+way|guaranteed)\b",
        r"\b(?:whatever\s+happens|no\s+matter\s+what)\b[^.?!]{0,40}?\b(?:you(?:'ll|\s+will)\s+)?"
        r"(?:get|earn|make|keep)\b[^.?!]{0,20}?\d+(?:\.\d+)?\s*%",
        r"\b(?:will|going\s+to)\s+(?:definitely|certainly|surely|absolutely|100%)\s+"
        r"(?:earn|make|return|grow|pay|gain|go\s+up|rise|double|profit)\b",
        r"\b(?:promise|assure)\s+(?:you\s+)?(?:a\s+|that\s+)?[^.?!]{0,30}?\b"
        r"(?:returns?|profits?|\d+(?:\.\d+)?\s*%|(?:you(?:'ll|\s+will)\s+)?(?:make|earn|double))\b",
        r"\b(?:sure\s+thing|sure\s+bet|safe\s+bet|free\s+money|money\s+printer|can't\s+miss)\b",
        r"\b(?:principal|your\s+money|capital)\s+(?:is|will\s+be)\s+(?:completely\s+|totally\s+|"
        r"100%\s+|always\s+)?(?:safe|protected|secure)\b(?![^.?!]{0,40}\b(?:fdic|insured|insurance|"
        r"up\s+to))",
        r"\brisk[- ]free\s+(?:returns?|profits?|gains?|income|investment)\b",
        # No-loss promises phrased without the word "lose".
        r"\b(?:principal|(?:original\s+)?contributions?|savings|capital|balance|investment|your\s+"
        r"money|nest\s+egg)\s+(?:is|are|stays?|remains?|will\s+(?:stay|remain|be)|(?:is|are)\s+"
        r"kept)\s+(?:\w+\s+)?(?:intact|protected|whole|untouched|safe)\b"
        r"(?![^.?!]{0,60}\b(?:fdic|insured|insurance|up\s+to|limits?)\b)",
        r"\bat\s+least\s+(?:what|as\s+much\s+as)\s+you\s+(?:started\s+with|put\s+in|invested|paid|"
        r"began\s+with)\b",
        r"\b(?:can't|cannot|won't|will\s+not|never|doesn't|does\s+not)\s+(?:\w+\s+)?(?:leave\s+you"
        r"\s+with|end\s+(?:up\s+)?with|give\s+you\s+back|get\s+back)\s+less\b",
        r"\b(?:never|won't|will\s+not|can't)\s+(?:\w+\s+){0,3}(?:dip|drop|fall|sink|go)\s+below\s+"
        r"(?:a\s+dollar|\$1|what\s+you|your|the\s+(?:amount|price)\s+you)",
        r"\b(?:not|never|won't)\s+(?:going\s+to\s+|gonna\s+)?(?:come\s+out|end\s+up|finish|be)\s+"
        r"(?:behind|down|in\s+the\s+red|worse\s+off|underwater)\b",
        r"\b(?:come\s+out|walk\s+away|end\s+up|finish)\b[^.?!]{0,25}\b(?:with\s+(?:all\s+)?your"
        r"\s+money(?:\s+plus)?|with\s+a\s+profit|in\s+profit|ahead)\b"
        r"(?![^.?!]{0,30}\b(?:usually|often|historically|typically|may|might|could)\b)",
        r"\b(?:makes?\s+sure|ensures?|guarantees?)\s+(?:that\s+)?(?:your\s+|the\s+)?(?:\w+\s+){0,2}"
        r"(?:doesn't|does\s+not|won't|never|can't)\s+(?:lose|drop|fall|go\s+down)\b",
        r"\b(?:losses?|drops?|declines?)\b[^.?!]{0,30}\b(?:are|is|get|gets)\s+always\s+(?:made\s+up|"
        r"offset|recovered|covered)\b",
        r"\bcount\s+on\s+(?:that|the|this|those|steady|a\s+steady)\s+(?:income|payments?|"
        r"dividends?|returns?|payouts?|growth)\b|\b(?:keep|keeps)\s+(?:arriving|coming|paying)\b"
        r"[^.?!]{0,40}\bno\s+matter\b",
        # "no realistic way to come out behind", "won't finish below what you put in",
        # "can't end up losing money": no-loss promises built on an outcome verb.
        r"\b(?:can't|cannot|won't|will\s+not|never|(?:there's\s+|there\s+is\s+)?no\s+(?:realistic\s+|"
        r"real\s+|possible\s+)?way\s+(?:to|you(?:'d|'ll|\s+could|\s+would|\s+will))|not\s+going\s+"
        r"to)\s+(?:\w+\s+){0,2}?(?:end\s+up|finish|come\s+out|wind\s+up|walk\s+away)\s+(?:\w+\s+)?"
        r"(?:losing|behind|below|under\s+what|with\s+less|in\s+the\s+red|worse\s+off|down)\b",
        # "you'd finish at least where you started", "growth with none of the downside",
        # "you're set to collect a steady return", "every year's gain is banked for good".
        r"\b(?:finish|end\s+up|come\s+out|wind\s+up|be)\s+(?:at\s+least\s+|no\s+worse\s+than\s+)"
        r"(?:where|what)\s+you\s+(?:started|began|put\s+in)\b",
        r"\b(?:with|and)\s+(?:none\s+of\s+the|no|zero)\s+(?:downside|risk\s+of\s+loss)\b",
        r"\b(?:you're|you\s+are|you'd\s+be|you'll\s+be)\s+(?:set|sure|certain|bound)\s+to\s+(?:collect|"
        r"earn|make|get|receive|pocket)\b[^.?!]{0,50}\b(?:returns?|income|interest|gains?|profits?)\b",
        r"\b(?:gains?|returns?|profits?)\s+(?:is|are)\s+(?:banked|locked\s+in|yours)\s+(?:for\s+good|"
        r"forever|permanently|no\s+matter)\b",
    )
)

# Accurate uses of the word that describe protection, not investment returns.
SAFE_CONTEXTS = re.compile(
    r"(?:guaranteed\s+investment\s+certificates?|\bgics?\b|fdic|ncua|sipc|insured|"
    r"full\s+faith\s+and\s+credit|government[- ]guaranteed|guaranteed\s+by\s+the\s+(?:u\.?s\.?\s+)?"
    r"government|guaranteed\s+minimum\s+(?:interest\s+)?rate\s+(?:of|stated|in)|"
    r"past\s+performance)",
    re.IGNORECASE,
)

SOLICITS_GUARANTEE = compile_all(
    (
        rf"\bguarantee\w*\b[^.?!]{{0,40}}?\b{RETURN_WORDS}",
        rf"\b{RETURN_WORDS}[^.?!]{{0,30}}?\bguarantee",
        r"\b(?:can't|cannot|won't|never|without|no\s+way\s+(?:to|i|you))\s+(?:\w+\s+)?lose\b",
        r"\b(?:zero|no)\s+risk\b",
        r"\brisk[- ]free\s+(?:returns?|profits?|gains?|income|investments?|way)\b",
        r"\b(?:sure|safe)\s+(?:thing|bet)\b",
        r"\b(?:promise|assure)\w*\s+(?:me\s+)?(?:a\s+)?(?:returns?|profits?|gains?|\d+(?:\.\d+)?\s*%)",
        r"\b(?:certain|assured|locked[- ]in)\s+(?:returns?|profits?|gains?)\b",
    )
)

DISCLAIMS_GUARANTEE = compile_all(
    (
        r"\b(?:not|never|no(?:thing)?|cannot|can't|isn't|aren't|won't|doesn't)\b[^.?!]{0,40}?"
        r"\bguarantee",
        r"\b(?:loss(?:es)?|losing\s+money)\s+(?:are|is)\s+(?:always\s+)?possible\b",
        r"\b(?:reduce|eat\s+into|cut\s+into|wipe\s+out|erode)\s+(?:some\s+of\s+|part\s+of\s+)?"
        r"(?:your\s+|the\s+)?(?:principal|balance|savings|investment|capital)\b",
        r"\b(?:value|price|prices|balance)\s+(?:can|could|may|might|will)\s+(?:also\s+)?"
        r"(?:fall|drop|decline|go\s+down|shrink)\b",
        r"\bguarantee[sd]?\b[^.?!]{0,10}?\b(?:is|are)\s+not\b",
        r"\b(?:could|can|may|might)\s+(?:also\s+)?(?:lose|fall|decline|drop|go\s+down)\b",
        r"\blos(?:e|s|ses|ing)\s+(?:some|all|part|value|money)\b",
    )
)


def _described(sentence: str, position: int) -> bool:
    """A promise named in a warning ("guaranteed returns are a red flag") or one the assistant
    declines to make ("I can't write a promise that it won't lose"), not one it makes."""
    if WARNING.search(sentence):
        return True
    refusal = META_REFUSAL.search(sentence)
    return bool(refusal and refusal.start() <= position
                and not re.search(r"\bbut\b|;", sentence[refusal.end():max(position, refusal.end())]))


class GuaranteeParams(RuleParams):
    require_disclaimer_when_solicited: bool = True
    threshold: float | None = None
    use_classifier: bool = True


@register_rule
class NoGuaranteesRule(Rule):
    id = "FIN-01"
    version = "1.3.0"
    title = "No guarantees or promises of returns or of no loss"
    stages = frozenset({Stage.PRE_ANSWER, Stage.REPLY})
    severity = Severity.HIGH
    on_fail = Action.BLOCK
    Params = GuaranteeParams
    params: GuaranteeParams

    def check(self, subject: RailInput) -> Verdict:
        if subject.stage is Stage.PRE_ANSWER:
            return self._check_solicitation(subject)
        view = normalize(subject.text)
        evidence: list[Evidence] = []
        for pattern in PROMISES:
            for match in pattern.finditer(view.text):
                if negated_before(view.text, match.start()) and not match.group(0).startswith(
                    ("can't", "cannot", "won't", "never", "no ", "zero ", "not ", "doesn't",
                     "does not", "will not")
                ):
                    continue
                sentence_start = max(view.text.rfind(".", 0, match.start()) + 1, 0)
                sentence_end = view.text.find(".", match.end())
                sentence = view.text[sentence_start : sentence_end if sentence_end > 0 else None]
                if SAFE_CONTEXTS.search(sentence) and "guarantee" in match.group(0):
                    continue
                if _described(sentence, match.start() - sentence_start):
                    continue
                start, end = view.original_span(match.start(), match.end())
                evidence.append(Evidence(start, end, subject.text[start:end], "promise"))
        if not evidence and self.params.use_classifier:
            flagged, probability = classifier_flags("replies", self.id, subject.text,
                                                    self.params.threshold)
            candidates = [s for s in split_sentences(subject.text)
                          if not SAFE_CONTEXTS.search(s.text)
                          and not any(p.search(normalize(s.text).text) for p in DISCLAIMS_GUARANTEE)]
            if flagged and candidates:
                top = max(candidates, key=lambda s: classifier_flags(
                    "replies", self.id, s.text, self.params.threshold)[1])
                evidence.append(Evidence(top.start, top.end, top.text[:160],
                                         f"classifier p={probability:.2f}"))
        if evidence:
            quoted = evidence[0].text.strip()[:80]
            return self.violation(
                subject,
                f"The reply promises a return or the absence of loss (\u201c{quoted}\u201d); "
                "no investment return can be guaranteed, so FIN-01 forbids it.",
                evidence=evidence[:3],
            )
        if self.params.require_disclaimer_when_solicited and subject.user_text and subject.complete:
            asked = normalize(subject.user_text).text
            if any(p.search(asked) for p in SOLICITS_GUARANTEE) and not any(
                p.search(view.text) for p in DISCLAIMS_GUARANTEE
            ):
                return self.violation(
                    subject,
                    "The customer asked for a guaranteed or loss-free return and the reply does "
                    "not say that returns are not guaranteed and losses are possible, which "
                    "FIN-01 requires in that situation.",
                    score=0.8,
                    severity=Severity.MEDIUM,
                )
        return self.passed(subject, "No promise of returns or of no loss was found.")

    def _check_solicitation(self, subject: RailInput) -> Verdict:
        """A request for a guaranteed return is legitimate, but the only compliant answer is
        that none exists; the vetted answer is used rather than risking a generated promise."""
        asked = normalize(subject.text)
        if SAFE_CONTEXTS.search(asked.text):
            return self.passed(subject, "The request is about insured or government-backed "
                                        "protection, not a guaranteed investment return.")
        for pattern in SOLICITS_GUARANTEE:
            match = pattern.search(asked.text)
            if match:
                start, end = asked.original_span(match.start(), match.end())
                return self.violation(
                    subject,
                    "The customer asks for a guaranteed or loss-free return "
                    f"(\u201c{subject.text[start:end]}\u201d); the vetted FIN-01 answer, that "
                    "returns are not guaranteed and losses are possible, is given instead of a "
                    "generated one.",
                    evidence=[Evidence(start, end, subject.text[start:end], "solicitation")],
                    severity=Severity.LOW,
                    score=0.9,
                )
        return self.passed(subject, "The request does not ask for a guaranteed return.")
