"""One customer turn, end to end.

redact (Presidio) -> request rails -> retrieve (FAISS) -> prompt + prompt rails
-> generate (streamed, held back sentence by sentence until the reply rails
pass it) -> final reply rails -> disclosure (FIN-11) -> audit record.

Every path, including refusals, bad input and internal errors, ends with an
audit record: a reviewer can account for every message the customer saw.
"""

from __future__ import annotations

import logging
import re
import threading
import time
import uuid
from collections import OrderedDict
from collections.abc import Generator, Iterator
from dataclasses import dataclass, field
from typing import Any

from assistant.audit import AuditStore, TurnRecord
from assistant.config import Settings
from assistant.input_hygiene import INPUT_PROBLEM_REPLIES, clean_input
from assistant.model import ChatModel
from assistant.prompting import build_messages
from assistant.training.registry import registry_adapter_source
from guardrails.checker import GuardrailChecker, RailResult
from guardrails.pii import PlaceholderMap, Redactor
from guardrails.pii.vault import PiiVault, load_master_key
from guardrails.rules.base import ContextDocument
from guardrails.verdict import Action, Verdict
from knowledge.index import SearchHit
from knowledge.knowledge_base import KnowledgeBase

log = logging.getLogger(__name__)

SENTENCE_END = re.compile(r"[.!?](?:\s|$)|\n")
ERROR_REPLY = ("Sorry, something went wrong on our side and I couldn't answer. Please try again, "
               "or ask to speak with an agent.")


@dataclass
class Source:
    id: str
    title: str
    source: str
    as_of: str | None
    kind: str
    score: float

    def as_dict(self) -> dict[str, Any]:
        return {"id": self.id, "title": self.title, "source": self.source, "as_of": self.as_of}


@dataclass
class TurnResult:
    conversation_id: str
    reply: str
    disclosure: str
    action: str
    violations: list[str]
    sources: list[Source]
    latency_ms: dict[str, float]
    redacted_user_text: str
    verdicts: list[Verdict] = field(default_factory=list)
    turn_id: int | None = None
    error: str | None = None
    pii_entities: list[dict[str, Any]] = field(default_factory=list)
    case_id: str | None = None
    adapter_version: str | None = None  # the adapter stack that generated, if the model ran
    raw_reply: str | None = None  # the model's unchecked text: for evaluation, never shown

    @property
    def answer(self) -> str:
        """What the customer sees: the reply followed by the configured disclosure."""
        return f"{self.reply}\n\n{self.disclosure}" if self.disclosure else self.reply


@dataclass
class TurnEvent:
    """Streamed to interfaces: ``text`` is the checked reply so far; ``result`` ends the turn."""

    text: str
    result: TurnResult | None = None


class _Stopwatch:
    def __init__(self) -> None:
        self.laps: dict[str, float] = {}
        self._started = time.perf_counter()

    def lap(self, name: str, since: float) -> float:
        now = time.perf_counter()
        self.laps[name] = self.laps.get(name, 0.0) + (now - since) * 1000
        return now

    def total(self) -> dict[str, float]:
        return {**self.laps, "total": (time.perf_counter() - self._started) * 1000}


