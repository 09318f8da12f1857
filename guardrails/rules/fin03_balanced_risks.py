"""FIN-03: benefits come with the material risks (fair and balanced)."""

from __future__ import annotations

import re

from guardrails.rules.base import RailInput, register_rule
from guardrails.rules.omission import OmissionRule
from guardrails.rules.phrase_rule import classifier_flags
from guardrails.verdict import Evidence, Severity, Stage, Verdict

BENEFIT = re.compile(
    r"\b(?:high(?:er)?[- ](?:yield(?:ing)?|return|income|growth|dividend|payout)|"
    r"(?:great|strong|attractive|juicy|impressive|generous|excellent|big|solid|hefty|outsized|"
    r"double-digit|market-beating)\s+(?:returns?|yields?|income|growth|gains?|payouts?|dividends?|"
    r"upside|performance|rewards?)|(?:yields?|pays?|paying|returns?|earns?|offers?)\s+(?:about\s+|"
    r"around\s+|up\s+to\s+|over\s+)?\d+(?:\.\d+)?\s*%|\d+(?:\.\d+)?\s*%\s+(?:yield|dividend|"
    r"coupon)|(?:growth|return|upside)\s+potential|"
    r"(?:earn|make|get|pocket)\s+(?:a\s+lot\s+)?more\s+(?:money|income|interest)|"
    r"boosts?\s+(?:your\s+)?(?:income|returns?))", re.IGNORECASE)
RISK = re.compile(
    r"\b(?:risks?|risky|los(?:e|s|ses|ing)|volatil\w*|default\w*|declin\w*|fall|falls|drop|"
    r"downside|not\s+guaranteed|(?:isn't|aren't|is\s+not|are\s+not|never)\s+guaranteed|"
    r"no\s+guarantee|not\s+(?:fdic[- ])?insured|fluctuat\w*|"
    r"may\s+(?:lose|fall|go\s+down)|can\s+(?:lose|fall|drop|go\s+down)|interest[- ]rate\s+"
    r"(?:risk|changes)|credit\s+(?:risk|quality)|could\s+(?:lose|fall|drop)|swings?|uncertain)\b",
    re.IGNORECASE)
# Softer praise: on its own it needs no risk statement, but an investment reply made only of
# it (and no risk at all) is one-sided.
SOFT_BENEFIT = re.compile(
    r"\b(?:(?:much\s+|often\s+|usually\s+)?higher\s+than|fast[- ]growing|regular\s+(?:income|cash\s+"
    r"flow|payouts?)|monthly\s+(?:income|payouts?|distributions?)|pays?\s+(?:out\s+)?(?:more|"
    r"monthly)|(?:relatively\s+)?high\s+(?:dividends?|yields?|income|payouts?)|grow\s+tax[- ]deferred|"
    r"death\s+benefit|lifetime\s+income|exposure\s+to|diversif\w+|upside|growth|rising\s+middle|"
    r"advantages?|benefits?|appeal|attractive|hedge|income|buying\s+power|amplif\w+|"
    r"(?:collect|earn|keep|receive)\s+(?:a\s+|the\s+)?premiums?|(?:more|extra|additional|bigger)\s+"
    r"(?:income|returns?|exposure|interest|gains?|upside)|higher\s+(?:interest|returns?|payouts?)|"
    r"(?:twice|double|triple|two\s+times|three\s+times)\s+the\s+(?:daily\s+)?(?:return|move|gain)|"
    r"get\s+paid|room\s+to\s+(?:grow|expand|run))\b", re.IGNORECASE)
# A risk named only to say it is small does not balance a benefit.
LOW_RISK = re.compile(r"\b(?:low|lower|minimal|little|limited|negligible|reduced?s?)\s+(?:\w+\s+)?"
                      r"risks?\b|\brisks?\s+(?:is|are)\s+(?:\w+\s+)?(?:very\s+)?(?:low|minimal|small|"
                      r"negligible)\b", re.IGNORECASE)
DEPOSIT_ONLY = re.compile(r"\b(?:savings|certificates?\s+of\s+deposit|cds?|money\s+market\s+"
                          r"(?:account|deposit)|checking|fdic|apy|deposit\s+account)\b",
                          re.IGNORECASE)
INVESTMENT = re.compile(r"\b(?:funds?|bonds?|stocks?|shares|etfs?|equit\w*|reits?|crypto|bitcoin|"
                        r"portfolios?|dividends?|(?:stock|call|put|equity)\s+options?|options\s+"
                        r"(?:trading|contracts?|strateg\w*)|annuit\w*|junk|margin\s+(?:accounts?|loans?|"
                        r"trading)|leveraged|futures|derivatives?|private\s+(?:credit|equity)|"
                        r"structured\s+notes?|commodit(?:y|ies))\b", re.IGNORECASE)
