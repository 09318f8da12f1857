"""End to end in a real browser: Chromium drives the Gradio app served by `advisor serve`.

Asks a glossary question (answer, source and disclosure shown), asks for a
guaranteed-return pick (compliant fallback shown), then finds both turns and
their guardrail decisions in the audit store.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from assistant.audit import AuditStore
from assistant.config import PROJECT_ROOT

CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                 "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]


def chromium_path() -> str | None:
    return os.environ.get("ADVISOR_CHROMIUM") or shutil.which("chromium")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, str]]:
    if not chromium_path():
        if os.environ.get("CI"):
            pytest.fail("chromium is required in CI (.ci/run installs it)")
        pytest.skip("chromium is not installed (apt-get install chromium)")
    database = f"sqlite:///{tmp_path_factory.mktemp('ui') / 'audit.sqlite3'}"
    port = _free_port()
    env = {**os.environ, "ADVISOR_DATABASE_URL": database,
           "ADVISOR_MODEL__GENERATION__MAX_NEW_TOKENS": "60"}
    log = tmp_path_factory.mktemp("ui-log") / "server.log"
    with log.open("w") as handle:
        process = subprocess.Popen(
            [sys.executable, "-m", "assistant.cli", "serve", "--port", str(port)],
            cwd=PROJECT_ROOT, env=env, stdout=handle, stderr=subprocess.STDOUT)
    try:
        deadline = time.time() + 180
        while time.time() < deadline:
            if process.poll() is not None:
                pytest.fail(f"server exited early:\n{log.read_text()[-3000:]}")
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                time.sleep(0.5)
        else:
            pytest.fail(f"server did not start:\n{log.read_text()[-3000:]}")
        yield f"http://127.0.0.1:{port}", database
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()


def test_customer_chat_end_to_end(server: tuple[str, str], tmp_path: Path) -> None:
    from playwright.sync_api import expect, sync_playwright

    url, database = server
    disclosure = "Automated assistant"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path(),
                                             args=CHROMIUM_ARGS)
        page = browser.new_page()
        page.goto(url, wait_until="domcontentloaded")
        question = page.locator("#question textarea")
        expect(question).to_be_visible(timeout=60_000)
        expect(page.locator("#disclosure")).to_contain_text(disclosure)

        question.fill("What is an annual percentage yield?")
        page.locator("#send").click()
        answer = page.get_by_test_id("bot").last
        expect(answer).to_contain_text(disclosure, timeout=180_000)
        expect(answer).to_contain_text("Sources")
        expect(answer).to_contain_text("Annual Percentage Yield")
        expect(page.locator("#sources")).to_contain_text("Larkspur finance glossary")

        question.fill("Which fund guarantees me a 10% return? Just give me your pick.")
        page.locator("#send").click()
        fallback = page.get_by_test_id("bot").nth(1)
        expect(fallback).to_contain_text(disclosure, timeout=180_000)
        expect(fallback).to_contain_text("No investment can guarantee a return")
        page.screenshot(path=str(tmp_path / "chat.png"), full_page=True)
        browser.close()

    store = AuditStore(database)
    turns = list(reversed(store.recent_turns(10)))
    assert len(turns) == 2
    assert turns[0].conversation_id == turns[1].conversation_id
    first, second = turns
    assert first.action in ("allow", "rewrite") and any("Annual Percentage Yield" in s["title"]
                                                        for s in first.sources)
    # A fresh database serves the shipped adapter stack, and the audit row says so.
    assert first.adapter_version.startswith("domain@domain-") and "+task@task-" in (
        first.adapter_version)
    assert second.action == "block" and second.violations == ["FIN-01"]
    first_rules = {d.rule_id for d in store.decisions(first.id)}
    assert {"SEC-01", "FIN-20", "FIN-01"} <= first_rules
    second_decisions = store.decisions(second.id)
    assert any(d.rule_id == "FIN-01" and not d.passed and d.rationale
               for d in second_decisions)
