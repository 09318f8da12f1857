"""Build the LoRA datasets from the team's own content.

Two layers, two datasets:

* **domain** (finance knowledge and language): plain questions about the
  glossary's terms answered with the team's definitions, alias expansions and
  term comparisons. No retrieved context: this layer learns the vocabulary.
* **task** (this assistant's conduct and format): the exact prompt the
  pipeline builds (system prompt, numbered passages, customer question) with
  answers that use and cite the passage, plus the hand-written conduct,
  service and adversarial dialogues in ``seed/``. Every task answer is run
  through the reply rails and the rails' repaired text is the target, so the
  model learns to write what the guardrails would let through unchanged.

Splits are made by glossary term and by dialogue id, never by example, so the
held-out split asks about terms the adapters never trained on.
"""

from __future__ import annotations

import hashlib
import json
import random
import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

from assistant.config import Settings
from assistant.training.config import DataSpec
from assistant.training.records import (
    ChatMessage,
    ChatRecord,
    ContextPassage,
    RecordMetadata,
    records_hash,
    write_records,
)
from knowledge.documents import KnowledgeDocument

DOMAIN_SYSTEM_PROMPT = ("You are a finance assistant. Explain financial terms accurately and "
                        "in plain language.")
SEED_FILES = ("conduct.jsonl", "service.jsonl", "adversarial.jsonl", "conduct_focus.jsonl")
ADVERSARIAL_TAGS = frozenset({"adversarial"})
# Seeds for the grounding rules answer "no current figure here": they are shown with no
# passage, so the model learns to defer only when nothing was retrieved (the firm and
# market records teach citing the figure when it is there).
NO_FIGURE_RULES = frozenset({"FIN-06", "FIN-19"})
PLACEHOLDER = re.compile(r"<[A-Z_]+_\d+>")
WORD = re.compile(r"[a-z][a-z'-]+")
# Words too common in definitions to identify a fact ("usually", "amount").
STOPWORDS = ENGLISH_STOP_WORDS | frozenset({
    "often", "usually", "generally", "typically", "called", "means", "refers", "amount",
    "person", "people", "someone", "something", "account", "accounts", "money", "value"})

DEFINITION_QUESTIONS = (
    "What is {term}?",
    "What does {term} mean?",
    "Can you explain {term} in plain words?",
    "I keep hearing about {term}. What is it?",
    "what's {lower} exactly",
    "Could you tell me what {lower} is?",
    "In simple terms, what is {lower}?",
    "How would you define {term}?",
)
ALIAS_QUESTIONS = (
    "What does {alias} stand for?",
    "What is {alias}?",
    "Someone mentioned {alias}. What does that mean?",
)
COMPARISON_QUESTIONS = (
    "How is {a} different from {b}?",
    "What's the difference between {a} and {b}?",
    "Could you compare {a} and {b} for me?",
)
GROUNDED_QUESTIONS = (
    "What is {lower}?",
    "can you explain {lower}",
    "How does {lower} work?",
    "What should I know about {lower}?",
    "what does {lower} mean for me",
    "Quick question: what's {lower}?",
)
PRODUCT_QUESTIONS = {
    "fees": ("What fees does the {product} have?", "Are there charges on the {product}?"),
    "risks": ("What are the risks of the {product}?", "What could go wrong with the {product}?"),
    "conflicts": ("Does the bank have a conflict of interest with the {product}?",),
    "features": ("What are the main features of the {product}?", "Tell me about the {product}."),
    "eligibility": ("Who can open the {product}?",),
}
RATE_QUESTIONS = ("What are the current rates and fees for the {product}?",
                  "How much does the {product} pay or cost?")
MARKET_QUESTIONS = ("What is the latest {name} figure?", "Where is {name} right now?",
                    "Can you give me the {name} level?")


@dataclass(frozen=True)
class DatasetBuild:
    folder: Path
    manifest: dict[str, Any]

    def path(self, layer: str, split: str) -> Path:
        return self.folder / f"{layer}_{split}.jsonl"