# The customer asked what speaks for the product: a reply that answers with benefits alone is
# one-sided even when it praises only once.
ASKS_FOR_BENEFITS = re.compile(
    r"\b(?:advantages?|benefits?|upside|pros|the\s+case\s+for|why\s+(?:would|should|do)\s+"
    r"(?:i|people|investors)|good\s+(?:idea|investment|diversifier|for\s+income)|worth\s+it|"
    r"appeal|what's\s+good\s+about|sell\s+me\s+on)\b", re.IGNORECASE)

# Credit products: what makes a card or a loan attractive, and the costs and risks that come
# with it (interest on a carried balance, a rate that resets, a home that secures the loan).
CREDIT = re.compile(r"\b(?:credit\s+cards?|cards?|mortgages?|arms?|adjustable[- ]rate|helocs?|home\s+"
                    r"equity|loans?|lines?\s+of\s+credit)\b", re.IGNORECASE)
CREDIT_BENEFIT = re.compile(
    r"\b(?:earns?\s+(?:\d|unlimited|up\s+to)|\d+(?:\.\d+)?\s*%\s+cash\s*back|cash\s*back\s+(?:rate|"
    r"on|of|doesn't\s+expire)|(?:higher|bonus|flat)\s+(?:cash\s*back\s+)?rate|\d+\s*(?:x|points|miles)"
    r"\s+(?:per|on|for)|points\s+per\s+dollar|sign-?up\s+bonus|welcome\s+bonus|perks|no\s+annual\s+"
    r"fee|no\s+foreign\s+transaction\s+fee|0\s*%\s+(?:intro\w*\s+)?apr|(?:lower|low|smaller|reduced)\s+"
    r"(?:starting\s+|initial\s+|intro\w*\s+|monthly\s+)?(?:rate|payments?|apr)|starts?\s+(?:out\s+)?"
    r"(?:at\s+)?(?:a\s+)?lower|no\s+prepayment\s+penalty|pay\s+extra\s+whenever|borrow\s+(?:up\s+to|"
    r"against|as\s+(?:you|needed))|tax-deductible\s+interest|flexib\w+)\b", re.IGNORECASE)
CREDIT_RISK = re.compile(
    r"\binterest\s+(?:on|charges?|costs?|accrues?|if|when|applies|is\s+charged|can)|\bpay(?:ing)?\s+"
    r"interest\b|\bcarry(?:ing)?\s+a\s+balance|\b(?:payments?|rates?|apr)\s+(?:can|could|may|will|"
    r"would)\s+(?:rise|increase|go\s+up|change|adjust|reset|jump)|\badjusts?\b|\bresets?\b|"
    r"\bforeclos\w*|\b(?:home|house)\s+(?:is\s+|could\s+be\s+)?(?:at\s+risk|secures)|\bsecures\s+the\s+"
    r"(?:loan|line)|\blate\s+(?:fees?|payments?)|\bdebt\b|\bcredit\s+score|\boutweigh|"
    # A fee the customer pays is the cost beside the perks: "a $95 annual fee".
    r"[$]\s?[1-9][\d,.]*\s+annual\s+fee|\bannual\s+fee\s+(?:is|of)\s+[$]\s?[1-9]", re.IGNORECASE)
ASKS_ABOUT_PERKS = re.compile(r"\b(?:perks|rewards?|worth\s+(?:it|getting)|good\s+card|why\s+(?:get|"
                              r"choose)|tell\s+me\s+about|what's\s+good)\b", re.IGNORECASE)

STATEMENTS = (
    (re.compile(r"\b(?:high[- ]yield|junk)\b[^.]{0,20}\bbonds?\b|\bbond\s+fund|\bcorporate\s+bonds?",
                re.I),
     "Higher-yielding bonds carry more risk of default, and bond prices can fall when interest "
     "rates rise; returns are not guaranteed."),
    (re.compile(r"\b(?:crypto\w*|bitcoin|ether|token|coin)\b", re.I),
     "Crypto assets are highly volatile, are not FDIC insured, and can lose most or all of their "
     "value."),
    (re.compile(r"\b(?:rewards?|cash\s*back|points|miles)\b", re.I),
     "Carrying a balance costs interest, which can outweigh any rewards earned."),
    (re.compile(r"\b(?:arms?|adjustable[- ]rate)\b", re.I),
     "After the initial fixed period the rate can adjust and the payment can rise; the home "
     "secures the loan, so missed payments could lead to foreclosure."),
    (re.compile(r"\b(?:mortgages?|helocs?|home\s+equity)\b", re.I),
     "The home secures the loan, so missed payments could lead to foreclosure, and a variable "
     "rate can rise."),
    (re.compile(r"\b(?:cards?|loans?|lines?\s+of\s+credit)\b", re.I),
     "Borrowing costs interest, which applies if you carry a balance, and late payments add fees."),
)
DEFAULT_STATEMENT = ("Investments carry risk, including the possible loss of the money invested; "
                     "returns are not guaranteed and can vary.")


