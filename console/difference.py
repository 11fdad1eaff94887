"""A draft of the Your Voice section "what difference it made", from the theme responses.

The officer edits the draft before saving it: it is a starting point written in
the council's voice, one line per theme, in English and in Welsh. A response
written in one language only appears in that language's draft alone, so the
Welsh text never carries English words the officer has not translated.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from babel.dates import format_date

from storage.models.responses import Decision, ThemeResponse
from storage.repositories.responses import ResponseRow

_OPENING = {
    "en": "You told us what matters to you. This is what we are doing about each theme we heard.",
    "cy": (
        "Fe ddywedoch chi wrthym beth sy'n bwysig i chi. "
        "Dyma beth rydyn ni'n ei wneud am bob thema a glywson ni."
    ),
}
_NOTHING = {
    "en": "We have not yet recorded a response to any theme.",
    "cy": "Nid ydyn ni wedi cofnodi ymateb i unrhyw thema eto.",
}
_DECISION = {
    "en": {
        Decision.WILL_DO: "we will act on this: {detail}",
        Decision.ALREADY_DOING: "we are already doing this: {detail}",
        Decision.NOT_DOING: "we considered this, but we will not do it: {detail}",
        Decision.PASSED_ON: "we have passed this to {passed_to}.",
    },
    "cy": {
        Decision.WILL_DO: "byddwn ni'n gweithredu ar hyn: {detail}",
        Decision.ALREADY_DOING: "rydyn ni eisoes yn gwneud hyn: {detail}",
        Decision.NOT_DOING: "fe wnaethon ni ystyried hyn, ond ni fyddwn ni'n ei wneud: {detail}",
        Decision.PASSED_ON: "rydyn ni wedi trosglwyddo hyn i {passed_to}.",
    },
}
_OWNER = {"en": "Led by {owner}", "cy": "Yn cael ei arwain gan {owner}"}
_BY = {"en": "by {when}", "cy": "erbyn {when}"}
_DONE = {"en": "done in {when}", "cy": "wedi'i gwblhau ym mis {when}"}


def _sentence(text: str) -> str:
    text = text.strip()
    return text if not text or text[-1] in ".!?" else text + "."


def _when(moment: date, language: str) -> str:
    # Month and year: a day-exact promise reads like a contract in a public statement.
    return str(format_date(moment, format="LLLL y", locale=language))


def _line(response: ThemeResponse, label: str, language: str) -> str | None:
    detail = response.detail_cy if language == "cy" else response.detail_en
    if response.decision != Decision.PASSED_ON and not detail:
        return None  # not written in this language yet
    text = _DECISION[language][response.decision].format(
        detail=_sentence(detail), passed_to=response.passed_to
    )
    extras = []
    if response.owner_service and response.decision != Decision.PASSED_ON:
        extras.append(_OWNER[language].format(owner=response.owner_service))
    if response.status_date is not None and response.decision in (
        Decision.WILL_DO,
        Decision.ALREADY_DOING,
    ):
        template = _DONE if response.status == "done" else _BY
        extras.append(template[language].format(when=_when(response.status_date, language)))
    tail = f" ({', '.join(extras)})" if extras else ""
    return f"• {label}: {text}{tail}"


def draft_difference(rows: Sequence[ResponseRow], language: str) -> str:
    """The draft text in one language ("en" or "cy") from the rows of
    :func:`storage.repositories.responses.response_rows`."""
    lines = []
    for row in rows:
        if row.response is None:
            continue
        label = row.label_cy if language == "cy" else row.label_en
        line = _line(row.response, label or row.label_en, language)
        if line is not None:
            lines.append(line)
    if not lines:
        return _NOTHING[language]
    return "\n".join([_OPENING[language], "", *lines])