class Pipeline:
    def __init__(self, settings: Settings, *, redactor: Redactor | None = None,
                 knowledge: KnowledgeBase | None = None, model: ChatModel | None = None,
                 checker: GuardrailChecker | None = None, store: AuditStore | None = None,
                 max_conversations: int = 10_000) -> None:
        self.settings = settings
        self.knowledge = knowledge or KnowledgeBase(settings)
        self.redactor = redactor or Redactor(settings.guardrails.pii_score_threshold,
                                             vocabulary=self.knowledge.vocabulary())
        self.checker = checker or GuardrailChecker(settings.guardrails)
        self.store = store or AuditStore(settings.database_url, echo=settings.storage.echo_sql)
        self.model = model or ChatModel.from_settings(
            settings, adapter_source=registry_adapter_source(settings, self.store.engine))
        self.vault = PiiVault(self.store.engine, load_master_key(settings.cache_path))
        self._placeholders: OrderedDict[str, PlaceholderMap] = OrderedDict()
        self._placeholder_lock = threading.Lock()
        self._max_conversations = max_conversations

    def warm_up(self) -> None:
        self.redactor.warm_up()
        self.checker.warm_up()
        self.knowledge.search("warm up")
        self.model.warm_up()

    def placeholders_for(self, conversation_id: str) -> PlaceholderMap:
        with self._placeholder_lock:
            mapping = self._placeholders.pop(conversation_id, None)
            if mapping is None:
                def to_vault(placeholder: str, entity_type: str, value: str) -> None:
                    self.store.ensure_conversation(conversation_id)
                    self.vault.store(conversation_id, placeholder, entity_type, value)

                mapping = PlaceholderMap(sink=to_vault)
            self._placeholders[conversation_id] = mapping
            while len(self._placeholders) > self._max_conversations:
                self._placeholders.popitem(last=False)
            return mapping

    # ----------------------------------------------------------------- public
    def handle_turn(self, user_text: object, conversation_id: str | None = None,
                    max_new_tokens: int | None = None) -> TurnResult:
        result: TurnResult | None = None
        for event in self.stream_turn(user_text, conversation_id, max_new_tokens):
            result = event.result or result
        assert result is not None
        return result

    def stream_turn(self, user_text: object, conversation_id: str | None = None,
                    max_new_tokens: int | None = None) -> Iterator[TurnEvent]:
        conversation_id = conversation_id or uuid.uuid4().hex
        watch = _Stopwatch()
        state: dict[str, Any] = {"redacted": "", "verdicts": [], "sources": [], "pii": []}
        try:
            result = yield from self._run(user_text, conversation_id, watch, state,
                                          max_new_tokens)
        except Exception as exc:  # the customer gets an apology; the reviewer gets the record
            log.exception("turn failed")
            result = self._result(conversation_id, ERROR_REPLY, Action.BLOCK, state, watch,
                                  error=f"{type(exc).__name__}: {exc}"[:500])
        self._record(result, watch)
        yield TurnEvent(result.answer, result)

    # --------------------------------------------------------------- internal
    def _result(self, conversation_id: str, reply: str, action: Action, state: dict[str, Any],
                watch: _Stopwatch, error: str | None = None) -> TurnResult:
        verdicts: list[Verdict] = state["verdicts"]
        violations: list[str] = []
        for verdict in verdicts:
            if not verdict.passed and verdict.rule_id not in violations:
                violations.append(verdict.rule_id)
        return TurnResult(
            conversation_id=conversation_id,
            reply=reply,
            disclosure=self.settings.guardrails.disclosure,
            action=action.value,
            violations=violations,
            sources=state["sources"],
            latency_ms=watch.total(),
            redacted_user_text=state["redacted"],
            verdicts=verdicts,
            error=error,
            pii_entities=state["pii"],
            adapter_version=state.get("adapter_version"),
            raw_reply=state.get("raw_reply"),
        )

    def _record(self, result: TurnResult, watch: _Stopwatch) -> None:
        started = time.perf_counter()
        try:
            result.turn_id = self.store.record_turn(TurnRecord(
                conversation_id=result.conversation_id,
                redacted_user_text=result.redacted_user_text,
                final_reply=result.answer,
                action=result.action,
                violations=result.violations,
                sources=[s.as_dict() for s in result.sources],
                model_id=self.model.model_id,
                adapter_version=result.adapter_version or self.model.adapter_version,
                latency_ms=result.latency_ms,
                verdicts=result.verdicts,
                pii_entities=result.pii_entities,
                error=result.error,
                case_id=result.case_id,
            ))
        finally:
            watch.lap("audit", started)
            result.latency_ms["audit"] = watch.laps["audit"]

    def _run(self, user_text: object, conversation_id: str, watch: _Stopwatch,
             state: dict[str, Any], max_new_tokens: int | None
             ) -> Generator[TurnEvent, None, TurnResult]:
        limit = self.settings.server.max_input_chars
        cleaned = clean_input(user_text, limit)

        t = time.perf_counter()
        redaction = self.redactor.redact(cleaned.text, self.placeholders_for(conversation_id))
        state["redacted"] = redaction.text
        state["pii"] = [e.as_dict() for e in redaction.entities]
        t = watch.lap("redact", t)

        if cleaned.problem:
            if cleaned.problem == "too_long":
                state["redacted"] = redaction.text + " [truncated]"
            reply = INPUT_PROBLEM_REPLIES[cleaned.problem].format(
                length=cleaned.original_length, limit=limit)
            return self._result(conversation_id, reply, Action.BLOCK, state, watch,
                                error=f"input_{cleaned.problem}")

        request = self.checker.check_request(redaction.text)
        state["verdicts"].extend(request.verdicts)
        if request.allowed:
            # Requests the small model cannot answer compliantly get the vetted answer.
            request = self.checker.check_pre_answer(redaction.text)
            state["verdicts"].extend(request.verdicts)
        t = watch.lap("request_rails", t)
        if request.action is Action.ROUTE:
            case_id = "CASE-" + uuid.uuid4().hex[:8].upper()
            reply = f"{request.text} Your case reference is {case_id}."
            result = self._result(conversation_id, reply, request.action, state, watch)
            result.case_id = case_id
            return result
        if not request.allowed:
            return self._result(conversation_id, request.text, request.action, state, watch)

        hits = self.knowledge.search(redaction.text)
        state["sources"] = [_source(hit) for hit in hits]
        documents = [_context(hit) for hit in hits]
        t = watch.lap("retrieve", t)

        messages = build_messages(self.settings.model.system_prompt, redaction.text,
                                  [hit.document for hit in hits],
                                  self.settings.retrieval.max_context_chars)
        prompt = self.model.render_prompt(messages)
        prompt_check = self.checker.check_prompt(prompt)
        state["verdicts"].extend(prompt_check.verdicts)
        t = watch.lap("prompt_rails", t)
        if not prompt_check.allowed:
            return self._result(conversation_id, prompt_check.text, prompt_check.action, state,
                                watch)

        state["adapter_version"] = self.model.adapter_version  # the stack that answers
        reply_check = yield from self._generate_checked(prompt_check.text, redaction.text,
                                                        documents, watch, max_new_tokens, state)
        state["verdicts"].extend(reply_check.verdicts)
        return self._result(conversation_id, reply_check.text, reply_check.action, state, watch)

    def _generate_checked(self, prompt: str, user_text: str, documents: list[ContextDocument],
                          watch: _Stopwatch, max_new_tokens: int | None,
                          state: dict[str, Any]) -> Generator[TurnEvent, None, RailResult]:
        """Stream the reply, releasing text only after the reply rails passed it."""
        stop = threading.Event()
        buffer = ""
        released = 0
        shown = ""
        t = time.perf_counter()
        first_release: float | None = None
        for piece in self.model.stream_from_prompt(prompt, max_new_tokens, stop=stop):
            buffer += piece
            boundary = _last_sentence_end(buffer)
            if boundary <= released:
                continue
            t = watch.lap("generate", t)
            # Only the newly completed sentences are checked here (each once); the whole
            # reply is checked again at the end and that verdict decides what is kept.
            partial = self.checker.check_reply(buffer[released:boundary], user_text, documents,
                                               complete=False)
            t = watch.lap("reply_rails", t)
            if not partial.allowed:
                stop.set()  # nothing more from this reply will be shown
                break
            released = boundary
            shown = f"{shown} {partial.text}".strip()
            if first_release is None:
                first_release = time.perf_counter()
                watch.laps["time_to_first_text"] = (first_release - watch._started) * 1000
            yield TurnEvent(shown)
        t = watch.lap("generate", t)
        state["raw_reply"] = buffer
        final = self.checker.check_reply(_complete_sentences(buffer), user_text, documents)
        watch.lap("reply_rails", t)
        if not final.text.strip():
            final = RailResult(final.stage, Action.BLOCK, self.checker.fallback_for(None),
                               final.verdicts)
        return final


def _complete_sentences(text: str) -> str:
    """Drop a trailing fragment cut off by the token limit (keep it if it is all there is)."""
    text = text.strip()
    end = _last_sentence_end(text)
    return text[:end].strip() if end > 0 else text


def _last_sentence_end(text: str) -> int:
    end = 0
    for match in SENTENCE_END.finditer(text):
        end = match.end()
    return end


def _source(hit: SearchHit) -> Source:
    doc = hit.document
    return Source(doc.id, doc.title, doc.source, doc.as_of, doc.kind, round(hit.score, 4))


def _context(hit: SearchHit) -> ContextDocument:
    doc = hit.document
    return ContextDocument(id=doc.id, text=doc.text, source=doc.source, as_of=doc.as_of or "",
                           title=doc.title, kind=doc.kind)
