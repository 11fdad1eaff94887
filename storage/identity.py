"""Pseudonymous identities for channel addresses (phone numbers, chat ids).

* The lookup key is HMAC-SHA256 of the normalised address under a secret
  key: the same person always maps to the same row, but a stolen database
  cannot be reversed by hashing every UK mobile number.
* The address itself is needed to message the person later (invitations,
  feedback), so it is stored Fernet-encrypted. MultiFernet lets operators
  rotate keys: the first key encrypts, every key decrypts.
"""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Sequence

from cryptography.fernet import Fernet, InvalidToken, MultiFernet


class AddressDecryptionError(Exception):
    """The stored address could not be decrypted with any configured key."""


class AddressProtector:
    def __init__(self, *, hash_key: bytes, encryption_keys: Sequence[str | bytes]) -> None:
        if not hash_key:
            raise ValueError("hash_key must not be empty")
        if not encryption_keys:
            raise ValueError("at least one encryption key is required")
        self._hash_key = hash_key
        self._fernet = MultiFernet([Fernet(key) for key in encryption_keys])

    def hash(self, channel: str, address: str) -> str:
        """Keyed hash of a channel address; the channel is mixed in so ids never collide."""
        message = f"{channel}:{address}".encode()
        return hmac.new(self._hash_key, message, hashlib.sha256).hexdigest()

    def encrypt(self, address: str) -> bytes:
        return self._fernet.encrypt(address.encode())

    def decrypt(self, token: bytes) -> str:
        try:
            return self._fernet.decrypt(token).decode()
        except InvalidToken as error:
            raise AddressDecryptionError("address token is invalid for every key") from error

    def rotate(self, token: bytes) -> bytes:
        """Re-encrypt a token under the current (first) key."""
        return self._fernet.rotate(token)


def derive_fernet_key(secret: str | bytes, *, purpose: str = "address-encryption") -> bytes:
    """Derive a valid Fernet key from an arbitrary secret (used for development defaults)."""
    import base64

    raw = secret.encode() if isinstance(secret, str) else secret
    digest = hmac.new(raw, purpose.encode(), hashlib.sha256).digest()
    return base64.urlsafe_b64encode(digest)
