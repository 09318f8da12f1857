"""FIN-18: disputes, errors, fraud reports and complaints go to the formal process.

On a request the turn is routed to a human with a case opened. On a reply
(e.g. a suggested reply for an agent), answering such a request with generic
content instead of the dispute process is the violation.
"""

from __future__ import annotations

import re

from guardrails.normalize import normalize
from guardrails.rules.base import RailInput, register_rule
from guardrails.rules.patterns import compile_all
from guardrails.rules.phrase_rule import PhraseRule
from guardrails.verdict import Action, Severity, Stage, Verdict

GENERAL_QUESTION = re.compile(
    r"^\s*(?:how\s+(?:does|do)\s+(?:a\s+|the\s+)?(?:dispute|chargeback|fraud\s+protection)|"
    r"what\s+(?:is|happens|are)\b(?![^?]*\bmy\b)|in\s+general|generally|hypothetically|"
    r"what\s+(?:should|would|do)\s+i\s+do\s+if\s+i\s+(?:ever|someday|one\s+day)\b)",
    re.IGNORECASE,
)
FIRST_PERSON = re.compile(
    r"\b(?:i|i'm|i've|i'd|me|my|mine|we|we've|our|us|mi|mis|yo|ich|mein\w*|mir|mich|je|j'ai|mon|"
    r"ma|mes|io|il\s+mio|la\s+mia|eu|meu|minha)\b|"
    # The subject left out: "Zelle'd $600 to the wrong number", "got charged twice".
    r"^\W*(?:[a-z]+'d|sent|got|paid|accidentally|mistakenly|just)\b|\bby\s+(?:accident|mistake)\b|"
    r"\bget\s+(?:it|my\s+money|them)\s+back\b", re.IGNORECASE)
ROUTING_LANGUAGE = re.compile(
    r"\b(?:dispute|case|claim|report(?:ed|ing)?|fraud\s+team|agent|specialist|representative|"
    r"complaint|investigat\w*|hand(?:\s|-)?off|connect(?:ing)?\s+you|call\s+us|contact\s+us|"
    r"freeze|lock\s+your\s+card)\b",
    re.IGNORECASE,
)


