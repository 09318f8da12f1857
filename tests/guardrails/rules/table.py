"""Shared helpers for the rule tables: each rule is checked on violating and compliant text."""

from __future__ import annotations

from collections.abc import Sequence

from guardrails.rules.base import ContextDocument, RailInput, default_registry
from guardrails.verdict import Stage, Verdict


def judge(rule_id: str, text: str, stage: Stage = Stage.REPLY, user: str = "",
          documents: Sequence[ContextDocument] = ()) -> Verdict:
    return default_registry.create(rule_id).check(RailInput(text, stage, user_text=user,
                                                            documents=documents))


def assert_violation(verdict: Verdict) -> None:
    assert not verdict.passed, verdict.rationale
    assert verdict.rule_id in verdict.rationale or verdict.rationale
    assert verdict.rationale.endswith(".")
