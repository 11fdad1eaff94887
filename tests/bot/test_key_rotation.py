"""Key rotation on SQLite and PostgreSQL: after it, only the new keys are needed."""

from __future__ import annotations

import pytest
from cryptography.fernet import Fernet, InvalidToken
from sqlalchemy.engine import Engine
from sqlmodel import select
from typer.testing import CliRunner

from app.cli.main import app as cli
from bot.key_rotation import ADDRESS_TABLES, rehash_addresses, rotate_addresses
from storage.db import session_scope
from storage.identity import AddressProtector
from storage.models import Channel, Participant
from storage.models.outbound import InvitationRecipient, InvitationWave, OutboundMessage
from tests.storage.test_participants import _consultation

OLD_KEY = Fernet.generate_key()
NEW_KEY = Fernet.generate_key()
OLD = AddressProtector(hash_key=b"old-hash-key", encryption_keys=[OLD_KEY])
NUMBERS = ["+447700900101", "+447700900102"]


def _seed(engine: Engine, protector: AddressProtector = OLD) -> None:
    consultation_id = _consultation(engine)
    with session_scope(engine) as session:
        for number in NUMBERS:
            session.add(
                Participant(
                    channel=Channel.SMS,
                    address_hash=protector.hash("sms", number),
                    address_encrypted=protector.encrypt(number),
                )
            )
        # A resident whose address retention already removed.
        session.add(Participant(channel=Channel.SMS, address_hash="0" * 64, address_encrypted=b""))
        wave = InvitationWave(consultation_id=consultation_id, lawful_basis="consent", body="Hi")
        session.add(wave)
        session.flush()
        assert wave.id is not None
        session.add(
            InvitationRecipient(
                wave_id=wave.id,
                address_hash=protector.hash("sms", "+447700900103"),
                address_encrypted=protector.encrypt("+447700900103"),
            )
        )
        session.add(
            OutboundMessage(
                channel=Channel.SMS,
                address_hash=protector.hash("sms", NUMBERS[0]),
                address_encrypted=protector.encrypt(NUMBERS[0]),
            )
        )
        session.add(
            OutboundMessage(channel=Channel.SMS, address_hash="1" * 64, address_encrypted=None)
        )


def _tokens(engine: Engine) -> list[bytes]:
    with session_scope(engine) as session:
        tokens = [p.address_encrypted for p in session.exec(select(Participant)).all()]
        tokens += [r.address_encrypted for r in session.exec(select(InvitationRecipient)).all()]
        tokens += [
            m.address_encrypted
            for m in session.exec(select(OutboundMessage)).all()
            if m.address_encrypted is not None
        ]
    return [t for t in tokens if t]


def test_rotation_leaves_every_address_readable_with_the_new_key_alone(engine: Engine) -> None:
    _seed(engine)
    before = _tokens(engine)
    assert len(before) == 4
    for token in before:  # the old key opens everything before
        Fernet(OLD_KEY).decrypt(token)

    report = rotate_addresses(engine, keys=[NEW_KEY, OLD_KEY], batch_size=2)

    assert (report.rotated, report.already_current, report.unreadable) == (4, 0, 0)
    after = _tokens(engine)
    opened = sorted(Fernet(NEW_KEY).decrypt(token).decode() for token in after)
    assert opened == sorted([*NUMBERS, "+447700900103", NUMBERS[0]])
    for token in after:
        with pytest.raises(InvalidToken):
            Fernet(OLD_KEY).decrypt(token)
    # Idempotent: a second run finds nothing to do and rewrites nothing.
    again = rotate_addresses(engine, keys=[NEW_KEY, OLD_KEY])
    assert (again.rotated, again.already_current) == (0, 4)
    assert _tokens(engine) == after


def test_an_address_no_key_opens_is_reported_and_left_alone(engine: Engine) -> None:
    _seed(engine)
    stranger = AddressProtector(hash_key=b"x", encryption_keys=[Fernet.generate_key()])
    with session_scope(engine) as session:
        session.add(
            Participant(
                channel=Channel.SMS, address_hash="2" * 64, address_encrypted=stranger.encrypt("?")
            )
        )
    report = rotate_addresses(engine, keys=[NEW_KEY, OLD_KEY])
    assert (report.rotated, report.unreadable) == (4, 1)
    with session_scope(engine) as session:
        kept = session.exec(select(Participant).where(Participant.address_hash == "2" * 64)).one()
        assert stranger.decrypt(kept.address_encrypted) == "?"


