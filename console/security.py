"""Passwords, API tokens, CSRF tokens and sign-in throttling for the console."""

from __future__ import annotations

import hashlib
import secrets
from datetime import datetime, timedelta

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy.engine import Engine

from storage.db import session_scope
from storage.models import utcnow
from storage.models.accounts import Officer
from storage.repositories import console_accounts as accounts

_hasher = PasswordHasher()
# Verified when the e-mail is unknown so that a wrong e-mail takes as long as a
# wrong password (no account enumeration by timing).
_DUMMY_HASH = _hasher.hash("not-a-real-password")

MIN_PASSWORD_LENGTH = 10
SESSION_MAX_AGE = 12 * 60 * 60  # one working day
# Sign-in throttling: this many failures per e-mail or per client address in
# the window locks further attempts until the window has passed.
MAX_FAILURES = 5
# Per client address the limit is higher: colleagues behind one council NAT
# should not lock each other out with a few typos.
MAX_FAILURES_PER_CLIENT = 20
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


def new_session_token() -> tuple[str, str]:
    """A console session id for the signed cookie, and the hash to store."""
    token = secrets.token_urlsafe(32)
    return token, hash_session_token(token)


def hash_session_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


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
    """Too many failed sign-ins for this account or client address."""

    def __init__(self, first: bool) -> None:
        super().__init__("throttled")
        #: True for the first refusal of this client in the window (the one worth auditing).
        self.first = first


def authenticate(
    *, engine: Engine, email: str, password: str, client: str, now: datetime | None = None
) -> Officer | None:
    """Check a sign-in; throttle per account and per client address (OWASP ASVS 2.2.1).

    Each attempt first reserves its place (a committed row per key), then counts:
    of any number of parallel attempts at most the limit see a count within it, so
    at most the limit of password checks run. Every attempt that is checked costs
    one argon2 verification, even for an unknown or switched-off account. A good
    password clears the account's failures; a failure keeps its rows, which
    expire with the window.

    Raises:
        SignInThrottled: when the account or the client address has failed too often.
    """
    now = now or utcnow()
    email_key, client_key = f"email:{email.strip().lower()}", f"ip:{client}"
    since = now - FAILURE_WINDOW
    with session_scope(engine) as session:
        reserved = accounts.reserve_sign_in(session=session, keys=[email_key, client_key], at=now)
    with session_scope(engine) as session:
        over_account = (
            accounts.failed_sign_ins_since(session=session, key=email_key, since=since)
            > MAX_FAILURES
        )
        over_client = (
            accounts.failed_sign_ins_since(session=session, key=client_key, since=since)
            > MAX_FAILURES_PER_CLIENT
        )
        if over_account or over_client:
            accounts.release_sign_in(session=session, attempt_ids=reserved)
            first = not accounts.audited_since(
                session=session, action="sign_in_throttled", subject=client_key, since=since
            )
            raise SignInThrottled(first)
        officer = accounts.get_officer_by_email(session=session, email=email)
    usable = officer is not None and officer.active
    good = verify_password(officer.password_hash if usable and officer else _DUMMY_HASH, password)
    with session_scope(engine) as session:
        if not (usable and good and officer is not None):
            accounts.purge_sign_in_failures(session=session, before=now - 2 * FAILURE_WINDOW)
            return None
        accounts.release_sign_in(session=session, attempt_ids=reserved)
        accounts.clear_failed_sign_ins(session=session, key=email_key)
        fresh = accounts.get_officer(session=session, officer_id=officer.id or 0)
        assert fresh is not None
        if _hasher.check_needs_rehash(fresh.password_hash):
            # Same password, stronger hash: not a password change, sessions stay.
            fresh.password_hash = _hasher.hash(password)
        return accounts.update_officer(session=session, officer=fresh, signed_in=True)
