"""The guardrail checker: runs the configured rails and decides what happens.

Decisions, from least to most overriding: allow; rewrite (a rule repaired the
text, and the repaired text is checked again); block (a compliant fallback
replaces the text, chosen by the rule that failed); route (hand-off to a human
through the formal process). A blocked message is never empty.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import guardrails.rules  # noqa: F401  (registers the built-in rules)
from assistant.config import GuardrailsConfig, RuleSelection
from guardrails.rules.base import ContextDocument, RailInput, Rule, RuleRegistry, default_registry
from guardrails.verdict import ACTION_PRECEDENCE, Action, Stage, Verdict


@dataclass(frozen=True)
class RailResult:
    stage: Stage
    action: Action
    text: str
    verdicts: tuple[Verdict, ...] = field(default_factory=tuple)

    @property
    def violations(self) -> list[str]:
        seen: list[str] = []
        for verdict in self.verdicts:
            if not verdict.passed and verdict.rule_id not in seen:
                seen.append(verdict.rule_id)
        return seen

    @property
    def allowed(self) -> bool:
        return self.action in (Action.ALLOW, Action.REWRITE)


def build_rail(selections: Sequence[RuleSelection], stage: Stage,
               registry: RuleRegistry = default_registry) -> list[Rule]:
    rules: list[Rule] = []
    for selection in selections:
        if not selection.enabled:
            continue
        rule = registry.create(selection.id, selection.params)
        if stage not in rule.stages:
            raise ValueError(f"rule {rule.id} does not apply to the {stage.value} stage")
        rules.append(rule)
    return rules


class GuardrailChecker:
    def __init__(self, config: GuardrailsConfig, registry: RuleRegistry = default_registry) -> None:
        self.config = config
        self.rails: dict[Stage, list[Rule]] = {
            Stage.REQUEST: build_rail(config.request_rules, Stage.REQUEST, registry),
            Stage.PRE_ANSWER: build_rail(config.pre_answer_rules, Stage.PRE_ANSWER, registry),
            Stage.PROMPT: build_rail(config.prompt_rules, Stage.PROMPT, registry),
            Stage.REPLY: build_rail(config.reply_rules, Stage.REPLY, registry),
        }

    def warm_up(self) -> None:
        """Build the classifier banks and the request bank's sentence embedder now, so that the
        first customer who needs them does not wait for them to load."""
        from guardrails.classifiers import ClassifierUnavailable, classifier_bank

        for stage in ("requests", "replies"):
            try:
                classifier_bank(stage).predict_many(["warm up the guardrail classifiers"])
            except ClassifierUnavailable:
                continue

    def fallback_for(self, rule_id: str | None) -> str:
        if rule_id and rule_id in self.config.fallbacks:
            return self.config.fallbacks[rule_id]
        return self.config.fallbacks["default"]

    def check_request(self, text: str) -> RailResult:
        return self._run(Stage.REQUEST, text)

    def check_pre_answer(self, text: str) -> RailResult:
        """Requests that are legitimate but must get a vetted answer instead of a generated one."""
        return self._run(Stage.PRE_ANSWER, text)

    def check_prompt(self, prompt: str) -> RailResult:
        return self._run(Stage.PROMPT, prompt)

    def check_reply(self, reply: str, user_text: str = "",
                    documents: Sequence[ContextDocument] = (), complete: bool = True) -> RailResult:
        return self._run(Stage.REPLY, reply, user_text=user_text, documents=documents,
                         complete=complete)

    def _run(self, stage: Stage, text: str, user_text: str = "",
             documents: Sequence[ContextDocument] = (), complete: bool = True) -> RailResult:
        rules = self.rails[stage]
        current = text
        verdicts: list[Verdict] = []
        rewritten = False
        for attempt in range(self.config.max_rewrite_passes + 1):
            pass_verdicts: list[Verdict] = []
            for rule in rules:
                subject = RailInput(current, stage, user_text=user_text, documents=documents,
                                    complete=complete)
                verdict = rule.check(subject)
                pass_verdicts.append(verdict)
                repaired = verdict.repaired_text
                if (not verdict.passed and verdict.action is Action.REWRITE
                        and repaired is not None and repaired != current):
                    current = repaired
                    rewritten = True
            verdicts.extend(pass_verdicts)
            failing = [v for v in pass_verdicts if not v.passed]
            overriding = [v for v in failing if v.action in (Action.BLOCK, Action.ROUTE)]
            if overriding:
                worst = max(overriding, key=lambda v: ACTION_PRECEDENCE[v.action])
                return RailResult(stage, worst.action, self.fallback_for(worst.rule_id),
                                  tuple(verdicts))
            if not failing:
                return RailResult(stage, Action.REWRITE if rewritten else Action.ALLOW, current,
                                  tuple(verdicts))
            if attempt == self.config.max_rewrite_passes:
                break
        # Rewrites did not converge: fail closed.
        last_failed = next(v for v in reversed(verdicts) if not v.passed)
        return RailResult(stage, Action.BLOCK, self.fallback_for(last_failed.rule_id),
                          tuple(verdicts))
