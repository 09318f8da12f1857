"""The PII vault: original values, encrypted per conversation, read only through an audited call.

Redaction replaces values with placeholders before anything else sees them;
an authorised agent may still need the original (to verify an account, say).
The vault keeps it encrypted with a key derived from a master key and the
conversation id (HKDF), so one conversation's key opens nothing else, and
every read, granted or refused, is recorded with the agent and the reason.
"""

from __future__ import annotations

import base64
import os
import stat
from pathlib import Path

from cryptography.fernet import Fernet, InvalidToken
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, select

from assistant.audit.tables import VaultAccess, VaultEntry

KEY_ENV = "ADVISOR_VAULT_KEY"


class VaultAccessDenied(PermissionError):
    """A reveal without an identified agent and a stated reason, or of an unknown value."""


def load_master_key(cache_dir: Path) -> bytes:
    """ADVISOR_VAULT_KEY (urlsafe base64, 32 bytes) or a key file created once, mode 0600."""
    configured = os.environ.get(KEY_ENV)
    if configured:
        key = base64.urlsafe_b64decode(configured)
        if len(key) != 32:
            raise ValueError(f"{KEY_ENV} must encode exactly 32 bytes")
        return key
    path = cache_dir / "vault.key"
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(base64.urlsafe_b64encode(os.urandom(32)))
    if path.stat().st_mode & (stat.S_IRWXG | stat.S_IRWXO):
        path.chmod(0o600)
    return base64.urlsafe_b64decode(path.read_bytes())


class PiiVault:
    def __init__(self, engine: Engine, master_key: bytes) -> None:
        self.engine = engine
        self._master_key = master_key

    def _fernet(self, conversation_id: str) -> Fernet:
        derived = HKDF(algorithm=hashes.SHA256(), length=32, salt=None,
                       info=b"advisor-vault:" + conversation_id.encode()).derive(self._master_key)
        return Fernet(base64.urlsafe_b64encode(derived))

    def store(self, conversation_id: str, placeholder: str, entity_type: str, value: str) -> None:
        token = self._fernet(conversation_id).encrypt(value.encode()).decode()
        with Session(self.engine) as session:
            session.add(VaultEntry(conversation_id=conversation_id, placeholder=placeholder,
                                   entity_type=entity_type, ciphertext=token))
            try:
                session.commit()
            except IntegrityError:  # the same placeholder is already stored
                session.rollback()

    def reveal(self, conversation_id: str, placeholder: str, agent_id: str, reason: str) -> str:
        """Decrypt one value for an identified agent with a stated reason; always audited."""
        granted = bool(agent_id.strip()) and len(reason.strip()) >= 10
        with Session(self.engine) as session:
            entry = session.exec(select(VaultEntry).where(
                VaultEntry.conversation_id == conversation_id,
                VaultEntry.placeholder == placeholder)).first()
            granted = granted and entry is not None
            ciphertext = entry.ciphertext if entry is not None else ""
            session.add(VaultAccess(conversation_id=conversation_id, placeholder=placeholder,
                                    agent_id=agent_id.strip() or "(none)",
                                    reason=reason.strip() or "(none)", granted=granted))
            session.commit()
        if not granted:
            raise VaultAccessDenied(
                "a reveal needs an agent id, a reason of at least 10 characters and a stored "
                f"placeholder ({placeholder} in {conversation_id})")
        try:
            return self._fernet(conversation_id).decrypt(ciphertext.encode()).decode()
        except InvalidToken as exc:
            raise VaultAccessDenied("the stored value cannot be decrypted with this key") from exc

    def access_log(self, conversation_id: str) -> list[VaultAccess]:
        with Session(self.engine) as session:
            return list(session.exec(select(VaultAccess).where(
                VaultAccess.conversation_id == conversation_id)).all())
