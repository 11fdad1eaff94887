"""Officer accounts, consultation shares, API tokens, sign-in attempts and the audit log."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import delete, func, update
from sqlmodel import Session, col, select

from storage.models import AuditEvent, Consultation, utcnow
from storage.models.accounts import (
    ApiToken,
    ConsoleSession,
    ConsultationShare,
    LoginAttempt,
    Officer,
    Role,
)


class AccountError(ValueError):
    """An account change that cannot be accepted (duplicate e-mail, unknown role...)."""


def normalise_email(email: str) -> str:
    cleaned = email.strip().lower()
    if "@" not in cleaned or len(cleaned) > 254 or any(ch.isspace() for ch in cleaned):
        raise AccountError(f"{email!r} is not an e-mail address")
    return cleaned


def create_officer(
    *,
    session: Session,
    email: str,
    password_hash: str,
    role: Role | str,
    display_name: str = "",
) -> Officer:
    email = normalise_email(email)
    try:
        role = Role(role)
    except ValueError:
        raise AccountError(
            f"unknown role {role!r}; choose one of {', '.join(r.value for r in Role)}"
        ) from None
    if get_officer_by_email(session=session, email=email) is not None:
        raise AccountError(f"an account for {email} already exists")
    officer = Officer(
        email=email, password_hash=password_hash, role=role, display_name=display_name.strip()
    )
    session.add(officer)
    session.flush()
    return officer


def get_officer(*, session: Session, officer_id: int) -> Officer | None:
    return session.get(Officer, officer_id)


def get_officer_by_email(*, session: Session, email: str) -> Officer | None:
    return session.exec(select(Officer).where(Officer.email == email.strip().lower())).first()


def list_officers(*, session: Session) -> list[Officer]:
    return list(session.exec(select(Officer).order_by(col(Officer.email))))


def update_officer(
    *,
    session: Session,
    officer: Officer,
    role: Role | None = None,
    active: bool | None = None,
    password_hash: str | None = None,
    signed_in: bool = False,
    language: str | None = None,
    follow_browser: bool = False,
) -> Officer:
    if role is not None:
        officer.role = role
    if active is not None:
        officer.active = active
    if password_hash is not None and password_hash != officer.password_hash:
        officer.password_hash = password_hash
        revoke_officer_sessions(session=session, officer_id=officer.id or 0)
    if active is False:
        revoke_officer_sessions(session=session, officer_id=officer.id or 0)
    if signed_in:
        officer.last_sign_in_at = utcnow()
    if language is not None:
        officer.console_language = language
    elif follow_browser:
        officer.console_language = None
    session.add(officer)
    session.flush()
    return officer


# --- console sessions (server-side, so they can be ended) -----------------------------


def create_console_session(*, session: Session, officer_id: int, token_hash: str) -> None:
    session.add(ConsoleSession(officer_id=officer_id, token_hash=token_hash))
    session.flush()


def officer_for_console_session(
    *, session: Session, token_hash: str, not_before: datetime
) -> Officer | None:
    """The active officer of a live session started after `not_before`, else None."""
    row = session.exec(
        select(Officer)
        .join(ConsoleSession, col(ConsoleSession.officer_id) == col(Officer.id))
        .where(
            ConsoleSession.token_hash == token_hash,
            col(ConsoleSession.revoked_at).is_(None),
            col(ConsoleSession.created_at) >= not_before,
            col(Officer.active).is_(True),
        )
    ).first()
    return row


def revoke_console_session(*, session: Session, token_hash: str) -> None:
    session.execute(
        update(ConsoleSession)
        .where(col(ConsoleSession.token_hash) == token_hash)
        .values(revoked_at=utcnow())
    )


def revoke_officer_sessions(*, session: Session, officer_id: int) -> None:
    """End every session of an account (password changed, account switched off)."""
    session.execute(
        update(ConsoleSession)
        .where(
            col(ConsoleSession.officer_id) == officer_id,
            col(ConsoleSession.revoked_at).is_(None),
        )
        .values(revoked_at=utcnow())
    )


def purge_console_sessions(*, session: Session, before: datetime) -> None:
    """Forget sessions that ended or expired before `before` (they can never work again)."""
    session.execute(
        delete(ConsoleSession).where(
            (col(ConsoleSession.created_at) < before) | (col(ConsoleSession.revoked_at) < before)
        )
    )


# --- who may see which consultation -------------------------------------------------


def share_consultation(
    *, session: Session, consultation_id: int, officer_id: int, owner: bool = False
) -> ConsultationShare:
    existing = session.exec(
        select(ConsultationShare).where(
            ConsultationShare.consultation_id == consultation_id,
            ConsultationShare.officer_id == officer_id,
        )
    ).first()
    if existing is not None:
        return existing
    share = ConsultationShare(consultation_id=consultation_id, officer_id=officer_id, owner=owner)
    session.add(share)
    session.flush()
    return share


def unshare_consultation(*, session: Session, consultation_id: int, officer_id: int) -> None:
    session.execute(
        delete(ConsultationShare).where(
            col(ConsultationShare.consultation_id) == consultation_id,
            col(ConsultationShare.officer_id) == officer_id,
            col(ConsultationShare.owner).is_(False),
        )
    )


def shares_of(*, session: Session, consultation_id: int) -> list[tuple[ConsultationShare, Officer]]:
    rows = session.exec(
        select(ConsultationShare, Officer)
        .join(Officer, col(Officer.id) == ConsultationShare.officer_id)
        .where(ConsultationShare.consultation_id == consultation_id)
        .order_by(col(Officer.email))
    )
    return [(share, officer) for share, officer in rows]


def is_shared_with(*, session: Session, consultation_id: int, officer_id: int) -> bool:
    return (
        session.exec(
            select(ConsultationShare.id).where(
                ConsultationShare.consultation_id == consultation_id,
                ConsultationShare.officer_id == officer_id,
            )
        ).first()
        is not None
    )


def consultations_for(*, session: Session, officer: Officer) -> list[Consultation]:
    """Every consultation for an admin; otherwise the ones shared with the officer."""
    query = select(Consultation).order_by(col(Consultation.id).desc())
    if officer.role != Role.ADMIN:
        query = query.join(
            ConsultationShare, col(ConsultationShare.consultation_id) == Consultation.id
        ).where(ConsultationShare.officer_id == officer.id)
    return list(session.exec(query))


# --- API tokens ---------------------------------------------------------------------


def create_api_token(
    *, session: Session, officer_id: int, token_hash: str, name: str = ""
) -> ApiToken:
    token = ApiToken(officer_id=officer_id, token_hash=token_hash, name=name.strip()[:120])
    session.add(token)
    session.flush()
    return token


def officer_for_token(*, session: Session, token_hash: str) -> Officer | None:
    """The active officer owning an unrevoked token; records when it was last used."""
    row = session.exec(
        select(ApiToken, Officer)
        .join(Officer, col(Officer.id) == ApiToken.officer_id)
        .where(ApiToken.token_hash == token_hash, col(ApiToken.revoked).is_(False))
    ).first()
    if row is None or not row[1].active:
        return None
    token, officer = row
    token.last_used_at = utcnow()
    session.add(token)
    return officer


def tokens_of(*, session: Session, officer_id: int) -> list[ApiToken]:
    return list(
        session.exec(
            select(ApiToken)
            .where(ApiToken.officer_id == officer_id)
            .order_by(col(ApiToken.id).desc())
        )
    )


def revoke_api_token(*, session: Session, token_id: int, officer_id: int) -> bool:
    token = session.get(ApiToken, token_id)
    if token is None or token.officer_id != officer_id:
        return False
    token.revoked = True
    session.add(token)
    return True


# --- sign-in rate limiting ----------------------------------------------------------


def record_failed_sign_in(*, session: Session, keys: list[str], at: datetime | None = None) -> None:
    for key in keys:
        session.add(LoginAttempt(key=key[:300], at=at or utcnow()))
    session.flush()


def reserve_sign_in(*, session: Session, keys: list[str], at: datetime) -> list[int]:
    """Count an attempt before checking it (a failure unless released); returns the row ids."""
    rows = [LoginAttempt(key=key[:300], at=at) for key in keys]
    session.add_all(rows)
    session.flush()
    return [row.id or 0 for row in rows]


def release_sign_in(*, session: Session, attempt_ids: list[int]) -> None:
    session.execute(delete(LoginAttempt).where(col(LoginAttempt.id).in_(attempt_ids)))


def failed_sign_ins_since(*, session: Session, key: str, since: datetime) -> int:
    return int(
        session.exec(
            select(func.count())
            .select_from(LoginAttempt)
            .where(LoginAttempt.key == key, col(LoginAttempt.at) >= since)
        ).one()
    )


def clear_failed_sign_ins(*, session: Session, key: str) -> None:
    """Forget a key's failures (after a good sign-in)."""
    session.execute(delete(LoginAttempt).where(col(LoginAttempt.key) == key))


def purge_sign_in_failures(*, session: Session, before: datetime) -> None:
    """Drop failures too old to count, so the table stays small."""
    session.execute(delete(LoginAttempt).where(col(LoginAttempt.at) < before))


# --- audit --------------------------------------------------------------------------


def audit(
    *,
    session: Session,
    actor: str,
    action: str,
    subject: str = "",
    detail: dict[str, Any] | None = None,
) -> AuditEvent:
    event = AuditEvent(actor=actor[:64], action=action[:64], subject=subject[:128], detail=detail)
    session.add(event)
    session.flush()
    return event


def audited_since(*, session: Session, action: str, subject: str, since: datetime) -> bool:
    """Whether this action on this subject is already in the log since `since`."""
    return (
        session.exec(
            select(AuditEvent.id).where(
                AuditEvent.action == action,
                AuditEvent.subject == subject[:128],
                col(AuditEvent.at) >= since,
            )
        ).first()
        is not None
    )


def recent_audit(*, session: Session, limit: int = 200) -> list[AuditEvent]:
    return list(session.exec(select(AuditEvent).order_by(col(AuditEvent.id).desc()).limit(limit)))
