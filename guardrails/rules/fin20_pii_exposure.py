"""FIN-20: no full account, card or identity numbers in prompts or replies.

This is the second line of defence after Presidio redaction: a fast,
independent scan of the exact text that is about to reach the model or the
customer. It masks what it finds (keeping the last four digits, which the
policy allows) so the conversation can go on, and records only masked evidence.
"""

from __future__ import annotations

import re

from guardrails.pii.checksums import (
    aba_routing_valid,
    digits_only,
    iban_valid,
    luhn_valid,
    ssn_plausible,
)
from guardrails.rules.base import RailInput, Rule, register_rule
from guardrails.verdict import Action, Evidence, Severity, Stage, Verdict

DETECTORS: tuple[tuple[str, re.Pattern[str]], ...] = (
    # A full stop after the last digit ends the sentence; only a decimal point (". 5") continues
    # a number.
    ("card number", re.compile(r"(?<!\d)(?<!\d[.,])(?:\d[ -]?){12,18}\d(?!\d|[.,]\d)")),
    ("SSN", re.compile(r"(?<![\d-])\d{3}-\d{2}-\d{4}(?![\d-])")),
    ("IBAN", re.compile(r"\b[A-Z]{2}\d{2}(?:[ ]?[A-Z0-9]{4}){2,7}(?:[ ]?[A-Z0-9]{1,4})?\b")),
    ("account number", re.compile(r"(?<![\d.,$€£-])\d{8,17}(?![\d%]|[.,]\d)")),
    # Written in groups ("7730 0215 4418") only when named as an account or card number: grouped
    # digits alone are too often phone or reference numbers.
    ("account number", re.compile(r"(?<![\d.,$€£-])\d{2,6}(?:[ -]\d{2,6}){1,4}(?![\d%]|[.,]\d)")),
    ("email address", re.compile(r"\b[\w.+-]+@[\w-]+\.[\w.-]+\b")),
)


def mask(value: str) -> str:
    digits = digits_only(value)
    if len(digits) >= 8:
        return "****" + digits[-4:]
    return "[redacted]"


NAMED_NUMBER = re.compile(r"\b(?:account|acct|card|routing|member|customer|policy|loan)\b"
                          r"[^.?!\d]{0,25}$", re.IGNORECASE)
# Numbers that identify a case, a message, a security or the firm, not a person: a case or
# confirmation reference, a phone line, a CUSIP, the firm's NMLS or FDIC certificate number.
NOT_PERSONAL = re.compile(
    r"\b(?:case|reference|ref|confirmation|conf|ticket|claim|tracking|order|dispute|complaint|"
    r"cusip|isin|figi|sedol|nmls|fdic\s+cert(?:ificate)?|license|licence|registration|crd|"
    r"sec\s+file|phone|tel|telephone|call|fax|toll[- ]free|hotline|"
    r"(?:phone|fraud|help|support|service)\s+line)"
    # Only the label itself may stand between it and the number: "case reference is 4821...",
    # "call 800...", "confirmation number: 2026...". "dispute on account 4417..." names an account.
    r"(?:\s+(?:no\.?|number|#|id|code|reference))?\s*(?:(?:is|was|at|on)\s+)?[:#]?\s*$",
    re.IGNORECASE)
# A number labelled as an identifier right before it ("account number: 2019-2031") is one, even
# in the shape of a date.
LABELLED = re.compile(r"\b(?:account|acct|card|policy|loan|member)\s+(?:number|no\.?|#)\s*"
                      r"(?:(?:is|was)\s+)?[:#]?\s*$", re.IGNORECASE)
# Dates and year ranges written with dashes or spaces ("2026-11-20", "11-20-2026",
# "1999-2009") have the shape of grouped digits.
DATE_LIKE = re.compile(r"(?:19|20)\d\d[ -](?:0?[1-9]|1[0-2])[ -](?:0?[1-9]|[12]\d|3[01])|"
                       r"(?:0?[1-9]|1[0-2])[ -](?:0?[1-9]|[12]\d|3[01])[ -](?:19|20)\d\d|"
                       r"(?:19|20)\d\d[ -](?:19|20)\d\d")
# A routing number names a bank, not a person (it is printed on every cheque); only a valid one
# right after its label counts as one.
ROUTING = re.compile(r"\b(?:routing|aba|transit)\b(?:\s+(?:no\.?|number|#))?\s*(?:(?:is|was)\s+)?"
                     r"[:#]?\s*$", re.IGNORECASE)


# A card number the model echoes or invents is exposed even when it fails the Luhn check (a
# mistyped number is still the customer's): named as a card just before, it counts.
CARD_CONTEXT = re.compile(r"\b(?:card|visa|mastercard|amex|american\s+express|discover|debit|credit|"
                          r"pan)\b[^.?!]{0,40}$", re.IGNORECASE)


def _is_sensitive(kind: str, value: str, before: str = "") -> bool:
    if kind == "card number":
        return luhn_valid(value) or (13 <= len(digits_only(value)) <= 19
                                     and bool(CARD_CONTEXT.search(before)))
    if kind == "SSN":
        # The SSN's shape is an identity number whatever its area: ITINs start with 9 and a
        # number outside the issued ranges is still presented as someone's.
        return ssn_plausible(value) or not NOT_PERSONAL.search(before)
    if kind == "IBAN":
        return iban_valid(value)
    if kind == "account number":
        # Years, amounts and dates are shorter; 8+ bare digits in a reply are an identifier
        # unless named as a case reference, a phone line or the like, or as a bank's routing
        # number. Grouped digits count only when the words just before them name an account,
        # card or routing number.
        if NOT_PERSONAL.search(before) or (ROUTING.search(before) and aba_routing_valid(value)):
            return False
        if DATE_LIKE.fullmatch(value) and not LABELLED.search(before):
            return False
        return value.isdigit() or (len(digits_only(value)) >= 8
                                   and bool(NAMED_NUMBER.search(before)))
    return True


def find_exposures(text: str) -> list[Evidence]:
    found: list[Evidence] = []
    taken: list[tuple[int, int]] = []
    for kind, pattern in DETECTORS:
        for match in pattern.finditer(text):
            start, end = match.span()
            if any(start < t_end and end > t_start for t_start, t_end in taken):
                continue
            if not _is_sensitive(kind, match.group(0), text[max(0, start - 60):start]):
                continue
            taken.append((start, end))
            found.append(Evidence(start, end, mask(match.group(0)), kind))
    return sorted(found, key=lambda item: item.start)


@register_rule
class PiiExposureRule(Rule):
    id = "FIN-20"
    version = "1.1.0"
    title = "PII minimisation: no full identifiers in prompts or replies"
    stages = frozenset({Stage.PROMPT, Stage.REPLY})
    severity = Severity.CRITICAL
    on_fail = Action.REWRITE

    def check(self, subject: RailInput) -> Verdict:
        exposures = find_exposures(subject.text)
        if not exposures:
            return self.passed(subject, "No full account, card, SSN, IBAN or e-mail value found.")
        repaired = subject.text
        for item in sorted(exposures, key=lambda e: e.start, reverse=True):
            repaired = repaired[: item.start] + item.text + repaired[item.end :]
        kinds = sorted({item.label for item in exposures})
        where = "prompt to the model" if subject.stage is Stage.PROMPT else "reply"
        return self.violation(
            subject,
            f"The {where} contained a full {', '.join(kinds)}; FIN-20 allows at most the last "
            "four digits, so the value was masked before use.",
            evidence=exposures,
            repaired_text=repaired,
        )