def _stable_fraction(key: str) -> float:
    """A deterministic pseudo-random number in [0, 1) for split decisions."""
    return int(hashlib.sha256(key.encode()).hexdigest()[:8], 16) / 0x100000000


def _pick(options: Sequence[str], key: str) -> str:
    return options[int(_stable_fraction("pick:" + key) * len(options))]


def _sentences(text: str, count: int) -> str:
    parts = re.split(r"(?<=[.!?])\s+", text.strip())
    return " ".join(parts[:count])


def _article_free(term: str) -> str:
    return term if term.isupper() or any(c.isupper() for c in term[1:]) else term.lower()


def fact_words(text: str) -> list[str]:
    """Lower-case words, the unit key facts are counted in (shared with evaluation)."""
    return WORD.findall(text.lower())


def key_facts(definition: str, term: str, document_frequency: Counter[str], limit: int = 3
              ) -> list[str]:
    """The rarest content words of the definition's first two sentences.

    Rare words carry the definition's substance ("premium", "collateral"),
    so their presence in an answer is a label-free proxy for covering the
    reference passage's key facts.
    """
    own = set(fact_words(term))
    words = [w for w in dict.fromkeys(fact_words(_sentences(definition, 2)))
             if len(w) >= 5 and w not in STOPWORDS and w not in own]
    words.sort(key=lambda w: (document_frequency[w], w))
    return words[:limit]


def _passage(document: KnowledgeDocument, budget: int) -> ContextPassage:
    text = document.text if len(document.text) <= budget else (
        document.text[: budget - 1].rsplit(" ", 1)[0] + "…")
    return ContextPassage(id=document.id, title=document.title, text=text,
                          source=document.source, as_of=document.as_of)