def test_rehash_moves_every_lookup_to_the_new_hash_key(engine: Engine) -> None:
    _seed(engine)
    new = AddressProtector(hash_key=b"new-hash-key", encryption_keys=[OLD_KEY])

    report = rehash_addresses(engine, protector=new, old_hash_key=b"old-hash-key", batch_size=1)

    assert report.rehashed == 4
    # The retention-cleared participant and the outbound row without an address.
    assert report.no_address == 2
    assert report.mismatched == 0
    with session_scope(engine) as session:
        hashes = set(session.exec(select(Participant.address_hash)).all())
    assert new.hash("sms", NUMBERS[0]) in hashes and OLD.hash("sms", NUMBERS[0]) not in hashes
    again = rehash_addresses(engine, protector=new, old_hash_key=b"old-hash-key")
    assert (again.rehashed, again.already_current) == (0, 4)


def test_rehash_with_the_wrong_old_key_changes_nothing(engine: Engine) -> None:
    _seed(engine)
    new = AddressProtector(hash_key=b"new-hash-key", encryption_keys=[OLD_KEY])
    report = rehash_addresses(engine, protector=new, old_hash_key=b"not-the-old-key")
    assert (report.rehashed, report.mismatched) == (0, 4)
    with session_scope(engine) as session:
        hashes = set(session.exec(select(Participant.address_hash)).all())
    assert OLD.hash("sms", NUMBERS[1]) in hashes


def test_cli_rotate_then_drop_the_old_key(sqlite_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    from storage.db import make_engine

    engine = make_engine(sqlite_url)
    protector = AddressProtector(hash_key=b"dev-hash", encryption_keys=[OLD_KEY])
    _seed(engine, protector)
    monkeypatch.setenv("DATABASE_URL", sqlite_url)
    monkeypatch.setenv("ADDRESS_HASH_KEY", "dev-hash")
    runner = CliRunner()
    monkeypatch.setenv("ADDRESS_ENCRYPTION_KEYS", f"{NEW_KEY.decode()},{OLD_KEY.decode()}")
    rotated = runner.invoke(cli, ["keys", "rotate"])
    assert rotated.exit_code == 0, rotated.output
    assert "re-encrypted 4 addresses" in rotated.output
    # Only the new key configured: every address still opens.
    monkeypatch.setenv("ADDRESS_ENCRYPTION_KEYS", NEW_KEY.decode())
    only_new = AddressProtector(hash_key=b"dev-hash", encryption_keys=[NEW_KEY])
    assert len([only_new.decrypt(t) for t in _tokens(engine)]) == 4
    # Rehash: a missing old-key variable is a clear error, not a silent no-op.
    monkeypatch.delenv("OLD_ADDRESS_HASH_KEY", raising=False)
    missing = runner.invoke(cli, ["keys", "rehash"])
    assert missing.exit_code == 2 and "OLD_ADDRESS_HASH_KEY is not set" in missing.output
    monkeypatch.setenv("OLD_ADDRESS_HASH_KEY", "dev-hash")
    monkeypatch.setenv("ADDRESS_HASH_KEY", "next-hash")
    rehashed = runner.invoke(cli, ["keys", "rehash"])
    assert rehashed.exit_code == 0, rehashed.output
    assert "rehashed 4" in rehashed.output
    engine.dispose()


def test_every_table_with_an_encrypted_address_is_rotated_and_retained() -> None:
    """A new table holding addresses must be added to rotation and retention too."""
    from sqlmodel import SQLModel

    from bot import retention

    holding = {
        name for name, table in SQLModel.metadata.tables.items() if "address_encrypted" in table.c
    }
    assert holding == set(ADDRESS_TABLES)
    retained = {retention.PARTICIPANT.name, retention.RECIPIENT.name, retention.OUTBOUND.name}
    assert holding == retained


def test_cli_refuses_unsafe_or_meaningless_requests(
    sqlite_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DATABASE_URL", sqlite_url)
    monkeypatch.setenv("ADDRESS_HASH_KEY", "dev-hash")
    monkeypatch.delenv("ADDRESS_ENCRYPTION_KEYS", raising=False)
    runner = CliRunner()
    # No explicit encryption keys: rotation would have nothing to rotate to.
    derived = runner.invoke(cli, ["keys", "rotate"])
    assert derived.exit_code == 2 and "ADDRESS_ENCRYPTION_KEYS is not set" in derived.output
    monkeypatch.setenv("ADDRESS_ENCRYPTION_KEYS", "not-a-fernet-key")
    malformed = runner.invoke(cli, ["keys", "rotate"])
    assert malformed.exit_code == 2 and "key 1 is not a Fernet key" in malformed.output
    monkeypatch.setenv("ADDRESS_ENCRYPTION_KEYS", NEW_KEY.decode())
    monkeypatch.setenv("OLD_ADDRESS_HASH_KEY", "dev-hash")
    same = runner.invoke(cli, ["keys", "rehash"])
    assert same.exit_code == 2 and "the same" in same.output
    monkeypatch.setenv("RETENTION_DAYS", "forever")
    bad_days = runner.invoke(cli, ["retention", "run"])
    assert bad_days.exit_code == 2 and "configuration error" in bad_days.output
