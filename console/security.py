"""Passwords, API tokens, CSRF tokens and sign-in throttling for the console."""

from __future__ import annotations

import hashlib
import secrets
from datetime import datetime, timedelta

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlmodel import Session

from storage.models import utcnow
from storage.models.accounts import Officer
from storage.repositories import console_accounts as accounts

_hasher = PasswordHasher()
# Verified when the e-mail is unknown so that a wrong e-mail takes as long as a
# wrong password (no account enumeration by timing).
_DUMMY_HASH = _hasher.hash("not-a-real-password")

MIN_PASSWORD_LENGTH = 10
# Sign-in throttling: this many failures per e-mail or per client address in
# the window locks further attempts until the window has passed.
MAX_FAILURES = 5
FAILURE_WINDOW = timedelta(minutes=15)


class PasswordPolicyError(ValueError):
    """A password too weak to accept."""


def hash_password(password: str) -> str:
    if len(password) < MIN_PASSWORD_LENGTH:
        raise PasswordPolicyError(f"a password needs at least {MIN_PASSWORD_LENGTH} characters")
    return _hasher.hash(password)


def verify_password(password_hash: str, password: str) -> bool:
    try:
        return _hasher.verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def session_fingerprint(officer: Officer) -> str:
    """Changes when the password changes, so old session cookies stop working."""
    return hashlib.sha256(officer.password_hash.encode()).hexdigest()[:16]


def new_csrf_token() -> str:
    return secrets.token_urlsafe(32)


def csrf_matches(expected: str | None, given: str | None) -> bool:
    if not expected or not given:
        return False
    return secrets.compare_digest(expected.encode(), given.encode())


def new_api_token() -> tuple[str, str]:
    """A fresh token to show once, and the hash to store."""
    token = "wm_" + secrets.token_urlsafe(32)
    return token, hash_api_token(token)


def hash_api_token(token: str) -> str:
    # Tokens are long and random, so a fast hash is enough (no dictionary to attack).
    return hashlib.sha256(token.encode()).hexdigest()


class SignInThrottled(Exception):
    """Too many failed sign-ins for this e-mail or client address."""


def authenticate(
    *, session: Session, email: str, password: str, client: str, now: datetime | None = None
) -> Officer | None:
    """Check a sign-in; records failures and refuses while throttled.

    Raises:
        SignInThrottled: when the e-mail or the client address has failed too often.
    """
    now = now or utcnow()
    keys = [f"email:{email.strip().lower()}", f"ip:{client}"]
    since = now - FAILURE_WINDOW
    if any(
        accounts.failed_sign_ins_since(session=session, key=key, since=since) >= MAX_FAILURES
        for key in keys
    ):
        raise SignInThrottled()
    officer = accounts.get_officer_by_email(session=session, email=email)
    if officer is None:
        verify_password(_DUMMY_HASH, password)
    elif officer.active and verify_password(officer.password_hash, password):
        accounts.clear_failed_sign_ins(session=session, key=keys[0])
        if _hasher.check_needs_rehash(officer.password_hash):
            officer.password_hash = _hasher.hash(password)
        accounts.update_officer(session=session, officer=officer, signed_in=True)
        return officer
    accounts.purge_sign_in_failures(session=session, before=now - 2 * FAILURE_WINDOW)
    accounts.record_failed_sign_in(session=session, keys=keys, at=now)
    return None
