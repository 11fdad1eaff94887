"""Workshop pages: a projector quote wall and printable quote cards. Approved quotes only."""

from __future__ import annotations

from collections import defaultdict
from typing import Literal

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, Response

from app.services import ServicesDep
from console.deps import CurrentOfficer, WorkshopConsultation, check_csrf
from console.i18n import LocalisedHTTPException
from console.templating import page_language, render
from storage.db import session_scope
from storage.repositories import themes as themes_store
from storage.repositories.quotes import ApprovedQuote, approved_quotes

router = APIRouter(prefix="/workshop", dependencies=[Depends(check_csrf)], tags=["workshop"])
CARDS_PER_PAGE = 6


def _quotes(
    services: ServicesDep, consultation_id: int, language: str = "en"
) -> tuple[dict[int, str], list[ApprovedQuote]]:
    # approved_quotes is the only source: it returns redacted, approved text and nothing else.
    with session_scope(services.db) as session:
        quotes = approved_quotes(session=session, consultation_id=consultation_id)
        labels = {
            # In the page's language: a Welsh workshop sees the officers' Welsh names.
            t.id or 0: t.display_label(language)
            for t in themes_store.list_themes(
                session=session,
                consultation_id=consultation_id,
                statuses=("active", "merged", "retired"),
            )
        }
    return labels, quotes


@router.get("/{consultation_id}", response_class=HTMLResponse)
def index(
    request: Request,
    services: ServicesDep,
    officer: CurrentOfficer,
    consultation: WorkshopConsultation,
) -> Response:
    """Themes that have approved quotes, with links to the wall and the cards."""
    labels, quotes = _quotes(services, consultation.id or 0, page_language(request, officer))
    counts: dict[int | None, int] = defaultdict(int)
    for quote in quotes:
        counts[quote.theme_id] += 1
    themes = sorted(
        ((tid, labels.get(tid or 0, ""), n) for tid, n in counts.items()),
        key=lambda item: (-item[2], item[1]),
    )
    return render(
        request,
        "workshop_index.html",
        officer=officer,
        consultation=consultation,
        themes=themes,
        total=len(quotes),
    )


@router.get("/{consultation_id}/wall", response_class=HTMLResponse)
def wall(
    request: Request,
    services: ServicesDep,
    officer: CurrentOfficer,
    consultation: WorkshopConsultation,
    theme: int | None = None,
    mode: Literal["one", "grid"] = "one",
    i: int = 0,
) -> Response:
    """One quote at a time (arrow keys or links move on) or every quote in a grid."""
    labels, quotes = _quotes(services, consultation.id or 0, page_language(request, officer))
    if theme is not None:
        quotes = [q for q in quotes if q.theme_id == theme]
        if not quotes:
            raise LocalisedHTTPException(404, "error-no-approved-quotes")
    position = min(max(i, 0), max(len(quotes) - 1, 0))
    return render(
        request,
        "workshop_wall.html",
        officer=officer,
        consultation=consultation,
        quotes=quotes,
        labels=labels,
        theme=theme,
        mode=mode,
        position=position,
        # Empty: the page says "All themes" in its own language.
        title=labels.get(theme or 0, "") if theme else "",
    )


@router.get("/{consultation_id}/cards", response_class=HTMLResponse)
def cards(
    request: Request,
    services: ServicesDep,
    officer: CurrentOfficer,
    consultation: WorkshopConsultation,
    theme: int | None = None,
) -> Response:
    """A4 sheets of quote cards, six to a page, to cut out for table work."""
    labels, quotes = _quotes(services, consultation.id or 0, page_language(request, officer))
    if theme is not None:
        quotes = [q for q in quotes if q.theme_id == theme]
    pages = [quotes[n : n + CARDS_PER_PAGE] for n in range(0, len(quotes), CARDS_PER_PAGE)]
    return render(
        request,
        "workshop_cards.html",
        officer=officer,
        consultation=consultation,
        pages=pages,
        labels=labels,
    )
