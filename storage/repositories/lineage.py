"""Consultations linked across rounds and years, and their matched themes."""

from __future__ import annotations

from sqlmodel import Session, col, select

from storage.models import Consultation, utcnow
from storage.models.lineage import ConsultationLink, MatchState, ThemeMatch
from storage.models.themes import Theme, ThemeStatus


class LinkError(ValueError):
    """A link or match that cannot be made; the message says why."""


def link_consultations(
    *, session: Session, consultation_id: int, earlier_id: int
) -> ConsultationLink:
    """Say that `consultation_id` follows on from `earlier_id`."""
    if consultation_id == earlier_id:
        raise LinkError("A consultation cannot follow on from itself.")
    if session.get(Consultation, earlier_id) is None:
        raise LinkError("No such earlier consultation.")
    if earlier_links(session=session, consultation_id=consultation_id, earlier_id=earlier_id):
        raise LinkError("These consultations are already linked.")
    # Following the chain back from the earlier one must never reach this one.
    frontier, seen = [earlier_id], {earlier_id}
    while frontier:
        current = frontier.pop()
        for link in earlier_links(session=session, consultation_id=current):
            if link.earlier_id == consultation_id:
                raise LinkError("That consultation already follows on from this one.")
            if link.earlier_id not in seen:
                seen.add(link.earlier_id)
                frontier.append(link.earlier_id)
    link = ConsultationLink(consultation_id=consultation_id, earlier_id=earlier_id)
    session.add(link)
    session.flush()
    return link


def earlier_links(
    *, session: Session, consultation_id: int, earlier_id: int | None = None
) -> list[ConsultationLink]:
    """The consultations this one follows on from, oldest link first."""
    query = select(ConsultationLink).where(ConsultationLink.consultation_id == consultation_id)
    if earlier_id is not None:
        query = query.where(ConsultationLink.earlier_id == earlier_id)
    return list(session.exec(query.order_by(col(ConsultationLink.id))))


def unlink(*, session: Session, consultation_id: int, link_id: int) -> None:
    link = session.get(ConsultationLink, link_id)
    if link is None or link.consultation_id != consultation_id:
        raise LinkError("No such link for this consultation.")
    session.delete(link)
    session.flush()


def matches_of(*, session: Session, link_id: int) -> list[ThemeMatch]:
    return list(
        session.exec(
            select(ThemeMatch).where(ThemeMatch.link_id == link_id).order_by(col(ThemeMatch.id))
        )
    )


def replace_suggestions(
    *, session: Session, link: ConsultationLink, pairs: list[tuple[int, int, float]]
) -> int:
    """Store fresh suggestions, keeping what an officer decided.

    A confirmed match holds its two themes; a refused pair is never suggested again.
    Returns the number of suggestions stored.
    """
    existing = matches_of(session=session, link_id=link.id or 0)
    decided = [m for m in existing if m.state != MatchState.SUGGESTED]
    confirmed_later = {m.theme_id for m in decided if m.state == MatchState.CONFIRMED}
    confirmed_earlier = {m.earlier_theme_id for m in decided if m.state == MatchState.CONFIRMED}
    refused = {(m.theme_id, m.earlier_theme_id) for m in decided if m.state == MatchState.REFUSED}
    for match in existing:
        if match.state == MatchState.SUGGESTED:
            session.delete(match)
    session.flush()
    stored = 0
    for theme_id, earlier_theme_id, score in pairs:
        if (
            theme_id in confirmed_later
            or earlier_theme_id in confirmed_earlier
            or (theme_id, earlier_theme_id) in refused
        ):
            continue
        session.add(
            ThemeMatch(
                link_id=link.id or 0,
                theme_id=theme_id,
                earlier_theme_id=earlier_theme_id,
                score=score,
            )
        )
        stored += 1
    session.flush()
    return stored


def decide_match(
    *, session: Session, consultation_id: int, match_id: int, state: MatchState
) -> ThemeMatch:
    """Confirm or refuse a suggested match of this consultation."""
    match = session.get(ThemeMatch, match_id)
    link = session.get(ConsultationLink, match.link_id) if match is not None else None
    if match is None or link is None or link.consultation_id != consultation_id:
        raise LinkError("No such match for this consultation.")
    if state == MatchState.CONFIRMED:
        for other in matches_of(session=session, link_id=link.id or 0):
            clash = other.theme_id == match.theme_id or (
                other.earlier_theme_id == match.earlier_theme_id
            )
            if other.id != match.id and clash and other.state == MatchState.CONFIRMED:
                raise LinkError("One of these themes is already matched; undo that match first.")
    match.state = state
    match.updated_at = utcnow()
    session.add(match)
    session.flush()
    return match


def match_by_hand(
    *, session: Session, link: ConsultationLink, theme_id: int, earlier_theme_id: int
) -> ThemeMatch:
    """An officer's own match (the one the suggestions missed), confirmed at once."""
    theme = session.get(Theme, theme_id)
    earlier = session.get(Theme, earlier_theme_id)
    if theme is None or theme.consultation_id != link.consultation_id:
        raise LinkError("No such theme in this consultation.")
    if earlier is None or earlier.consultation_id != link.earlier_id:
        raise LinkError("No such theme in the earlier consultation.")
    if theme.status != ThemeStatus.ACTIVE or earlier.status != ThemeStatus.ACTIVE:
        raise LinkError("Only current themes can be matched.")
    match = session.exec(
        select(ThemeMatch)
        .where(ThemeMatch.theme_id == theme_id)
        .where(ThemeMatch.earlier_theme_id == earlier_theme_id)
    ).first() or ThemeMatch(
        link_id=link.id or 0, theme_id=theme_id, earlier_theme_id=earlier_theme_id, score=1.0
    )
    session.add(match)
    session.flush()
    return decide_match(
        session=session,
        consultation_id=link.consultation_id,
        match_id=match.id or 0,
        state=MatchState.CONFIRMED,
    )
