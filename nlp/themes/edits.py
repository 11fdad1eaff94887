"""Officer edits to themes. Each writes a ThemeEdit row and leaves the constraint on the
stored rows (officer label, merged status, officer assignments, pins), which every
refit reads back (see :mod:`nlp.themes.service`)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

import numpy as np
from sqlmodel import Session

from nlp.redaction.consultation_words import words_to_hide_in
from nlp.redaction.redactor import phrase_pattern
from nlp.themes.locking import lock_consultation
from nlp.themes.vectors import from_bytes, normalise_rows, to_bytes
from storage.models.themes import Theme, ThemeStatus
from storage.repositories import embeddings as embedding_repo
from storage.repositories import theme_edits as edits_repo
from storage.repositories import themes as repo
from storage.repositories.redaction_words import words_for_consultation
from storage.repositories.themes import ThemeEditError

__all__ = [
    "ThemeEditError",
    "merge_themes",
    "move_answer",
    "pin_quote",
    "rename_theme",
    "seed_theme",
    "split_theme",
]

MAX_LABEL = 200


def _clean_label(label: str, hide: re.Pattern[str] | None) -> str:
    """The officer's name tidied, or why it cannot be a theme's name.

    A name showing one of the consultation's words to hide is refused rather than masked:
    the officer is there to choose another, and a board, export or API answer never
    shows the word.
    """
    cleaned = " ".join(label.split())
    if not cleaned:
        raise ThemeEditError("a theme name needs at least one word")
    if len(cleaned) > MAX_LABEL:
        raise ThemeEditError(f"a theme name is at most {MAX_LABEL} characters")
    shown = words_to_hide_in(cleaned, hide)
    if shown:
        raise ThemeEditError(f"'{shown[0]}' is one of this consultation's words to hide")
    return cleaned


def _words_to_hide(session: Session, consultation_id: int) -> re.Pattern[str] | None:
    return phrase_pattern(
        words_for_consultation(session=session, consultation_id=consultation_id).hide
    )


def rename_theme(
    *,
    session: Session,
    consultation_id: int,
    theme_id: int,
    label: str,
    label_cy: str | None = None,
    actor: str = "officer",
) -> Theme:
    """Give a theme the officer's own name, and its Welsh name (both kept across refits).

    Without a Welsh name, Welsh residents see the officer's name rather than a generated
    Welsh label that may describe the theme as it was before the rename.
    """
    lock_consultation(session, consultation_id)
    theme = repo.get_theme(session=session, theme_id=theme_id, consultation_id=consultation_id)
    theme = _live_theme(session, theme)
    theme_id = int(theme.id or 0)
    hide = _words_to_hide(session, consultation_id)
    label = _clean_label(label, hide)
    welsh = _clean_label(label_cy, hide) if label_cy is not None else None
    edits_repo.log_edit(
        session=session,
        consultation_id=consultation_id,
        theme_id=theme_id,
        action="rename",
        payload={
            "from": theme.display_label(),
            "to": label,
            "from_cy": theme.display_label("cy"),
            "to_cy": welsh,
        },
        actor=actor,
    )
    # Naming a theme is a decision about what is in it: its answers stay through refits.
    edits_repo.freeze_members(session=session, theme_id=theme_id)
    return repo.save_theme(
        session=session, theme=theme, officer_label=label, officer_label_cy=welsh
    )


def merge_themes(
    *,
    session: Session,
    consultation_id: int,
    source_ids: Sequence[int],
    target_id: int,
    actor: str = "officer",
) -> Theme:
    """Fold themes into ``target_id``; a refit never brings them back apart."""
    lock_consultation(session, consultation_id)
    target = repo.get_theme(session=session, theme_id=target_id, consultation_id=consultation_id)
    if target.status != ThemeStatus.ACTIVE or target.is_other:
        raise ThemeEditError("merge into an active theme that is not 'other'")
    if source_ids and all(s == target_id for s in source_ids):
        raise ThemeEditError("a theme cannot be merged into itself; choose another theme")
    sources = [
        repo.get_theme(session=session, theme_id=s, consultation_id=consultation_id)
        for s in dict.fromkeys(source_ids)
        if s != target_id
    ]
    if not sources:
        raise ThemeEditError("choose at least one other theme to merge")
    for source in sources:
        if source.status != ThemeStatus.ACTIVE:
            raise ThemeEditError(
                f"theme {source.id} was already merged or replaced by a regroup; reload the board"
            )
    vectors = [from_bytes(t.centroid) * max(1, t.size) for t in [target, *sources] if t.centroid]
    for source in sources:
        if source.is_other:
            raise ThemeEditError("the 'other' bucket cannot be merged; move its answers instead")
        repo.retarget_assignments(
            session=session, from_theme_id=int(source.id or 0), to_theme_id=target_id
        )
        repo.save_theme(
            session=session, theme=source, status=ThemeStatus.MERGED, merged_into_id=target_id
        )
    edits_repo.log_edit(
        session=session,
        consultation_id=consultation_id,
        theme_id=target_id,
        action="merge",
        payload={"sources": [s.id for s in sources]},
        actor=actor,
    )
    fields: dict[str, Any] = {"size": target.size + sum(s.size for s in sources)}
    if vectors:
        fields["centroid"] = to_bytes(normalise_rows(np.sum(vectors, axis=0)[None, :])[0])
    if target.officer_label is None:
        # Merging is a naming decision too: pin the names the officer saw.
        fields["officer_label"] = target.display_label()
        if target.label_cy:
            fields["officer_label_cy"] = target.label_cy
    # Both halves' answers are the merged theme's from now on (a refit cannot undo it).
    edits_repo.freeze_members(session=session, theme_id=target_id)
    return repo.save_theme(session=session, theme=target, **fields)


def split_theme(
    *,
    session: Session,
    consultation_id: int,
    theme_id: int,
    parts: Sequence[tuple[str, Sequence[int]]],
    actor: str = "officer",
    welsh_names: Sequence[str] | None = None,
) -> list[Theme]:
    """Split a theme into named parts, each given by some of its answers.

    The chosen answers move to their part and keep any other themes they carry. The
    answers nobody chose go to the nearest part (by meaning), so none is left without
    a theme; a later refit may still move those elsewhere. `welsh_names`, one per part,
    are what Welsh residents see.
    """
    lock_consultation(session, consultation_id)
    theme = repo.get_theme(session=session, theme_id=theme_id, consultation_id=consultation_id)
    if theme.status != ThemeStatus.ACTIVE or theme.is_other:
        raise ThemeEditError("only an active theme (not 'other') can be split; reload the board")
    if len(parts) < 2:
        raise ThemeEditError("a split needs at least two parts")
    if any(not ids for _, ids in parts):
        raise ThemeEditError("every part of a split needs at least one answer")
    if welsh_names is not None and len(welsh_names) != len(parts):
        raise ThemeEditError("give every part of a split a Welsh name")
    hide = _words_to_hide(session, consultation_id)
    names = [_clean_label(label, hide) for label, _ in parts]
    welsh = [_clean_label(n, hide) for n in welsh_names] if welsh_names is not None else None
    members = set(repo.members_of(session=session, theme_id=theme_id))
    chosen = [a for _, ids in parts for a in ids]
    if len(set(chosen)) != len(chosen):
        raise ThemeEditError("an answer can only go to one part of a split")
    strangers = sorted(set(chosen) - members)
    if strangers:
        raise ThemeEditError(f"answer {strangers[0]} is not in this theme")
    created = []
    centres = []
    for index, (_, answer_ids) in enumerate(parts):
        vectors = [
            from_bytes(e.vector)
            for a in answer_ids
            if (e := embedding_repo.embedding_of(session=session, answer_id=a)) is not None
        ]
        centre = (
            normalise_rows(np.mean(vectors, axis=0)[None, :])[0]
            if vectors
            else (from_bytes(theme.centroid) if theme.centroid else None)
        )
        part = repo.add_theme(
            session=session,
            consultation_id=consultation_id,
            officer_label=names[index],
            label_en=names[index],
            officer_label_cy=welsh[index] if welsh else None,
            label_cy=welsh[index] if welsh else "",
            model=theme.model,
            size=len(answer_ids),
            centroid=None if centre is None else to_bytes(centre),
        )
        for answer_id in answer_ids:
            edits_repo.move_assignment(
                session=session, answer_id=answer_id, from_theme_id=theme_id, to_theme_id=part.id
            )
        created.append(part)
        centres.append(centre)
    _place_unchosen(session, theme_id, members - set(chosen), created, centres)
    repo.save_theme(
        session=session, theme=theme, status=ThemeStatus.MERGED, merged_into_id=created[0].id
    )
    edits_repo.log_edit(
        session=session,
        consultation_id=consultation_id,
        theme_id=theme_id,
        action="split",
        payload={
            "parts": [
                {"theme_id": p.id, "label": p.officer_label, "answers": list(ids)}
                for p, (_, ids) in zip(created, parts, strict=True)
            ]
        },
        actor=actor,
    )
    return created


def _place_unchosen(
    session: Session,
    theme_id: int,
    answer_ids: set[int],
    parts: list[Theme],
    centres: list[np.ndarray | None],
) -> None:
    """Answers of a split theme nobody chose: to the part nearest in meaning."""
    usable = [(p, c) for p, c in zip(parts, centres, strict=True) if c is not None]
    for answer_id in sorted(answer_ids):
        stored = embedding_repo.embedding_of(session=session, answer_id=answer_id)
        target = parts[0]
        if stored is not None and usable:
            vector = from_bytes(stored.vector)
            target = max(usable, key=lambda pc: float(pc[1] @ vector))[0]
        edits_repo.retarget_answer(
            session=session, answer_id=answer_id, from_theme_id=theme_id, to_theme_id=target.id
        )


def move_answer(
    *,
    session: Session,
    consultation_id: int,
    answer_id: int,
    theme_id: int,
    actor: str = "officer",
) -> None:
    """Put an answer in a theme (its only theme); refits keep it there.

    A theme merged away meanwhile (by an officer or a concurrent regroup) forwards to
    the theme it became; one a regroup retired is refused with a clear message.
    """
    lock_consultation(session, consultation_id)
    theme = repo.get_theme(session=session, theme_id=theme_id, consultation_id=consultation_id)
    theme_id = int(_live_theme(session, theme).id or 0)
    if (
        embedding_repo.consultation_of_answer(session=session, answer_id=answer_id)
        != consultation_id
    ):
        raise ThemeEditError(f"answer {answer_id} is not in this consultation")
    _move(session, answer_id, theme_id)
    edits_repo.log_edit(
        session=session,
        consultation_id=consultation_id,
        theme_id=theme_id,
        action="move",
        payload={"answer_id": answer_id},
        actor=actor,
    )


def _live_theme(session: Session, theme: Theme) -> Theme:
    seen: set[int] = set()
    while theme.status == ThemeStatus.MERGED and theme.merged_into_id is not None:
        if theme.merged_into_id in seen:
            break
        seen.add(theme.merged_into_id)
        theme = repo.get_theme(session=session, theme_id=theme.merged_into_id)
    if theme.status != ThemeStatus.ACTIVE:
        raise ThemeEditError(
            "that theme was replaced when the themes were regrouped; reload the board and "
            "choose again (nothing was changed)"
        )
    return theme


def _move(session: Session, answer_id: int, theme_id: int) -> None:
    repo.delete_assignments(session=session, answer_id=answer_id, except_theme_id=theme_id)
    repo.set_officer_assignment(session=session, answer_id=answer_id, theme_id=theme_id)


def pin_quote(
    *,
    session: Session,
    consultation_id: int,
    answer_id: int,
    theme_id: int,
    pinned: bool = True,
    actor: str = "officer",
) -> None:
    """Pin (or unpin) an answer as a quote of a theme; pinned quotes are shown first."""
    lock_consultation(session, consultation_id)
    theme = repo.get_theme(session=session, theme_id=theme_id, consultation_id=consultation_id)
    theme = _live_theme(session, theme)
    theme_id = int(theme.id or 0)
    if (
        embedding_repo.consultation_of_answer(session=session, answer_id=answer_id)
        != consultation_id
    ):
        raise ThemeEditError(f"answer {answer_id} is not in this consultation")
    repo.set_officer_assignment(
        session=session, answer_id=answer_id, theme_id=theme_id, pinned=pinned
    )
    edits_repo.log_edit(
        session=session,
        consultation_id=consultation_id,
        theme_id=theme_id,
        action="pin" if pinned else "unpin",
        payload={"answer_id": answer_id},
        actor=actor,
    )
    quotes = [q for q in (theme.quote_answer_ids or []) if q != answer_id]
    repo.save_theme(
        session=session, theme=theme, quote_answer_ids=([answer_id] if pinned else []) + quotes
    )


def seed_theme(
    *,
    session: Session,
    consultation_id: int,
    label: str,
    examples: Sequence[str],
    embedder: Any,
    actor: str = "officer",
    label_cy: str | None = None,
) -> Theme:
    """Add a codebook theme from a name (and its Welsh name) and a few example answers.

    The examples (and the name) are embedded; the theme takes answers near them at the
    next refit and from then on, beside the themes discovered on their own.
    """
    hide = _words_to_hide(session, consultation_id)
    label = _clean_label(label, hide)
    welsh = _clean_label(label_cy, hide) if label_cy is not None else None
    texts = [" ".join(e.split()) for e in examples if e and e.strip()]
    vectors = np.asarray(embedder.encode([label, *texts]), dtype=np.float32)
    vectors = vectors[np.abs(vectors).sum(axis=1) > 0]
    if len(vectors) == 0:
        raise ThemeEditError("give the seed theme a name or examples with words in them")
    theme = repo.add_theme(
        session=session,
        consultation_id=consultation_id,
        officer_label=label,
        label_en=label,
        officer_label_cy=welsh,
        label_cy=welsh or "",
        is_seed=True,
        model=embedder.name,
        centroid=to_bytes(normalise_rows(vectors.mean(axis=0)[None, :])[0]),
    )
    edits_repo.log_edit(
        session=session,
        consultation_id=consultation_id,
        theme_id=theme.id,
        action="seed",
        payload={"label": label, "examples": texts},
        actor=actor,
    )
    return theme