class DatasetBuilder:
    """Builds both layers' datasets; ``search`` supplies realistic distractor passages."""

    def __init__(self, settings: Settings, spec: DataSpec, documents: list[KnowledgeDocument],
                 search: Callable[[str, int], list[KnowledgeDocument]],
                 repair: Callable[[str, str, list[ContextPassage]], str | None],
                 created_at: str | None = None) -> None:
        self.settings = settings
        self.spec = spec
        self.documents = documents
        self.search = search
        self.repair = repair
        self.created_at = created_at or datetime.now(UTC).isoformat(timespec="seconds")
        self.glossary = [d for d in documents if d.kind == "glossary"]
        self.by_title = {d.title.lower(): d for d in self.glossary}
        frequency: Counter[str] = Counter()
        for document in self.glossary:
            frequency.update(set(WORD.findall(document.text.lower())))
        self.document_frequency = frequency

    # ------------------------------------------------------------------ split
    def split_of(self, key: str) -> str:
        return "eval" if _stable_fraction("split:" + key) < self.spec.eval_share else "train"

    def _meta(self, source: str, split: str, layer: str, tags: list[str],
              **extra: Any) -> RecordMetadata:
        return RecordMetadata(source=source, created_at=self.created_at, split=split,  # type: ignore[arg-type]
                              layer=layer, tags=tags, **extra)  # type: ignore[arg-type]

    @staticmethod
    def _definition(document: KnowledgeDocument) -> str:
        return document.text.split(": ", 1)[1].split(" Related terms:")[0].strip()

    # ----------------------------------------------------------------- domain
    def domain_records(self) -> list[ChatRecord]:
        records: list[ChatRecord] = []
        extras: list[ChatRecord] = []
        for document in self.glossary[: self.spec.domain_definitions]:
            term = document.title
            split = self.split_of(document.id)
            definition = self._definition(document)
            question = _pick(DEFINITION_QUESTIONS, document.id).format(
                term=term, lower=_article_free(term))
            records.append(self._domain_record(f"domain-def:{document.id}", question,
                                               definition, document, split, ["definition"]))
            aliases = [a for a in document.metadata.get("aliases", []) if len(a) <= 40]
            if aliases:
                alias = aliases[0]
                question = _pick(ALIAS_QUESTIONS, document.id + alias).format(alias=alias)
                answer = f"{alias} is short for, or another name for, {term}. {definition}"
                extras.append(self._domain_record(f"domain-alias:{document.id}", question,
                                                  answer, document, split, ["alias"]))
            related = [self.by_title[r.lower()] for r in document.metadata.get("related", [])
                       if r.lower() in self.by_title]
            if related:
                other = related[0]
                if self.split_of(other.id) != split:
                    continue  # a comparison must not leak a held-out term into training
                question = _pick(COMPARISON_QUESTIONS, document.id + other.id).format(
                    a=term, b=other.title)
                answer = (f"{term}: {_sentences(definition, 2)} "
                          f"{other.title}: {_sentences(self._definition(other), 2)}")
                extras.append(self._domain_record(f"domain-compare:{document.id}", question,
                                                  answer, document, split, ["comparison"]))
        extras.sort(key=lambda r: _stable_fraction("extra:" + r.id))
        return records + extras[: self.spec.domain_extras]

    def _domain_record(self, record_id: str, question: str, answer: str,
                       document: KnowledgeDocument, split: str, tags: list[str]) -> ChatRecord:
        facts = key_facts(self._definition(document), document.title, self.document_frequency)
        return ChatRecord(
            id=record_id,
            messages=[ChatMessage(role="system", content=DOMAIN_SYSTEM_PROMPT),
                      ChatMessage(role="user", content=question),
                      ChatMessage(role="assistant", content=answer)],
            metadata=self._meta(document.id, split, "domain", ["domain", *tags],
                                key_facts=facts),
        )

    # ------------------------------------------------------------------- task
    def _context(self, question: str, gold: KnowledgeDocument | None, key: str
                 ) -> tuple[list[ContextPassage], int | None]:
        """Gold passage among retrieved distractors, at a varied position (1-based number)."""
        wanted = self.spec.context_passages
        budget = max(200, self.spec.max_context_chars // wanted)
        found = [d for d in self.search(question, wanted + 1) if gold is None or d.id != gold.id]
        if gold is None:
            return [_passage(d, budget) for d in found[:wanted]], None
        others = found[: wanted - 1]
        position = int(_stable_fraction("pos:" + key) * (len(others) + 1))
        # The gold passage is first more often than not, as retrieval would put it.
        if _stable_fraction("first:" + key) < 0.6:
            position = 0
        ordered = [*others[:position], gold, *others[position:]]
        return [_passage(d, budget) for d in ordered], position + 1

    def _task_record(self, record_id: str, question: str, answer: str,
                     context: list[ContextPassage], meta: RecordMetadata) -> ChatRecord | None:
        repaired = self.repair(answer, question, context)
        if repaired is None:
            return None
        return ChatRecord(id=record_id,
                          messages=[ChatMessage(role="user", content=question),
                                    ChatMessage(role="assistant", content=repaired)],
                          context=context, metadata=meta)

    def grounded_glossary_records(self) -> list[ChatRecord]:
        chosen = sorted(self.glossary, key=lambda d: _stable_fraction("grounded:" + d.id))
        records = []
        for document in chosen[: self.spec.grounded_glossary]:
            term = document.title
            question = _pick(GROUNDED_QUESTIONS, "g" + document.id).format(
                lower=_article_free(term))
            context, number = self._context(question, document, document.id)
            definition = self._definition(document)
            answer = f"{_sentences(definition, 2)} [{number}]"
            meta = self._meta(document.id, self.split_of(document.id), "task",
                              ["task", "grounded", "glossary"],
                              key_facts=key_facts(definition, term, self.document_frequency))
            record = self._task_record(f"task-glossary:{document.id}", question, answer,
                                       context, meta)
            if record:
                records.append(record)
        return records

    def firm_records(self) -> list[ChatRecord]:
        records = []
        for document in self.documents:
            if document.kind not in ("product", "rate_sheet", "market"):
                continue
            name, tags, questions = self._firm_questions(document)
            if not questions:
                continue
            question = _pick(questions, "f" + document.id).format(product=name, name=name)
            context, number = self._context(question, document, document.id)
            body = document.text.split(". ", 1)[-1] if document.kind == "product" else (
                document.text)
            answer = f"{_sentences(body, 2)} [{number}]"
            if document.as_of and document.kind != "glossary":
                answer += f" This is as of {document.as_of} ({document.source})."
            meta = self._meta(document.id, self.split_of(document.id), "task",
                              ["task", "grounded", document.kind, *tags],
                              key_facts=key_facts(body, name, self.document_frequency))
            record = self._task_record(f"task-firm:{document.id}", question, answer, context,
                                       meta)
            if record:
                records.append(record)
        return records

    @staticmethod
    def _firm_questions(document: KnowledgeDocument) -> tuple[str, list[str], Sequence[str]]:
        if document.kind == "rate_sheet":
            return document.title.removesuffix(" rates and fees"), ["rates"], RATE_QUESTIONS
        if document.kind == "market":
            return document.title, ["market"], MARKET_QUESTIONS
        product, _, section = document.title.partition(": ")
        lowered = section.lower()
        for key, questions in PRODUCT_QUESTIONS.items():
            if key.rstrip("s") in lowered:
                return product, [key], questions
        return product, ["about"], PRODUCT_QUESTIONS["features"]

    def seed_records(self) -> list[ChatRecord]:
        folder = self.settings.resolve_path(self.spec.seed_dir)
        records = []
        for name in SEED_FILES:
            path = folder / name
            if not path.exists():
                continue
            for line in path.read_text(encoding="utf-8").splitlines():
                if not line.strip():
                    continue
                seed = json.loads(line)
                context: list[ContextPassage] = []
                if seed.get("rule") not in NO_FIGURE_RULES:
                    context, _ = self._context(seed["user"], None, seed["id"])
                tags = ["task", "seed", *[t for t in seed.get("tags", []) if t != "task"]]
                meta = self._meta(f"seed/{name}#{seed['id']}", self.split_of(seed["id"]), "task",
                                  list(dict.fromkeys(tags)), rule=seed.get("rule"),
                                  expect=seed.get("expect", "answer"))
                record = self._task_record(f"task-seed:{seed['id']}", seed["user"],
                                           seed["assistant"], context, meta)
                if record:
                    records.append(record)
        return records

    def task_records(self) -> list[ChatRecord]:
        grounded = self.grounded_glossary_records() + self.firm_records()
        seeds = self.seed_records()
        return balance_adversarial(grounded + seeds, self.spec.adversarial_share)


def is_negative(record: ChatRecord) -> bool:
    """Adversarial prompts and refusal/hand-off cases: what the model must decline."""
    return bool(ADVERSARIAL_TAGS & set(record.metadata.tags)) or (
        record.metadata.expect != "answer")


def balance_adversarial(records: list[ChatRecord], share: float) -> list[ChatRecord]:
    """Bring negatives in the training split to ``share`` by repeating or thinning them.

    Repeated examples get a suffixed id; the held-out split is left as written.
    """
    train = [r for r in records if r.metadata.split == "train"]
    held = [r for r in records if r.metadata.split != "train"]
    negatives = [r for r in train if is_negative(r)]
    positives = [r for r in train if not is_negative(r)]
    if not negatives or share <= 0:
        return positives + held if share <= 0 else train + held
    wanted = round(share * len(positives) / (1 - share))
    rng = random.Random(len(records))
    if wanted <= len(negatives):
        chosen = sorted(negatives, key=lambda r: _stable_fraction("neg:" + r.id))[:wanted]
    else:
        chosen = list(negatives)
        repeat = 1
        while len(chosen) < wanted:
            extra = negatives[(len(chosen) - len(negatives)) % len(negatives)]
            chosen.append(extra.model_copy(update={"id": f"{extra.id}~{repeat}"}))
            if len(chosen) % len(negatives) == 0:
                repeat += 1
    mixed = positives + chosen
    rng.shuffle(mixed)
    return mixed + held


def tag_counts(records: Iterable[ChatRecord]) -> dict[str, int]:
    counts: Counter[str] = Counter()
    for record in records:
        counts.update(record.metadata.tags)
        if record.metadata.rule:
            counts[f"rule:{record.metadata.rule}"] += 1
    return dict(sorted(counts.items()))


def pii_findings(records: Iterable[ChatRecord], detect: Callable[[str], list[Any]],
                 public_text: str = "") -> list[dict[str, Any]]:
    """Every span the redactor would redact in a message (placeholders are already safe).

    A span that appears verbatim in the firm's published content (its service
    phone numbers, a rating agency's name) is public, not a customer's data,
    and is not a finding; anything else is, including redactor false alarms,
    which are then fixed in the data rather than waved through.
    """
    findings = []
    for record in records:
        for message in record.messages:
            if message.role == "system":
                continue
            text = PLACEHOLDER.sub("", message.content)
            for entity in detect(text):
                if public_text and text[entity.start : entity.end] in public_text:
                    continue
                findings.append({"record": record.id, "role": message.role,
                                 "type": entity.type, "start": entity.start,
                                 "end": entity.end})
    return findings


def write_build(root: Path, domain: list[ChatRecord], task: list[ChatRecord],
                findings: list[dict[str, Any]], lineage: dict[str, str], spec: DataSpec,
                created_at: str) -> DatasetBuild:
    everything = domain + task
    digest = records_hash(everything)
    folder = root / digest
    counts: dict[str, Any] = {}
    for layer, records in (("domain", domain), ("task", task)):
        for split in ("train", "eval"):
            chosen = [r for r in records if r.metadata.split == split]
            write_records(folder / f"{layer}_{split}.jsonl", chosen)
            counts[f"{layer}_{split}"] = len(chosen)
    manifest = {
        "content_hash": digest,
        "created_at": created_at,
        "counts": counts,
        "total_train": counts["domain_train"] + counts["task_train"],
        "total_eval": counts["domain_eval"] + counts["task_eval"],
        "tags": {"domain": tag_counts(domain), "task": tag_counts(task)},
        "negative_share_task_train": round(
            sum(is_negative(r) for r in task if r.metadata.split == "train")
            / max(1, sum(r.metadata.split == "train" for r in task)), 3),
        "lineage": lineage,
        "spec": spec.model_dump(),
        "pii_check": {"checked_with": "guardrails.pii.Redactor (Presidio)",
                      "findings": findings, "passed": not findings},
    }
    (folder / "manifest.json").write_text(json.dumps(manifest, indent=2) + "\n")
    return DatasetBuild(folder, manifest)


def as_served(record: ChatRecord, redact: Callable[[str], Any]) -> ChatRecord:
    """The record with its user turns redacted exactly as the pipeline would."""
    messages = [m if m.role != "user" else m.model_copy(update={"content": redact(m.content).text})
                for m in record.messages]
    return record.model_copy(update={"messages": messages})


def _reviewed(detect: Callable[[str], list[Any]], reviewed: Sequence[str]
              ) -> Callable[[str], list[Any]]:
    """Drop detections a person reviewed as not personal data (e.g. "Monte Carlo")."""
    allowed = {value.lower() for value in reviewed}

    def filtered(text: str) -> list[Any]:
        return [e for e in detect(text) if text[e.start : e.end].lower() not in allowed]

    return filtered


def file_digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()[:16]


def _lineage(settings: Settings, spec: DataSpec) -> dict[str, str]:
    """Every content file the build read, with its digest, relative to the project root."""
    paths: list[Path] = []
    for folder in settings.retrieval.glossary_dirs:
        paths += sorted(settings.resolve_path(folder).glob("*.json"))
    for folder in settings.retrieval.firm_dirs:
        root = settings.resolve_path(folder)
        paths += sorted((root / "products").glob("*.md"))
        paths += [p for p in (root / "rate_sheet.csv",) if p.exists()]
    paths += [settings.resolve_path(p) for p in settings.retrieval.market_files]
    paths += [settings.resolve_path(spec.seed_dir) / n for n in SEED_FILES]
    paths.append(Path(settings.config_dir) / "guardrails.yaml")
    lineage = {}
    for path in paths:
        if path.exists():
            try:
                name = str(path.resolve().relative_to(settings.root))
            except ValueError:
                name = str(path)
            lineage[name] = file_digest(path)
    return lineage


BUILDER_VERSION = "1"


def build_dataset(settings: Settings, spec: DataSpec, reuse: bool = True) -> DatasetBuild:
    """Build with the real knowledge base, reply rails and redactor.

    A build is reused when its inputs (every content file's digest, the spec,
    the builder version) are unchanged, so the second layer's training does
    not pay for the build again.
    """
    lineage = _lineage(settings, spec)
    root = settings.resolve_path(spec.build_dir)
    inputs_key = hashlib.sha256(json.dumps(
        [BUILDER_VERSION, lineage, spec.model_dump()], sort_keys=True).encode()).hexdigest()[:16]
    pointer = root / f"inputs-{inputs_key}.json"
    if reuse and pointer.exists():
        folder = root / json.loads(pointer.read_text())["content_hash"]
        if (folder / "manifest.json").exists():
            return DatasetBuild(folder, json.loads((folder / "manifest.json").read_text()))
    build = _build_dataset(settings, spec, lineage)
    pointer.write_text(json.dumps({"content_hash": build.manifest["content_hash"]}) + "\n")
    return build


def _build_dataset(settings: Settings, spec: DataSpec, lineage: dict[str, str]) -> DatasetBuild:
    from guardrails.checker import GuardrailChecker
    from guardrails.pii.redactor import Redactor
    from guardrails.rules.base import ContextDocument
    from guardrails.verdict import Action
    from knowledge.knowledge_base import KnowledgeBase

    knowledge = KnowledgeBase(settings)
    documents = knowledge.ensure_index().documents
    checker = GuardrailChecker(settings.guardrails)

    def search(question: str, k: int) -> list[KnowledgeDocument]:
        return [hit.document for hit in knowledge.search(question, k=k)]

    def repair(answer: str, question: str, context: list[ContextPassage]) -> str | None:
        docs = [ContextDocument(id=p.id, text=p.text, source=p.source, as_of=p.as_of or "",
                                title=p.title) for p in context]
        result = checker.check_reply(answer, question, docs)
        if result.action is Action.BLOCK or not result.text.strip():
            return None
        return result.text

    created_at = datetime.now(UTC).isoformat(timespec="seconds")
    builder = DatasetBuilder(settings, spec, list(documents), search, repair, created_at)
    domain = builder.domain_records()
    task = builder.task_records()
    redactor = Redactor(settings.guardrails.pii_score_threshold,
                        vocabulary=knowledge.vocabulary())
    # Serving redacts the customer's words before the model reads them; training does too.
    domain = [as_served(r, redactor.redact) for r in domain]
    task = [as_served(r, redactor.redact) for r in task]
    public_text = "\n".join(d.text for d in documents)
    detect = _reviewed(redactor.detect, spec.pii_reviewed_false_positives)
    findings = pii_findings(domain + task, detect, public_text)
    return write_build(settings.resolve_path(spec.build_dir), domain, task, findings,
                       lineage, spec, created_at)
