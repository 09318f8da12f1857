"""The contract for a conduct rule and the registry that holds them.

A rule is a small class: a policy id, a version (bumped whenever its
behaviour changes, so audit records say which logic decided), the stages it
applies to, a pydantic model for its parameters, and ``check()``.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, ClassVar, TypeVar

from pydantic import BaseModel, ConfigDict, ValidationError

from guardrails.verdict import Action, Evidence, Severity, Stage, Verdict


class RuleParams(BaseModel):
    """Parameters a rule accepts from configs/guardrails.yaml; unknown keys are errors."""

    model_config = ConfigDict(extra="forbid", frozen=True)


@dataclass(frozen=True)
class ContextDocument:
    """A retrieved passage the reply may be grounded in."""

    id: str
    text: str
    source: str = ""
    as_of: str = ""
    title: str = ""
    kind: str = ""


@dataclass(frozen=True)
class RailInput:
    """What a rule checks: the text of one stage plus what it can be judged against."""

    text: str
    stage: Stage
    user_text: str = ""
    documents: Sequence[ContextDocument] = field(default_factory=tuple)
    # False while a reply is still streaming: rules that judge what is missing
    # (an absent risk statement, say) wait for the complete text.
    complete: bool = True


class Rule(ABC):
    id: ClassVar[str]
    version: ClassVar[str]
    title: ClassVar[str]
    stages: ClassVar[frozenset[Stage]]
    severity: ClassVar[Severity] = Severity.HIGH
    on_fail: ClassVar[Action] = Action.BLOCK
    Params: ClassVar[type[RuleParams]] = RuleParams

    def __init__(self, **params: Any) -> None:
        try:
            self.params = self.Params(**params)
        except ValidationError as exc:
            raise ValueError(f"invalid parameters for rule {self.id}: {exc}") from None

    @abstractmethod
    def check(self, subject: RailInput) -> Verdict:
        """Judge ``subject.text``; never raise on odd input."""

    # Helpers so every rule builds verdicts the same way.
    def passed(self, subject: RailInput, rationale: str, score: float = 0.0) -> Verdict:
        return Verdict(
            rule_id=self.id,
            rule_version=self.version,
            stage=subject.stage,
            passed=True,
            severity=Severity.INFO,
            score=score,
            rationale=rationale,
        )

    def violation(
        self,
        subject: RailInput,
        rationale: str,
        evidence: Sequence[Evidence] = (),
        score: float = 1.0,
        action: Action | None = None,
        repaired_text: str | None = None,
        severity: Severity | None = None,
    ) -> Verdict:
        return Verdict(
            rule_id=self.id,
            rule_version=self.version,
            stage=subject.stage,
            passed=False,
            severity=severity or self.severity,
            score=score,
            rationale=rationale,
            evidence=tuple(evidence),
            action=action or self.on_fail,
            repaired_text=repaired_text,
        )


class DuplicateRuleError(ValueError):
    """Two rule classes claimed the same policy id."""


class UnknownRuleError(KeyError):
    """Configuration named a rule id that no class implements."""


RuleT = TypeVar("RuleT", bound=type[Rule])


class RuleRegistry:
    def __init__(self) -> None:
        self._rules: dict[str, type[Rule]] = {}

    def register(self, rule_class: RuleT) -> RuleT:
        rule_id = rule_class.id
        if rule_id in self._rules:
            existing = self._rules[rule_id].__qualname__
            raise DuplicateRuleError(
                f"rule id {rule_id} is already registered by {existing}; "
                f"{rule_class.__qualname__} cannot reuse it"
            )
        self._rules[rule_id] = rule_class
        return rule_class

    def get(self, rule_id: str) -> type[Rule]:
        try:
            return self._rules[rule_id]
        except KeyError:
            known = ", ".join(sorted(self._rules))
            raise UnknownRuleError(f"no rule with id {rule_id!r} (known: {known})") from None

    def create(self, rule_id: str, params: dict[str, Any] | None = None) -> Rule:
        return self.get(rule_id)(**(params or {}))

    def ids(self) -> list[str]:
        return sorted(self._rules)

    def __contains__(self, rule_id: object) -> bool:
        return rule_id in self._rules


default_registry = RuleRegistry()


def register_rule(rule_class: RuleT) -> RuleT:
    """Class decorator: add a rule to the default registry (refuses duplicates)."""
    return default_registry.register(rule_class)
