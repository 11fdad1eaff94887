"""Each consultation's own words for redaction, and the cache version they make.

The name finder is statistical and general: it cannot know that "Caia Park" is an estate
or that a member of staff has an unusual name. An officer lists **places to keep**
(estates, shopping centres, landmarks; the consultation's ward names, in English and
Welsh, count without being typed again) and **words to hide** (staff names, small
businesses). Every redaction of the consultation's answers is given both lists, and its
cached text carries a version that includes a digest of them, so an edit has the
consultation's cached redactions computed again.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlmodel import Session

from storage.models._base import table_of
from storage.models.consultation import Consultation
from storage.models.participant import Answer

CONSULTATION = table_of(Consultation)
ANSWER = table_of(Answer)


@dataclass(frozen=True, slots=True)
class RedactionWords:
    """What the redactor is told for one consultation's answers."""

    keep: tuple[str, ...] = ()
    hide: tuple[str, ...] = ()

    def version(self, base: str) -> str:
        """The cache version for redactions made with these words by redactor `base`.

        `base` itself when there are no words (nothing changes for such a consultation);
        otherwise a digest of both, the same length as `base` so the column holds it.
        """
        if not self.keep and not self.hide:
            return base
        digest = hashlib.sha256(base.encode())
        for name, words in (("keep", self.keep), ("hide", self.hide)):
            digest.update(f"\0{name}".encode())
            for word in sorted({" ".join(w.casefold().split()) for w in words}):
                digest.update(b"\0" + word.encode())
        return "nlp.redaction+" + digest.hexdigest()[:12]


NO_WORDS = RedactionWords()


def cache_versions(words: Mapping[int, RedactionWords], base: str) -> dict[int, str]:
    """Each answer's cache version for redactor `base` and its consultation's words (one
    digest per distinct pair of lists, not one per answer)."""
    digests = {w: w.version(base) for w in set(words.values())}
    return {answer_id: digests[w] for answer_id, w in words.items()}


def _ward_names(wards: Any) -> list[str]:
    names: list[str] = []
    for ward in wards or []:
        if isinstance(ward, dict):
            names.extend(str(ward.get(k) or "") for k in ("en", "cy"))
        elif isinstance(ward, str):
            names.append(ward)
    return [n for n in names if n.strip()]


def _words(places: Any, hide: Any, wards: Any) -> RedactionWords:
    keep = [*(places or []), *_ward_names(wards)]
    return RedactionWords(
        keep=tuple(dict.fromkeys(w for w in keep if isinstance(w, str) and w.strip())),
        hide=tuple(w for w in hide or [] if isinstance(w, str) and w.strip()),
    )


def words_of(consultation: Consultation) -> RedactionWords:
    """The lists of a consultation already loaded."""
    return _words(consultation.places_to_keep, consultation.words_to_hide, consultation.wards)


def words_for_consultation(*, session: Session, consultation_id: int) -> RedactionWords:
    row = session.execute(
        select(
            CONSULTATION.c.places_to_keep, CONSULTATION.c.words_to_hide, CONSULTATION.c.wards
        ).where(CONSULTATION.c.id == consultation_id)
    ).first()
    return NO_WORDS if row is None else _words(*row)


def words_for_consultations(
    *, session: Session, consultation_ids: Sequence[int]
) -> dict[int, RedactionWords]:
    """The words of each consultation (one query)."""
    ids = list(dict.fromkeys(consultation_ids))
    if not ids:
        return {}
    rows = session.execute(
        select(
            CONSULTATION.c.id,
            CONSULTATION.c.places_to_keep,
            CONSULTATION.c.words_to_hide,
            CONSULTATION.c.wards,
        ).where(CONSULTATION.c.id.in_(ids))
    )
    return {int(cid): _words(places, hide, wards) for cid, places, hide, wards in rows}


def words_for_answers(*, session: Session, answer_ids: Sequence[int]) -> dict[int, RedactionWords]:
    """Each answer's consultation's words (one query per 1,000 answers)."""
    found: dict[int, RedactionWords] = {}
    by_consultation: dict[int, RedactionWords] = {}
    ids = list(dict.fromkeys(answer_ids))
    for start in range(0, len(ids), 1000):
        rows = session.execute(
            select(
                ANSWER.c.id,
                ANSWER.c.consultation_id,
                CONSULTATION.c.places_to_keep,
                CONSULTATION.c.words_to_hide,
                CONSULTATION.c.wards,
            )
            .select_from(ANSWER.join(CONSULTATION, CONSULTATION.c.id == ANSWER.c.consultation_id))
            .where(ANSWER.c.id.in_(ids[start : start + 1000]))
        )
        for answer_id, consultation_id, places, hide, wards in rows:
            if consultation_id not in by_consultation:
                by_consultation[consultation_id] = _words(places, hide, wards)
            found[int(answer_id)] = by_consultation[consultation_id]
    return found


def set_words(
    *,
    session: Session,
    consultation: Consultation,
    places_to_keep: Sequence[str],
    words_to_hide: Sequence[str],
) -> bool:
    """Store both lists; True when either changed (what was hidden or kept may differ)."""
    places = list(places_to_keep) or None
    hide = list(words_to_hide) or None
    changed = (places, hide) != (consultation.places_to_keep, consultation.words_to_hide)
    consultation.places_to_keep = places
    consultation.words_to_hide = hide
    session.add(consultation)
    session.flush()
    return changed
