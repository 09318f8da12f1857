"""A rule judged sentence by sentence: anticipated phrasings plus a learned classifier.

Most conduct rules share this shape (LLM Guard's scanners work the same
way): a sentence violates the rule when one of the rule's patterns matches
its normalised text outside a negation or an exempt context, or when the
classifier trained on the team's examples is confident enough. The repair is
rule-specific: drop the offending sentences (the rest of the reply stands and
is checked again) or block the whole reply.
"""

from __future__ import annotations

import re
from typing import ClassVar

from guardrails.classifiers import ClassifierUnavailable, classifier_bank
from guardrails.disclaimers import DISCLAIMER
from guardrails.normalize import negated_before, normalize
from guardrails.rules.base import RailInput, Rule, RuleParams
from guardrails.text import remove_spans, split_sentences
from guardrails.verdict import Action, Evidence, Stage, Verdict


class PhraseRuleParams(RuleParams):
    threshold: float | None = None  # None: the calibrated threshold, floored per stage
    use_classifier: bool = True


# The training snippets separate cleanly, so calibrated thresholds land at 0.5;
# real messages are more varied. A finding that rests on the classifier alone
# (no pattern matched) therefore needs high confidence.
REQUEST_CLASSIFIER_FLOOR = 0.8
REPLY_CLASSIFIER_FLOOR = 0.85


def _floor(bank_name: str) -> float:
    return REPLY_CLASSIFIER_FLOOR if bank_name == "replies" else REQUEST_CLASSIFIER_FLOOR


def _probability(bank_name: str, rule_id: str, text: str,
                 decide_at: float | None = None) -> tuple[float, float]:
    """(probability, calibrated threshold) for a rule; (0, >1) when no classifier exists."""
    try:
        bank = classifier_bank(bank_name)
    except ClassifierUnavailable:
        return 0.0, 1.01
    return bank.predict(text, decide_at).get(rule_id, 0.0), bank.threshold(rule_id)


def prime_classifier(bank_name: str, texts: list[str]) -> None:
    """Score a text and its sentences in one batch before the rules ask one at a time."""
    try:
        classifier_bank(bank_name).predict_many(texts, decide_at=_floor(bank_name))
    except ClassifierUnavailable:
        return


def classifier_flags(bank_name: str, rule_id: str, text: str,
                     threshold: float | None = None) -> tuple[bool, float]:
    decide_at = _floor(bank_name) if threshold is None else threshold
    probability, calibrated = _probability(bank_name, rule_id, text, decide_at)
    if threshold is None:
        threshold = max(calibrated, _floor(bank_name))
    return probability >= threshold, probability


# "Yes." or "Sure thing." cannot break a rule on its own; scored alone, such a sentence puts
# all its weight on a word that happens to open many violating examples.
MIN_SCORED_WORDS = 3
WORD = re.compile(r"[^\W\d_]+")


def long_enough(sentence: str) -> bool:
    return len(WORD.findall(sentence)) >= MIN_SCORED_WORDS


