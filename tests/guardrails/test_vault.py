"""The encrypted PII vault: per-conversation keys, audited reveals, no plaintext at rest."""

from pathlib import Path

import pytest
from sqlalchemy import text

from assistant.audit import AuditStore
from guardrails.pii.vault import PiiVault, VaultAccessDenied, load_master_key

SSN = "512-48-9073"


@pytest.fixture()
def vault(tmp_path: Path) -> PiiVault:
    store = AuditStore(f"sqlite:///{tmp_path / 'audit.sqlite3'}")
    return PiiVault(store.engine, load_master_key(tmp_path / "cache"))


def test_reveal_returns_the_original_and_is_logged(vault: PiiVault) -> None:
    vault.store("conv-a", "<US_SSN_1>", "US_SSN", SSN)
    assert vault.reveal("conv-a", "<US_SSN_1>", "agent-7", "verify identity on callback") == SSN
    log = vault.access_log("conv-a")
    assert [(a.agent_id, a.granted) for a in log] == [("agent-7", True)]
    with vault.engine.connect() as connection:
        stored = " ".join(str(r) for r in connection.execute(text("SELECT * FROM vault_entries")))
    assert SSN not in stored and "US_SSN_1" in stored


@pytest.mark.parametrize(("agent", "reason"), [("", "verify identity on callback"),
                                                ("agent-7", "why"), ("agent-7", "   ")])
def test_reveal_without_agent_or_reason_is_refused_and_logged(vault: PiiVault, agent: str,
                                                              reason: str) -> None:
    vault.store("conv-a", "<US_SSN_1>", "US_SSN", SSN)
    with pytest.raises(VaultAccessDenied):
        vault.reveal("conv-a", "<US_SSN_1>", agent, reason)
    assert [a.granted for a in vault.access_log("conv-a")] == [False]


def test_one_conversations_key_opens_nothing_else(vault: PiiVault) -> None:
    vault.store("conv-a", "<US_SSN_1>", "US_SSN", SSN)
    with vault.engine.begin() as connection:
        connection.execute(text("UPDATE vault_entries SET conversation_id = 'conv-b'"))
    with pytest.raises(VaultAccessDenied, match="cannot be decrypted"):
        vault.reveal("conv-b", "<US_SSN_1>", "agent-7", "verify identity on callback")


def test_master_key_file_is_private(tmp_path: Path) -> None:
    key = load_master_key(tmp_path)
    assert len(key) == 32
    assert (tmp_path / "vault.key").stat().st_mode & 0o077 == 0
    assert load_master_key(tmp_path) == key
