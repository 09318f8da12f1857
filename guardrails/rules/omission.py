"""Rules that judge what a reply leaves out, repaired by adding the missing statement.

A reply that praises a yield without its risks, quotes past performance
without the caveat, or names an in-house fund without the conflict is
compliant once the missing sentence is added, so these rules rewrite rather
than block. They wait for the complete reply: a streaming prefix has not
had its chance to say it yet.
"""

from __future__ import annotations

import re
from typing import ClassVar

from guardrails.rules.base import RailInput, Rule
from guardrails.verdict import Action, Evidence, Verdict


class OmissionRule(Rule):
    on_fail = Action.REWRITE
    trigger: ClassVar[re.Pattern[str]]
    satisfied_by: ClassVar[re.Pattern[str]]
    exempt: ClassVar[re.Pattern[str] | None] = None
    missing: ClassVar[str]
    reason: ClassVar[str]

    def statement(self, subject: RailInput, trigger: re.Match[str]) -> str:
        raise NotImplementedError

    def trigger_pattern(self) -> re.Pattern[str]:
        return self.trigger

    def first_trigger(self, text: str) -> re.Match[str] | None:
        return self.trigger_pattern().search(text)

    def check(self, subject: RailInput) -> Verdict:
        match = self.first_trigger(subject.text)
        if match is None or (self.exempt is not None and self.exempt.search(subject.text)):
            return self.passed(subject, f"Nothing in the reply requires {self.missing}.")
        if self.satisfied_by.search(subject.text):
            return self.passed(subject, f"The reply includes {self.missing}.")
        if not subject.complete:
            return self.passed(subject, f"Waiting for the complete reply to look for "
                                        f"{self.missing}.")
        addition = self.statement(subject, match)
        return self.violation(
            subject,
            f"The reply says \u201c{match.group(0)[:90]}\u201d without {self.missing}; "
            f"{self.reason} The statement was added.",
            evidence=[Evidence(match.start(), match.end(), match.group(0), "trigger")],
            repaired_text=subject.text.rstrip() + " " + addition,
        )
