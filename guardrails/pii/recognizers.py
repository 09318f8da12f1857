"""Finance recognizers that Presidio lacks or gets wrong out of the box.

Measured failure modes on finance text: account numbers tagged DATE_TIME,
ABA routing numbers missed, street addresses leaking, order numbers and
tickers over-redacted. Each recognizer pairs a pattern with context words and,
where the identifier has one, a checksum, so look-alikes are left alone.
"""

from __future__ import annotations

import re

from presidio_analyzer import EntityRecognizer, Pattern, PatternRecognizer, RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts

from guardrails.pii.checksums import aba_routing_valid, luhn_valid, ssn_plausible


class AbaRoutingRecognizer(PatternRecognizer):
    """Nine digits passing the ABA checksum; context words lift the score."""

    def __init__(self) -> None:
        super().__init__(
            supported_entity="ABA_ROUTING_NUMBER",
            name="AbaRoutingRecognizer",
            patterns=[Pattern("aba", r"(?<![\d-])\d{9}(?![\d-])", 0.6)],
            context=["routing", "route", "aba", "rtn", "transit", "wire", "ach", "direct deposit"],
        )

    def validate_result(self, pattern_text: str) -> bool | None:
        # None keeps the pattern score (True would force 1.0 even without context).
        return None if aba_routing_valid(pattern_text) else False


class BankAccountRecognizer(PatternRecognizer):
    """Account numbers: 8-17 digits, recognised only with account context."""

    def __init__(self) -> None:
        super().__init__(
            supported_entity="US_BANK_NUMBER",
            name="BankAccountRecognizer",
            patterns=[Pattern("account", r"(?<![\d.,$-])\d{8,17}(?![\d%.,]\d)", 0.2)],
            # spaCy lemmatises "savings" to "saving"; Presidio matches context by lemma.
            context=["account", "acct", "a/c", "checking", "savings", "saving", "deposit",
                     "iban", "bank", "joint"],
        )


class LabelledCardRecognizer(PatternRecognizer):
    """Card numbers with separators Presidio's recognizer skips; Luhn-checked."""

    def __init__(self) -> None:
        super().__init__(
            supported_entity="CREDIT_CARD",
            name="LabelledCardRecognizer",
            patterns=[Pattern("card", r"(?<!\d)(?:\d[ -]?){12,18}\d(?!\d)", 0.6)],
            context=["card", "visa", "mastercard", "amex", "credit", "debit"],
        )

    def validate_result(self, pattern_text: str) -> bool | None:
        return None if luhn_valid(pattern_text) else False


class SsnRecognizer(PatternRecognizer):
    """SSNs in dashed, spaced or bare form; bare nine digits need context."""

    def __init__(self) -> None:
        super().__init__(
            supported_entity="US_SSN",
            name="FinanceSsnRecognizer",
            patterns=[
                Pattern("ssn-separated", r"(?<![\d-])\d{3}[- ]\d{2}[- ]\d{4}(?![\d-])", 0.55),
                Pattern("ssn-bare", r"(?<![\d-])\d{9}(?![\d-])", 0.1),
            ],
            context=["ssn", "social security", "social", "ss#", "taxpayer"],
        )

    def validate_result(self, pattern_text: str) -> bool | None:
        return None if ssn_plausible(pattern_text) else False


class BrokerageAccountRecognizer(PatternRecognizer):
    """The firm's brokerage ids; the patterns are configurable per firm."""

    def __init__(self, patterns: list[str] | None = None) -> None:
        expressions = patterns or [r"\bLKB-?\d{8}\b"]
        super().__init__(
            supported_entity="BROKERAGE_ACCOUNT",
            name="BrokerageAccountRecognizer",
            patterns=[Pattern(f"brokerage-{i}", expr, 0.85) for i, expr in enumerate(expressions)]
            # Other brokers' ids (two letters, six digits) count only beside "brokerage".
            + [Pattern("brokerage-generic", r"\b[A-Z]{2}\d{6}\b", 0.3)],
            context=["brokerage", "portfolio", "investment", "ira"],
        )


STREET_TYPES = (
    r"street|st|avenue|ave|road|rd|boulevard|blvd|lane|ln|drive|dr|court|ct|place|pl|"
    r"terrace|ter|circle|cir|parkway|pkwy|highway|hwy|way|square|sq|trail|trl|alley"
)


class StreetAddressRecognizer(PatternRecognizer):
    """US street addresses: number, capitalised street name, type, optional unit, city, ZIP."""

    def __init__(self) -> None:
        street = (
            r"\b\d{1,6}\s+(?:[NSEW]\.?\s+)?(?:[A-Z][A-Za-z'\-]+\s+){1,3}"
            rf"(?:(?i:{STREET_TYPES}))\b\.?"
            r"(?:,?\s+(?:(?i:apt|apartment|unit|suite|ste)\.?|#)\s*[\w-]+)?"
            r"(?:,\s*[A-Z][A-Za-z .]+,\s*[A-Z]{2}(?:\s+\d{5}(?:-\d{4})?)?)?"
        )
        po_box = r"\b(?i:p\.?\s?o\.?\s+box)\s+\d{1,7}\b"
        zip_line = r"\b[A-Z][a-z]+(?:\s[A-Z][a-z]+)?,\s*[A-Z]{2}\s+\d{5}(?:-\d{4})?\b"
        super().__init__(
            supported_entity="STREET_ADDRESS",
            name="StreetAddressRecognizer",
            patterns=[
                Pattern("street", street, 0.65),
                Pattern("po-box", po_box, 0.6),
                Pattern("city-state-zip", zip_line, 0.6),
            ],
            context=["address", "live", "lives", "living", "moved", "mail", "ship", "reside"],
        )


