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
        if _names_risk(text):
            return self.passed(subject, f"The reply includes {self.missing}.")
        if not subject.complete:
            return self.passed(subject, f"Waiting for the complete reply to look for "
                                        f"{self.missing}.")
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

    def statement(self, subject: RailInput, trigger: re.Match[str]) -> str:
        for pattern, sentence in STATEMENTS:
            if pattern.search(subject.text):
                return sentence
        return DEFAULT_STATEMENT
