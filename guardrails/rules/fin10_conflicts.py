"""FIN-10: conflicts are disclosed when an in-house product is named.

Which products are in-house differs per firm, so the names are parameters.
"""

from __future__ import annotations

import re
from typing import ClassVar

from guardrails.rules.base import RailInput, RuleParams, register_rule
from guardrails.rules.omission import OmissionRule
from guardrails.verdict import Severity, Stage

DISCLOSURE = re.compile(
    r"\b(?:manage[sd]?|runs|advises|sponsors|operate[sd]?|affiliated?|our\s+affiliate)\b[^.?!]{0,60}"
    r"\b(?:fees?|earn\w*|compensat\w*|paid|conflict)|\bconflicts?\s+of\s+interest\b|"
    r"\b(?:earns?|receives?|collects?)\s+(?:management\s+|advisory\s+)?fees\b",
    re.IGNORECASE)


class ConflictParams(RuleParams):
    firm_name: str = "Larkspur"
    in_house_products: tuple[str, ...] = (
        # The sample firm's funds, with or without the firm's name ("the Core Bond Fund").
        r"\b(?:larkspur\s+)?(?:core\s+bond|us\s+equity\s+index|u\.s\.\s+equity\s+index|balanced\s+"
        r"allocation)\s+fund",
        r"\bour\s+(?:own\s+|in-?house\s+|house\s+)?(?:funds?|model\s+portfolios?|portfolios?|etfs?|"
        r"managed\s+accounts?)",
        # "our" and a fund's name: "our Balanced Allocation Fund", "our bond fund".
        r"\bour\s+(?:[\w&.-]+\s+){1,4}(?:funds?|etfs?|portfolios?)\b",
        r"\b(?:in-?house|proprietary)\s+(?:funds?|products?|portfolios?)",
    )


@register_rule
class ConflictDisclosureRule(OmissionRule):
    id = "FIN-10"
    version = "1.0.1"
    title = "Conflicts disclosed when an in-house product is named"
    stages = frozenset({Stage.REPLY})
    severity = Severity.MEDIUM
    satisfied_by = DISCLOSURE
    missing = "the disclosure that the firm manages the product and earns fees from it"
    reason = "FIN-10 requires that conflict to be disclosed whenever an in-house product is named."
    Params: ClassVar[type[RuleParams]] = ConflictParams
    params: ConflictParams

    def __init__(self, **params: object) -> None:
        super().__init__(**params)
        self._products = re.compile("|".join(f"(?:{p})" for p in self.params.in_house_products),
                                    re.IGNORECASE)

    def trigger_pattern(self) -> re.Pattern[str]:
        return self._products

    def statement(self, subject: RailInput, trigger: re.Match[str]) -> str:
        return (f"{self.params.firm_name} manages this fund and earns fees from it, which is a "
                "conflict of interest.")