@register_rule
class DisputeRoutingRule(PhraseRule):
    id = "FIN-18"
    version = "1.2.0"
    title = "Disputes, errors, fraud reports and complaints are routed"
    stages = frozenset({Stage.REQUEST, Stage.REPLY})
    severity = Severity.HIGH
    on_fail = Action.ROUTE
    negatable = False
    # Asking for a one-off courtesy waiver is a service request, not a dispute.
    classifier_exempt = re.compile(
        r"\b(?:waive|ignore|forgive|remove|drop|reverse|refund)\s+(?:the|my|this|that)\s+(?:\w+\s+)?"
        r"fee\b[^.?!]{0,40}\b(?:this\s+(?:one\s+)?time|once|as\s+a\s+(?:one-?time\s+)?courtesy|"
        r"goodwill)\b|\bone-?time\s+(?:courtesy|waiver)\b", re.I)
    finding = "a dispute, error, fraud report or complaint about the customer's own account"
    reason = ("FIN-18 requires the formal dispute or complaint process or a hand-off to an agent, "
              "never generic content, and a case is opened.")
    patterns = compile_all((
        r"\b(?:charge|transaction|payment|withdrawal|debit|purchase|transfer)s?\b[^.?!]{0,60}\b"
        r"(?:(?:i|we)\s+(?:did(?:n't| not)|never|do(?:n't| not))\s+(?:make|made|authori[sz]e|"
        r"recogni[sz]e|approve|buy)|unauthori[sz]ed|not\s+mine|don't\s+recogni[sz]e|"
        r"wasn't\s+me)",
        r"\b(?:i|we)\s+(?:don't|do\s+not|didn't|did\s+not|never)\s+(?:recogni[sz]e|authori[sz]e|"
        r"make|made)\b[^.?!]{0,40}\b(?:charge|transaction|payment|withdrawal|purchase|transfer)",
        r"\b(?:never|haven't|have\s+not|didn't)\s+(?:been\s+to|shopped\s+at|heard\s+of|bought\s+from|"
        r"(?:bought|ordered|purchased|signed\s+up\s+for)\s+(?:anything|something)\s+(?:from|with|at))\b|"
        r"\b(?:charge|transaction|payment|debit)\b[^.?!]{0,80}\b(?:no\s+idea\s+what|don't\s+know\s+"
        r"what)\s+(?:that|this|it)\s+is\b",
        r"\b(?:dispute|contest|challenge|reverse|charge\s*back)\s+(?:this|a|the|that|my|these|"
        r"two|some)\b[^.?!]{0,30}\b(?:charges?|transactions?|payments?|fees?|debits?)",
        # Under way in the customer's words: "I'm disputing Tuesday's $30 overdraft fee".
        r"\b(?:i'?m|i\s+am|we'?re|we\s+are|i\s+will\s+be|i'll\s+be)\s+(?:formally\s+)?(?:disputing|"
        r"contesting|challenging)\b[^.?!]{0,40}\b(?:charges?|transactions?|payments?|fees?|debits?|"
        r"withdrawals?|bill)",
        r"\b(?:i\s+want\s+to|i'd\s+like\s+to|how\s+do\s+i|need\s+to|i\s+wish\s+to)\s+"
        r"(?:file\s+|make\s+|lodge\s+|submit\s+)?(?:a\s+)?(?:formal\s+)?(?:complaint|dispute|"
        r"chargeback)\b",
        r"\b(?:my|our)\s+(?:card|account|debit\s+card|credit\s+card|wallet|phone|identity|"
        r"checkbook)\s+(?:was|has\s+been|got|were)\s+(?:stolen|hacked|compromised|skimmed|cloned)",
        r"\b(?:i|we)\s+(?:was|were|got|have\s+been|think\s+i\s+(?:was|got))\s+(?:scammed|"
        r"defrauded|hacked|phished|conned|ripped\s+off)\b",
        r"\b(?:it|this|that)\s+(?:was|is|turned\s+out\s+to\s+be)\s+(?:a\s+|all\s+a\s+)?(?:scam|fraud|"
        r"con)\b|\b(?:was|were|got|been)\s+(?:talked|tricked|conned|scammed|duped|pressured|"
        r"manipulated)\s+into\s+(?:wiring|sending|transferring|paying|giving|moving|buying)\b",
        r"\b(?:charged|billed|debited)\s+(?:me\s+)?(?:twice|double|two\s+times|incorrectly|wrongly|"
        r"by\s+mistake)\b",
        r"\b(?:double|duplicate)\s+(?:charge|charged|payment|debit)",
        r"\b(?:wrong(?:ly)?|incorrect(?:ly)?|unfair|bogus|mistaken)\s+(?:fee|charge|amount|"
        r"interest)\b[^.?!]{0,40}\b(?:my|me|on)\b",
        r"\b(?:my|the)\s+(?:deposit|refund|paycheck|transfer|payment)\s+(?:is|was|has|hasn't|"
        r"never|still)\b[^.?!]{0,30}\b(?:missing|not\s+(?:show|arriv|post|appear)|never\s+"
        r"(?:arrived|showed|posted)|disappeared|lost)",
        r"\b(?:bank|your)\s+(?:error|mistake)\b",
        r"\b(?:fraud(?:ulent)?|scam)\s+(?:charges?|transactions?|activity|on\s+my)\b",
        r"\bsomeone\s+(?:used|took|stole|accessed|opened|withdrew|hacked)\b[^.?!]{0,40}\b(?:my|an)\b",
        r"\b(?:terrible|awful|rude|unacceptable|horrible|worst)\b[^.?!]{0,40}\b(?:service|staff|"
        r"agent|branch|teller|experience|treatment)\b",
        r"\b(?:speak|talk|chat)\s+(?:to|with)\s+(?:a\s+)?(?:human|real\s+person|person|agent|"
        r"representative|manager|supervisor|someone)\b[^.?!]{0,40}\b(?:dispute|complaint|fraud|"
        r"error|mistake|charge)",
        r"\b(?:someone|somebody|you|the\s+bank|your\s+(?:bank|system))\s+messed\s+up\b|"
        r"\b(?:errors?|mistakes?)\s+on\s+(?:my|our)\s+(?:account|loan|statement|bill|card)",
        r"\b(?:dissatisf\w*|unacceptable|furious|outraged|fed\s+up)\b",
        r"\b(?:rude|disrespectful|condescending|unprofessional)\s+(?:to|with|towards)\b",
        r"\b(?:isn't|is\s+not|not|never|hasn't|has\s+not)\s+(?:showing\s+|shown\s+)?(?:up\s+)?"
        r"(?:in|on|into)\s+my\s+(?:account|balance|app)\b",
        r"\b(?:disappeared|vanished|went\s+missing|is\s+gone)\s+from\s+(?:the\s+app|my\s+"
        r"account)|\b(?:deposit|check|payment)\b[^.?!]{0,30}\b(?:disappeared|vanished)\b",
        r"\bto\s+the\s+wrong\s+(?:phone\s+number|account|person|recipient|iban)\b",
        # Someone else using the card, not the customer asking about using it ("fees for
        # using my card abroad").
        r"\b(?:someone|somebody|they|he|she|a\s+\w+|(?:has|have|had)\s+been|was|were|is|are|"
        r"keeps?)\s+(?:\w+\s+)?(?:using|used|charging|charged)\s+my\s+(?:card|account|card\s+"
        r"number)\b|\bnone\s+(?:of\s+"
        r"them\s+)?(?:are|were)\s+mine\b",
        r"\b(?:higher|more|lower|less)\s+than\s+it\s+should\s+be\b",
        r"\b(?:cargo|cobro)\b[^.?!]{0,60}\b(?:nunca|no\s+reconozco|no\s+hice)\b",
        r"\bsent\s+(?:money|\$?\d[\d,.]*|a\s+(?:payment|transfer|wire))\b[^.?!]{0,40}\b(?:wrong|"
        r"incorrect)\s+(?:account|person|number)",
    ))

    def check(self, subject: RailInput) -> Verdict:
        if subject.stage is Stage.REQUEST:
            text = normalize(subject.text).text
            if GENERAL_QUESTION.search(text) or not FIRST_PERSON.search(text):
                return self.passed(subject, "The message asks how a process works in general; "
                                            "it reports no dispute of the customer's own.")
            return super().check(subject)
        # Reply stage: judge the customer's request, then whether the reply routes it.
        request = RailInput(subject.user_text, Stage.REQUEST)
        if not subject.user_text or self.check(request).passed:
            return self.passed(subject, "The customer's message reports no dispute, error, fraud "
                                        "or complaint.")
        if ROUTING_LANGUAGE.search(subject.text):
            return self.passed(subject, "The reply offers the dispute or complaint process.")
        return self.violation(
            subject,
            "The customer reports a dispute, error, fraud or complaint and the reply answers with "
            "generic content instead of the formal process or a hand-off, which FIN-18 forbids.",
            action=Action.BLOCK,
        )