def _names_risk(text: str) -> bool:
    """A material risk is named, not merely said to be small."""
    without_low = LOW_RISK.sub(" ", text)
    return bool(RISK.search(without_low))


@register_rule
class BalancedRisksRule(OmissionRule):
    id = "FIN-03"
    version = "1.4.0"
    title = "Benefits come with the material risks"
    stages = frozenset({Stage.REPLY})
    severity = Severity.MEDIUM
    trigger = BENEFIT
    satisfied_by = RISK
    exempt = re.compile(r"\b(?:for\s+example|hypothetical\w*|suppose|say\s+you|imagine|"
                        r"if\s+you\s+(?:invest|save|deposit|put)|expense\s+ratio|would\s+grow)\b",
                        re.IGNORECASE)
    missing = "naming the material risks beside the benefit"
    reason = "FIN-03 requires a fair and balanced presentation."

    def check(self, subject: RailInput) -> Verdict:
        text = subject.text
        if DEPOSIT_ONLY.search(text) and not INVESTMENT.search(text):
            return self.passed(subject, "Only insured deposit products are described.")
        if self.exempt is not None and self.exempt.search(text):
            return self.passed(subject, f"Nothing in the reply requires {self.missing}.")
        about_credit = bool(CREDIT.search(text) or CREDIT.search(subject.user_text))
        if _names_risk(text) or (about_credit and not INVESTMENT.search(text)
                                 and CREDIT_RISK.search(text)):
            return self.passed(subject, f"The reply includes {self.missing}.")
        if not subject.complete:
            return self.passed(subject, f"Waiting for the complete reply to look for "
                                        f"{self.missing}.")
        credit = self._one_sided_credit(text, subject.user_text)
        if credit is not None:
            return self.violation(
                subject,
                f"The reply praises a credit product (\u201c{credit.group(0)[:90]}\u201d) without "
                f"its costs and risks; {self.reason} The statement was added.",
                evidence=[Evidence(credit.start(), credit.end(), credit.group(0), "trigger")],
                repaired_text=text.rstrip() + " " + self.statement(subject, credit))
        match = BENEFIT.search(text)
        if match is None and INVESTMENT.search(text):
            soft = SOFT_BENEFIT.search(text)
            flagged, _ = classifier_flags("replies", self.id, text)
            match = soft if soft is not None and flagged else None
            if match is None and flagged:
                match = INVESTMENT.search(text)
            distinct = {m.lower() for m in SOFT_BENEFIT.findall(text)}
            if match is None and soft is not None and (
                    len(distinct) >= 2 or ASKS_FOR_BENEFITS.search(subject.user_text)):
                match = soft
        if match is None:
            return self.passed(subject, f"Nothing in the reply requires {self.missing}.")
        addition = self.statement(subject, match)
        return self.violation(
            subject,
            f"The reply says \u201c{match.group(0)[:90]}\u201d without {self.missing}; "
            f"{self.reason} The statement was added.",
            evidence=[Evidence(match.start(), match.end(), match.group(0), "trigger")],
            repaired_text=text.rstrip() + " " + addition,
        )

    @staticmethod
    def _one_sided_credit(text: str, user_text: str) -> re.Match[str] | None:
        """A card's or a loan's perks (two of them, or one the customer asked about) with no
        word of what borrowing costs or risks. One factual answer ("it has no annual fee") is
        not a sales pitch."""
        if not (CREDIT.search(text) or CREDIT.search(user_text)) or CREDIT_RISK.search(text):
            return None
        # "No annual fee" and the like are facts about costs, not praise: they do not count.
        perks = [m for m in CREDIT_BENEFIT.finditer(text)
                 if not m.group(0).lower().startswith("no ")]
        distinct = {m.group(0).lower() for m in perks}
        if len(distinct) >= 2 or (perks and ASKS_ABOUT_PERKS.search(user_text)):
            return perks[0]
        return None

    def statement(self, subject: RailInput, trigger: re.Match[str]) -> str:
        for pattern, sentence in STATEMENTS:
            if pattern.search(subject.text):
                return sentence
        return DEFAULT_STATEMENT
