"""Re-protect stored addresses after an operator changes keys.

Two keys protect a resident's phone number or chat id (storage.identity):

* the Fernet keys (ADDRESS_ENCRYPTION_KEYS, newest first) encrypt the copy we
  message. Rotation is gentle: put a new key first, run ``rotate_addresses``
  (every token is re-encrypted under the new key), then drop the old key.
* the HMAC key (ADDRESS_HASH_KEY) makes the lookup hash. A new key changes
  every hash, so each row's hash is recomputed from its decrypted address by
  ``rehash_addresses``. Rows whose address is gone (data retention, or an API
  refusal that stored none) cannot be rehashed: they are counted, and keep
  their old hash, which then matches nobody.

Both work in batches, each committed on its own, and skip rows that are
already done, so they are idempotent and an interrupted run is finished by
running it again.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from sqlalchemy import Table, bindparam, func, select, update
from sqlalchemy.engine import Engine
from sqlmodel import SQLModel

import storage.models  # noqa: F401  (every table in the metadata)
from storage.identity import AddressDecryptionError, AddressProtector

log = logging.getLogger(__name__)

# Every table holding an encrypted address next to its lookup hash.
ADDRESS_TABLES = ("participant", "invitationrecipient", "outboundmessage")


@dataclass
class RotationReport:
    rotated: int = 0
    already_current: int = 0
    # Tokens no configured key opens: left untouched, reported to the operator.
    unreadable: int = 0


@dataclass
class RehashReport:
    rehashed: int = 0
    already_current: int = 0
    # No address left to hash (retention cleared it): keeps the old hash.
    no_address: int = 0
    # Matches neither key's hash of its own address (or cannot be decrypted).
    mismatched: int = 0


def _table(name: str) -> Table:
    return SQLModel.metadata.tables[name]


def _batches(
    engine: Engine, table: Table, batch_size: int
) -> Iterator[list[tuple[int, str, str, bytes]]]:
    """(id, channel, address_hash, token) of rows with a stored address, a batch at a time.

    Keyset pagination on the id, one short connection per batch, so the caller
    can write each batch before the next is read and memory stays flat.
    """
    last_id = 0
    while True:
        with engine.connect() as connection:
            batch = connection.execute(
                select(table.c.id, table.c.channel, table.c.address_hash, table.c.address_encrypted)
                .where(
                    table.c.id > last_id,
                    table.c.address_encrypted.is_not(None),
                    func.length(table.c.address_encrypted) > 0,
                )
                .order_by(table.c.id)
                .limit(batch_size)
            ).all()
        if not batch:
            return
        yield [(int(r[0]), str(r[1]), str(r[2]), bytes(r[3])) for r in batch]
        last_id = int(batch[-1][0])


def _write(engine: Engine, table: Table, column: str, values: dict[int, object]) -> None:
    """One transaction per batch; executemany keeps it to one round trip on PostgreSQL."""
    if not values:
        return
    statement = (
        update(table)
        .where(table.c.id == bindparam("row_id"))
        .values({column: bindparam("new_value")})
    )
    with engine.begin() as connection:
        connection.execute(
            statement, [{"row_id": row_id, "new_value": value} for row_id, value in values.items()]
        )


def rotate_addresses(
    engine: Engine, *, keys: Sequence[str | bytes], batch_size: int = 500
) -> RotationReport:
    """Re-encrypt every stored address under ``keys[0]`` (MultiFernet.rotate)."""
    if not keys:
        raise ValueError("at least one encryption key is required")
    newest = Fernet(keys[0])
    every = MultiFernet([Fernet(key) for key in keys])
    report = RotationReport()
    for name in ADDRESS_TABLES:
        table = _table(name)
        for batch in _batches(engine, table, batch_size):
            changed: dict[int, object] = {}
            for row_id, _, _, token in batch:
                try:
                    newest.decrypt(token)
                    report.already_current += 1
                    continue
                except InvalidToken:
                    pass
                try:
                    changed[row_id] = every.rotate(token)
                except InvalidToken:
                    report.unreadable += 1
                    log.warning("%s %d: address opens with no configured key", name, row_id)
            _write(engine, table, "address_encrypted", changed)
            report.rotated += len(changed)
    return report


def rehash_addresses(
    engine: Engine, *, protector: AddressProtector, old_hash_key: bytes, batch_size: int = 500
) -> RehashReport:
    """Recompute every lookup hash with ``protector``'s key from the decrypted address."""
    old = AddressProtector(hash_key=old_hash_key, encryption_keys=[Fernet.generate_key()])
    report = RehashReport()
    for name in ADDRESS_TABLES:
        table = _table(name)
        with engine.connect() as connection:
            without = select(func.count()).where(
                (table.c.address_encrypted.is_(None))
                | (func.length(table.c.address_encrypted) == 0)
            )
            report.no_address += int(connection.execute(without).scalar_one())
        for batch in _batches(engine, table, batch_size):
            changed: dict[int, object] = {}
            for row_id, channel, current, token in batch:
                try:
                    address = protector.decrypt(token)
                except AddressDecryptionError:
                    report.mismatched += 1
                    continue
                new_hash = protector.hash(channel, address)
                if current == new_hash:
                    report.already_current += 1
                elif current == old.hash(channel, address):
                    changed[row_id] = new_hash
                else:
                    report.mismatched += 1
                    log.warning("%s %d: hash matches neither key", name, row_id)
            _write(engine, table, "address_hash", changed)
            report.rehashed += len(changed)
    return report