class DateOfBirthRecognizer(PatternRecognizer):
    """Dates are PII only as birth dates; the pattern scores low until context says so.

    spaCy lemmatises "born" to "bear", and Presidio matches context by lemma.
    """

    def __init__(self) -> None:
        months = (
            r"(?i:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|"
            r"aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
        )
        super().__init__(
            supported_entity="DATE_OF_BIRTH",
            name="DateOfBirthRecognizer",
            patterns=[
                Pattern("numeric", r"\b\d{1,2}[/.-]\d{1,2}[/.-](?:19|20)?\d{2}\b", 0.2),
                Pattern("iso", r"\b(?:19|20)\d{2}-\d{2}-\d{2}\b", 0.2),
                Pattern("words",
                        rf"\b{months}\.?\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+(?:19|20)\d{{2}}\b",
                        0.2),
                Pattern("words-dmy",
                        rf"\b\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{months}\.?,?\s+"
                        r"(?:19|20)\d{2}\b",
                        0.2),
            ],
            context=["born", "bear", "birth", "dob", "birthday", "d.o.b", "birthdate"],
        )


class EthereumAddressRecognizer(PatternRecognizer):
    def __init__(self) -> None:
        super().__init__(
            supported_entity="CRYPTO",
            name="EthereumAddressRecognizer",
            patterns=[Pattern("eth", r"\b0x[a-fA-F0-9]{40}\b", 0.8)],
            context=["wallet", "eth", "ethereum", "address", "crypto"],
        )


class ContactPhoneRecognizer(PatternRecognizer):
    """Phone numbers in written formats, including ranges libphonenumber rejects
    (e.g. 555-01xx); separators are required so bare account numbers are not taken."""

    def __init__(self) -> None:
        extension = r"(?:\s*(?:ext\.?|x|extension)\s*\d{1,5})?"
        super().__init__(
            supported_entity="PHONE_NUMBER",
            name="ContactPhoneRecognizer",
            patterns=[
                Pattern("nanp", r"(?<![\w-])(?:\+?1[\s.-]?)?\(?\d{3}\)?[\s.-]\d{3}[\s.-]\d{4}"
                        + extension + r"(?![\w-])", 0.5),
                Pattern("uk-mobile", r"(?<![\w-])(?:\+44\s?7\d{3}|07\d{3})\s?\d{3}\s?\d{3}(?!\d)",
                        0.6),
                Pattern("international", r"(?<![\w-])\+\d{1,3}(?:[\s.-]?\(?\d{1,4}\)?){2,5}"
                        + extension + r"(?![\w-])", 0.5),
            ],
            context=["call", "phone", "cell", "mobile", "text", "reach", "contact", "tel",
                     "number", "fax", "whatsapp", "landline"],
        )


class CuedNameRecognizer(EntityRecognizer):
    """Names right after words that introduce a person ("payee", "my wife", "cardholder").

    spaCy's small model misses many names, above all non-English ones; a
    capitalised two-to-four-word span after such a cue is a name in this domain.
    """

    CUES = (r"(?:my\s+name\s+is|name\s+is|i'?m|i\s+am|this\s+is|cardholder|card\s*holder|"
            r"account\s*holder|payee(?:\s+for)?|beneficiary(?:\s+is)?|co-?signer|"
            r"(?:my|our|his|her)\s+(?:wife|husband|son|daughter|mother|mom|father|dad|"
            r"brother|sister|partner|spouse|friend|colleague|boss|landlord|tenant|aunt|uncle|"
            r"grandmother|grandfather|niece|nephew|cousin|fianc[ée]e?)|with|for|from|to|by|"
            r"mr\.?|mrs\.?|ms\.?|dr\.?|contact:?|name:|customer:?|signed,?|regards,?|thanks,?|"
            r"-|/)")
    NAME = r"(?P<name>[A-Z][a-z'\u00C0-\u017F]+(?:[- ][A-Z][a-z'\u00C0-\u017F]+){1,3})"

    def __init__(self) -> None:
        super().__init__(supported_entities=["PERSON"], name="CuedNameRecognizer",
                         supported_language="en")
        self.pattern = re.compile(rf"(?:^|(?<=\W))(?i:{self.CUES})\s+{self.NAME}\b")
        self.start_of_text = re.compile(rf"^\s*{self.NAME}\s*(?:[/,|-]|$)")

    def load(self) -> None:
        return None

    def analyze(self, text: str, entities: list[str],
                nlp_artifacts: NlpArtifacts | None = None) -> list[RecognizerResult]:
        results = []
        for pattern in (self.pattern, self.start_of_text):
            for match in pattern.finditer(text):
                start, end = match.span("name")
                results.append(RecognizerResult("PERSON", start, end, 0.6))
        return results


def finance_recognizers(brokerage_patterns: list[str] | None = None) -> list[EntityRecognizer]:
    return [
        AbaRoutingRecognizer(),
        BankAccountRecognizer(),
        LabelledCardRecognizer(),
        SsnRecognizer(),
        BrokerageAccountRecognizer(brokerage_patterns),
        StreetAddressRecognizer(),
        DateOfBirthRecognizer(),
        EthereumAddressRecognizer(),
        ContactPhoneRecognizer(),
        CuedNameRecognizer(),
    ]
