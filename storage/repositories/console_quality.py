"""Hand-coded samples for the quality check."""

from __future__ import annotations

import random

from sqlalchemy import select
from sqlmodel import Session, col
from sqlmodel import select as orm_select

from storage.models import utcnow
from storage.models._base import table_of
from storage.models.participant import Answer
from storage.models.quality import HandCode, QualitySample
from storage.models.themes import ThemeAssignment

ANSWER = table_of(Answer)


def save_codes(
    *, session: Session, consultation_id: int, officer_id: int, codes: dict[int, int | None]
) -> None:
    """Record (or change) this officer's theme for each answer; None means "none of these"."""
    existing = {
        c.answer_id: c
        for c in session.exec(
            orm_select(HandCode).where(
                HandCode.officer_id == officer_id,
                col(HandCode.answer_id).in_(list(codes)),
            )
        )
    }
    for answer_id, theme_id in codes.items():
        code = existing.get(answer_id) or HandCode(
            consultation_id=consultation_id, answer_id=answer_id, officer_id=officer_id
        )
        code.theme_id = theme_id
        session.add(code)
    session.flush()


# --- the accuracy statement: a stored, stratified sample; multi-theme codes ------------

ASSIGNMENT = table_of(ThemeAssignment)


def draw_stratified_sample(
    *, session: Session, consultation_id: int, size: int, seed: int, drawn_by: str
) -> QualitySample:
    """Draw (or redraw) the consultation's sample: answers spread over main themes in
    proportion to their sizes, every theme with at least one answer where size allows."""
    rows = session.execute(
        select(ANSWER.c.id, ASSIGNMENT.c.theme_id)
        .select_from(
            ANSWER.outerjoin(
                ASSIGNMENT, (ASSIGNMENT.c.answer_id == ANSWER.c.id) & (ASSIGNMENT.c.rank == 0)
            )
        )
        .where(ANSWER.c.consultation_id == consultation_id)
        .order_by(ANSWER.c.id)
    )
    strata: dict[int | None, list[int]] = {}
    for answer_id, theme_id in rows:
        strata.setdefault(theme_id, []).append(int(answer_id))
    rng = random.Random(seed)
    for members in strata.values():
        rng.shuffle(members)
    total = sum(len(m) for m in strata.values())
    size = min(size, total)
    # Largest remainder: each stratum its proportional share, at least one while room remains.
    quotas = {k: size * len(m) / total for k, m in strata.items()} if total else {}
    take = {k: min(len(strata[k]), max(1, int(q))) for k, q in quotas.items()}
    while sum(take.values()) > size:
        largest = max(take, key=lambda k: (take[k], str(k)))
        take[largest] -= 1
    by_remainder = sorted(quotas, key=lambda k: (quotas[k] - int(quotas[k]), str(k)), reverse=True)
    while sum(take.values()) < size:
        grew = False
        for key in by_remainder:
            if sum(take.values()) < size and take[key] < len(strata[key]):
                take[key] += 1
                grew = True
        if not grew:
            break
    chosen = sorted(a for k, members in strata.items() for a in members[: take.get(k, 0)])
    sample = current_sample(session=session, consultation_id=consultation_id) or QualitySample(
        consultation_id=consultation_id, answer_ids=[]
    )
    sample.answer_ids = chosen
    sample.strata = len([k for k in strata if k is not None])
    sample.drawn_by = drawn_by[:254]
    sample.created_at = utcnow()
    session.add(sample)
    session.flush()
    return sample


def current_sample(*, session: Session, consultation_id: int) -> QualitySample | None:
    return session.exec(
        orm_select(QualitySample).where(QualitySample.consultation_id == consultation_id)
    ).first()


def save_multi_codes(
    *,
    session: Session,
    consultation_id: int,
    officer_id: int,
    codes: dict[int, tuple[int | None, list[int]]],
) -> None:
    """Each answer's main theme (None: "none of these") and further themes, for one officer."""
    save_codes(
        session=session,
        consultation_id=consultation_id,
        officer_id=officer_id,
        codes={a: main for a, (main, _) in codes.items()},
    )
    for code in session.exec(
        orm_select(HandCode).where(
            HandCode.officer_id == officer_id, col(HandCode.answer_id).in_(list(codes))
        )
    ):
        main, also = codes[code.answer_id]
        code.also_theme_ids = sorted({t for t in also if t != main}) if main is not None else []
        session.add(code)
    session.flush()


def every_officers_codes(
    *, session: Session, consultation_id: int
) -> dict[int, dict[int, tuple[int | None, frozenset[int]]]]:
    """{officer id: {answer id: (main theme, every theme)}}."""
    result: dict[int, dict[int, tuple[int | None, frozenset[int]]]] = {}
    for code in session.exec(
        orm_select(HandCode).where(HandCode.consultation_id == consultation_id)
    ):
        themes = frozenset(
            ([code.theme_id] if code.theme_id is not None else []) + (code.also_theme_ids or [])
        )
        result.setdefault(code.officer_id, {})[code.answer_id] = (code.theme_id, themes)
    return result


def automatic_codes(
    *, session: Session, answer_ids: list[int]
) -> dict[int, tuple[int | None, frozenset[int]]]:
    """The automatic themes of each answer: (main theme, every theme)."""
    found: dict[int, tuple[int | None, set[int]]] = {a: (None, set()) for a in answer_ids}
    for answer_id, theme_id, rank in session.execute(
        select(ASSIGNMENT.c.answer_id, ASSIGNMENT.c.theme_id, ASSIGNMENT.c.rank).where(
            ASSIGNMENT.c.answer_id.in_(answer_ids)
        )
    ):
        main, themes = found[int(answer_id)]
        themes.add(int(theme_id))
        if rank == 0:
            found[int(answer_id)] = (int(theme_id), themes)
    return {a: (main, frozenset(themes)) for a, (main, themes) in found.items()}
