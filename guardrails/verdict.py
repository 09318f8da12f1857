"""The verdict contract every rule returns and every audit record stores.

A compliance reviewer reads these: the rule id and version, whether the text
passed, how serious a failure is, a sentence saying what was found and why
it matters, and the evidence spans that support it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any


class Stage(StrEnum):
    REQUEST = "request"
    PRE_ANSWER = "pre_answer"
    PROMPT = "prompt"
    REPLY = "reply"


class Severity(StrEnum):
    INFO = "info"
    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"
    CRITICAL = "critical"


class Action(StrEnum):
    """What the pipeline does with a message; ordered by how much it overrides."""

    ALLOW = "allow"
    REWRITE = "rewrite"
    BLOCK = "block"
    ROUTE = "route"


# Block outranks route: a message that both reports a dispute and attacks the
# rules is refused; the refusal text still points to the dispute process.
ACTION_PRECEDENCE = {Action.ALLOW: 0, Action.REWRITE: 1, Action.ROUTE: 2, Action.BLOCK: 3}


@dataclass(frozen=True)
class Evidence:
    """A span of the checked text. ``text`` is masked when the span is sensitive."""

    start: int
    end: int
    text: str
    label: str = ""

    def as_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "text": self.text, "label": self.label}


@dataclass(frozen=True)
class Verdict:
    rule_id: str
    rule_version: str
    stage: Stage
    passed: bool
    severity: Severity
    score: float
    rationale: str
    evidence: tuple[Evidence, ...] = ()
    action: Action = Action.ALLOW
    repaired_text: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        return {
            "rule": self.rule_id,
            "version": self.rule_version,
            "stage": self.stage.value,
            "passed": self.passed,
            "severity": self.severity.value,
            "score": round(self.score, 4),
            "rationale": self.rationale,
            "evidence": [item.as_dict() for item in self.evidence],
            "action": self.action.value,
        }
