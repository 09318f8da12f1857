"""The checker's decisions and the rule registry's contract."""

from typing import ClassVar

import pytest

from assistant.config import GuardrailsConfig, RuleSelection, Settings
from guardrails.checker import GuardrailChecker
from guardrails.rules.base import (
    DuplicateRuleError,
    RailInput,
    Rule,
    RuleRegistry,
    UnknownRuleError,
    default_registry,
)
from guardrails.verdict import Action, Stage, Verdict


def test_registry_refuses_duplicate_ids() -> None:
    registry = RuleRegistry()

    class First(Rule):
        id = "FIN-99"
        version = "1"
        title = "first"
        stages: ClassVar = frozenset({Stage.REPLY})

        def check(self, subject: RailInput) -> Verdict:
            return self.passed(subject, "ok")

    class Second(First):
        pass

    registry.register(First)
    with pytest.raises(DuplicateRuleError, match="FIN-99"):
        registry.register(Second)


def test_unknown_rule_in_configuration_is_named() -> None:
    with pytest.raises(UnknownRuleError, match="FIN-77"):
        default_registry.create("FIN-77")


def test_unknown_rule_parameter_is_rejected() -> None:
    with pytest.raises(ValueError, match="FIN-01"):
        default_registry.create("FIN-01", {"no_such_option": True})


def test_rule_on_wrong_stage_is_rejected(settings: Settings) -> None:
    config = settings.guardrails.model_copy(
        update={"request_rules": [RuleSelection(id="FIN-20")]})
    with pytest.raises(ValueError, match="request stage"):
        GuardrailChecker(config)


def test_blocked_reply_gets_rule_specific_nonempty_fallback(checker: GuardrailChecker) -> None:
    result = checker.check_reply("You can't lose with this fund.")
    assert result.action is Action.BLOCK
    assert result.violations == ["FIN-01"]
    assert "guarantee" in result.text.lower()
    assert result.text.strip()


def test_rewrite_is_checked_again(checker: GuardrailChecker) -> None:
    result = checker.check_reply("Your card 4111 1111 1111 1111 is now active.")
    assert result.action is Action.REWRITE
    assert "****1111" in result.text
    # The second pass re-ran every rule on the repaired text and it passed.
    second_pass = [v for v in result.verdicts if v.rule_id == "FIN-20"][-1]
    assert second_pass.passed


def test_rewrite_then_block_when_another_rule_fails(checker: GuardrailChecker) -> None:
    result = checker.check_reply("Card 4111 1111 1111 1111 is in a fund where you can't lose.")
    assert result.action is Action.BLOCK
    assert set(result.violations) == {"FIN-20", "FIN-01"}
    assert "4111 1111" not in " ".join(e.text for v in result.verdicts for e in v.evidence)


def test_disabled_rules_do_not_run(settings: Settings) -> None:
    config: GuardrailsConfig = settings.guardrails.model_copy(
        update={"reply_rules": [RuleSelection(id="FIN-01", enabled=False)]})
    result = GuardrailChecker(config).check_reply("You can't lose with this fund.")
    assert result.action is Action.ALLOW
    assert result.verdicts == ()


def test_clean_request_is_allowed_with_a_verdict_per_rule(checker: GuardrailChecker) -> None:
    result = checker.check_request("What is a money market account?")
    assert result.action is Action.ALLOW
    assert [v.rule_id for v in result.verdicts] == ["SEC-01", "SEC-02", "FIN-12", "FIN-13",
                                                    "FIN-18"]
    assert all(v.rationale for v in result.verdicts)
