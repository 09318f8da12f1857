"""FIN-17: accurate tax and legal wording; no individual tax or legal advice.

The most common inaccuracy has an exact repair: the growth of a traditional
401(k) or IRA is tax-deferred, not tax-free. Other inaccurate or individual
statements are removed and the reply points to a tax professional.
"""

from __future__ import annotations

import re

from guardrails.rules.base import RailInput, register_rule
from guardrails.rules.patterns import compile_all
from guardrails.rules.phrase_rule import PhraseRule
from guardrails.verdict import Action, Severity, Stage, Verdict

DEFERRED_ACCOUNTS = (r"(?:traditional\s+(?:ira|401\s?\(?k\)?)|401\s?\(?k\)?|403\s?\(?b\)?|457\s?"
                     r"\(?b\)?|sep\s+ira|simple\s+ira|pre-?tax\s+(?:account|contributions?)|"
                     r"annuit(?:y|ies)|ira)")
TAX_FREE_CLAIM = re.compile(
    rf"(?<!roth\s)(?P<account>\b{DEFERRED_ACCOUNTS}\b)(?![^.?!]*\broth\b)(?P<middle>[^.?!]{{0,40}}?)"
    r"\btax[- ]free\b", re.I)
REFERRAL = " A tax professional can advise on your situation."