class PhraseRule(Rule):
    patterns: ClassVar[tuple[re.Pattern[str], ...]] = ()
    exempt: ClassVar[re.Pattern[str] | None] = None
    # Sentences of a reply that use a phrase descriptively (explaining a rule, warning about a
    # scheme): exempt at the reply stage only, since a request in those words still asks.
    reply_exempt: ClassVar[re.Pattern[str] | None] = None
    # Sentence frames (guardrails.rules.contexts) in which a reply names the thing without doing
    # it: a definition, a warning, a refusal. Reply stage only, like reply_exempt.
    reply_frames: ClassVar[tuple[re.Pattern[str], ...]] = ()
    # Contexts that excuse a classifier-only finding but not an explicit phrase.
    classifier_exempt: ClassVar[re.Pattern[str] | None] = None
    negatable: ClassVar[bool] = True
    leet: ClassVar[bool] = False
    finding: ClassVar[str] = "a violation"
    reason: ClassVar[str] = ""
    repair: ClassVar[str] = "block"  # block | drop_sentence
    Params: ClassVar[type[RuleParams]] = PhraseRuleParams
    params: PhraseRuleParams

    def _bank_name(self, stage: Stage) -> str:
        return "requests" if stage is Stage.REQUEST else "replies"

    def _classify(self, text: str, stage: Stage) -> tuple[bool, float]:
        if not self.params.use_classifier:
            return False, 0.0
        return classifier_flags(self._bank_name(stage), self.id, text, self.params.threshold)

    def _negated(self, text: str, start: int) -> bool:
        return negated_before(text, start)

    def pattern_hits(self, text: str, stage: Stage | None = None) -> list[tuple[int, int]]:
        """Spans (in ``text``) of pattern matches that are not negated or exempt.

        Cached per sentence: a streamed reply's sentences are checked as they complete and
        again, unchanged, when the whole reply is checked at the end."""
        cache: dict[tuple[str, Stage | None], list[tuple[int, int]]] = \
            self.__dict__.setdefault("_hits_cache", {})
        key = (text, stage)
        hits = cache.get(key)
        if hits is None:
            hits = self._pattern_hits(text, stage)
            if len(cache) > 4096:
                cache.clear()
            cache[key] = hits
        return list(hits)

    def _pattern_hits(self, text: str, stage: Stage | None) -> list[tuple[int, int]]:
        views = [normalize(text)]
        if self.leet:
            views.append(normalize(text, leet=True))
        spans: list[tuple[int, int]] = []
        for view in views:
            matches = [match for pattern in self.patterns for match in pattern.finditer(view.text)]
            # Exemptions are looked for only where a pattern matched: most sentences match none.
            if not matches or (self.exempt is not None and self.exempt.search(view.text)):
                continue
            if stage is Stage.REPLY and self._reply_exempt(view.text):
                continue
            for match in matches:
                if self.negatable and self._negated(view.text, match.start()):
                    continue
                spans.append(view.original_span(match.start(), match.end()))
        return spans

    def units(self, subject: RailInput) -> list[tuple[int, int, str]]:
        """Requests are judged whole; replies sentence by sentence."""
        if subject.stage is Stage.REQUEST or subject.stage is Stage.PRE_ANSWER:
            return [(0, len(subject.text), subject.text)]
        return [(s.start, s.end, s.text) for s in split_sentences(subject.text)]

    def _reply_exempt(self, view: str) -> bool:
        """A reply sentence that uses the rule's words descriptively (normalised text)."""
        if self.reply_exempt is not None and self.reply_exempt.search(view):
            return True
        return any(frame.search(view) for frame in self.reply_frames)

    def _exempt(self, text: str, stage: Stage | None = None) -> bool:
        view = normalize(text).text
        patterns = (self.exempt, self.classifier_exempt)
        if stage is Stage.REPLY and self._reply_exempt(view):
            return True
        return any(p is not None and p.search(view) for p in patterns)

    def check(self, subject: RailInput) -> Verdict:
        evidence: list[Evidence] = []
        flagged: list[tuple[int, int]] = []
        best = 0.0
        units = self.units(subject)
        for start, end, text in units:
            hits = self.pattern_hits(text, subject.stage)
            if hits:
                best = 1.0
                for hit_start, hit_end in hits[:2]:
                    evidence.append(Evidence(start + hit_start, start + hit_end,
                                             text[hit_start:hit_end], "pattern"))
                flagged.append((start, end))
        if not flagged and self.params.use_classifier:
            prime_classifier(self._bank_name(subject.stage),
                             [subject.text] + [text for _, _, text in units])
        if not flagged:
            # The classifier judges the whole text (as it was trained) and each sentence (a
            # single violating sentence is diluted in a long reply); a confident score on
            # either counts, and the top-scoring sentence carries the evidence.
            model_flag, probability = self._classify(subject.text, subject.stage)
            scored = [(self._classify(text, subject.stage), start, end, text)
                      for start, end, text in units]
            best = max([probability] + [s[0][1] for s in scored])
            eligible = [s for s in scored if not self._exempt(s[3], subject.stage)
                        and not DISCLAIMER.search(s[3]) and long_enough(s[3])]
            sentence_flags = [s for s in eligible if s[0][0]]
            if sentence_flags or (model_flag and eligible
                                   and not self._exempt(subject.text, subject.stage)):
                (_, top), start, end, text = max(sentence_flags or eligible,
                                                 key=lambda item: item[0][1])
                evidence.append(Evidence(start, end, text[:160],
                                         f"classifier p={max(top, probability):.2f}"))
                flagged.append((start, end))
        if not flagged:
            return self.passed(subject, f"No {self.finding} was found.", score=best)
        quoted = evidence[0].text.strip()[:100]
        how = ("matched a known phrasing" if evidence[0].label == "pattern"
               else f"was scored by the rule's classifier ({evidence[0].label})")
        rationale = (f"The {'message' if subject.stage is Stage.REQUEST else 'reply'} contains "
                     f"{self.finding} (\u201c{quoted}\u201d, which {how}); {self.reason}")
        if self.repair == "drop_sentence" and subject.stage is Stage.REPLY:
            remaining = remove_spans(subject.text, flagged)
            if split_sentences(remaining):
                return self.violation(subject, rationale + " The sentence was removed.",
                                      evidence=evidence, score=best, action=Action.REWRITE,
                                      repaired_text=remaining)
        # Nothing compliant would remain (or the rule always blocks): refuse the whole text.
        return self.violation(subject, rationale, evidence=evidence, score=best,
                              action=Action.ROUTE if self.on_fail is Action.ROUTE
                              else Action.BLOCK)