@register_rule
class TaxLegalWordingRule(PhraseRule):
    id = "FIN-17"
    version = "1.2.0"
    title = "Accurate tax and legal wording; no individual tax or legal advice"
    stages = frozenset({Stage.REPLY})
    severity = Severity.MEDIUM
    on_fail = Action.REWRITE
    repair = "drop_sentence"
    finding = "inaccurate tax wording or individual tax or legal advice"
    reason = "FIN-17 requires accurate terms and a referral to a professional for the situation."
    negatable = False
    classifier_exempt = re.compile(r"\b(?:tax\s+(?:professional|advis[eo]r|preparer)|cpa|"
                                   r"accountant|attorney|lawyer|depends\s+on\s+(?:your|the)\s+"
                                   r"(?:situation|circumstances)|tax[- ]deferred|already\s+paid\s+tax|"
                                   r"(?:until|when)\s+(?:you\s+)?withdraw\w*|taxed\s+as\s+ordinary"
                                   r"\s+income|qualif(?:ied|ying)\s+(?:roth\s+)?(?:withdrawals|distributions)|"
                                   r"(?:may|might|can|could)\s+(?:also\s+)?(?:be\s+)?(?:taxable|taxed|subject\s+"
                                   r"to\s+tax))\b", re.I)
    patterns = compile_all((
        r"\byou\s+(?:won't|will\s+not|don't|do\s+not|never)\s+(?:have\s+to\s+)?(?:owe|pay)\s+"
        r"(?:any\s+)?(?:tax(?:es)?|the\s+irs)\b(?![^.?!]{0,30}\b(?:each\s+year|every\s+year|"
        r"annually|until|as\s+it\s+grows|along\s+the\s+way|now|yet)\b)",
        # Common misstatements of US tax rules.
        r"\btax[- ]free\s+(?:whatever|no\s+matter\s+(?:what|how)|for\s+any\s+(?:purpose|reason|"
        r"expense))\b|\bwhatever\s+you\s+spend\s+(?:it|them)\s+on\b",
        r"\b(?:exempt|free)\s+from\s+(?:every|all|any)\s+(?:kind\s+of\s+|type\s+of\s+)?tax(?:es)?\b",
        r"\bshort[- ]term\s+(?:capital\s+)?gains?\b[^.?!]{0,50}\b(?:same|identical)\b[^.?!]{0,20}"
        r"\b(?:as|like)\s+long[- ]term\b|\bholding\s+period\s+(?:doesn't|does\s+not)\s+matter\b",
        r"\bwash[- ]sale\b[^.?!]{0,80}\b(?:within\s+(?:a|one|two)\s+weeks?|(?:[1-9]|1\d|2\d|one|two|"
        r"three|five|seven|eight|ten|fourteen|fifteen)\s+days?)\b",
        r"\bgifts?\b[^.?!]{0,60}\b(?:taxed\s+immediately|immediately\s+taxed|taxed\s+right\s+away)\b|"
        r"\b(?:recipient|receiver)\s+(?:always\s+)?(?:pays|must\s+pay|owes)\s+(?:the\s+)?gift\s+tax\b",
        r"\bnever\s+(?:get|gets|are|is|be)\s+taxed\b",
        r"\bconversions?\b[^.?!]{0,40}\b(?:doesn't|does\s+not|won't|will\s+not|never)\s+(?:trigger|"
        r"create|cause|result\s+in|generate)\s+(?:any\s+)?tax",
        r"\broth\s+(?:ira\s+)?contributions?\b[^.?!]{0,30}\b(?:lower|reduce|are\s+deductible|"
        r"(?:are\s+)?tax[- ]deductible)\b",
        r"\b(?:deduct|write\s+off)\s+(?:all|the\s+full\s+amount\s+of|unlimited|any\s+amount\s+of)\s+"
        r"(?:your\s+)?(?:capital\s+)?loss(?:es)?\b[^.?!]{0,30}\b(?:against|from)\s+(?:your\s+)?"
        r"(?:ordinary\s+|regular\s+)?(?:income|salary|wages)",
        r"\b(?:completely|totally|100%|entirely)\s+tax[- ](?:free|exempt)\b",
        r"\b(?:no|zero)\s+tax(?:es)?\s+(?:at\s+all|ever|whatsoever|on\s+(?:it|this|that|any))\b",
        r"\bnever\s+(?:be\s+)?tax(?:ed|able)\b",
        r"\b(?:you\s+should|you\s+need\s+to|you\s+must|i\s+(?:recommend|suggest)\s+(?:you|that\s+"
        r"you)?|make\s+sure\s+(?:you|to))\s+(?:\w+\s+)?(?:convert|deduct|claim|write\s+off|file|"
        r"itemi[sz]e|roll\s+over|set\s+up\s+(?:an?\s+)?(?:llc|trust)|amend|harvest)\b",
        r"\b(?:in\s+your\s+(?:case|situation)|for\s+you(?:\s+specifically|,\s+yes|,\s+no)|given\s+your\s+"
        r"(?:income|situation))\b"
        r"[^.?!]{0,40}\b(?:deduct\w*|tax[- ](?:free|deductible)|write[- ]off|convert\w*|owe|form\s+an?|"
        r"set\s+up\s+an?|elect\w*|s-?corp|llc|file\s+(?:as|jointly|separately|the)|claim\s+(?:the|"
        r"him|her|them|it)|(?:cut|lower|reduce|save)\s+(?:on\s+)?(?:your\s+)?(?:\w+[- ])?tax\w*)\b",
        # Non-medical HSA withdrawals are never tax-free (income tax, plus a penalty before 65).
        r"\bnon-?medical\s+(?:withdrawals?|distributions?|expenses?|spending|use)\b[^.?!]{0,40}"
        r"\b(?:tax[- ]free|untaxed|not\s+taxed)\b",
        r"\b(?:is|are)\s+(?:always|definitely|fully)\s+(?:tax[- ]deductible|deductible|a\s+write"
        r"[- ]off)\b",
        r"\b(?:legally\s+)?(?:you\s+(?:can|can't)\s+(?:legally\s+)?(?:sue|break\s+the\s+lease|"
        r"ignore\s+the\s+(?:debt|lien)))\b",
    ))

    def check(self, subject: RailInput) -> Verdict:
        if subject.stage is Stage.REPLY:
            match = TAX_FREE_CLAIM.search(subject.text)
            if match and not re.search(r"\bwithdraw|\bdistribution|\brather\s+than\s+tax|"
                                       r"\b(?:not|isn't|never|instead\s+of)\s+tax[- ]free",
                                       match.group(0), re.I):
                repaired = (subject.text[: match.start()] + match.group("account")
                            + match.group("middle") + "tax-deferred" + subject.text[match.end():])
                if REFERRAL.strip() not in repaired:
                    repaired = repaired.rstrip() + REFERRAL
                return self.violation(
                    subject,
                    f"The reply calls {match.group('account')} growth tax-free "
                    f"(\u201c{match.group(0)[:80]}\u201d); it is tax-deferred, so FIN-17's "
                    "accuracy requirement is broken. The wording was corrected.",
                    action=Action.REWRITE, repaired_text=repaired,
                )
        verdict = super().check(subject)
        if verdict.repaired_text and REFERRAL.strip() not in verdict.repaired_text:
            from dataclasses import replace

            verdict = replace(verdict, repaired_text=verdict.repaired_text.rstrip() + REFERRAL)
        return verdict
