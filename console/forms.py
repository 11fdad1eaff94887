"""Form models for the console's larger forms (FastAPI reads them with `Form()`)."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from pydantic import BaseModel, Field

from console.i18n import Msg, translate
from storage.input_policy import WORD_LIST_CHARS, WORD_LIST_ITEMS, word_list
from storage.models import QuestionKind
from storage.repositories.console_consultations import parse_date

_TEXT = 20_000
RESULTS_URL_MAX = 500
# Read whole so a pasted over-long link gets check_results_url's message, not a 422.
RESULTS_URL_FORM_LIMIT = 10 * RESULTS_URL_MAX
# Read whole so an over-long list gets word_list's message (which entry, what limit).
WORDS_FORM_LIMIT = 4 * WORD_LIST_ITEMS * WORD_LIST_CHARS


class ResultsUrlError(ValueError):
    """What is wrong with a results link; `str()` is English, `message` any console language."""

    def __init__(self, message_id: str, **args: Any) -> None:
        self.message = Msg(message_id, dict(args))
        super().__init__(translate("en", self.message))


def check_results_url(typed: str) -> str:
    """The link as it will be stored ("" for none); ValueError says what is wrong with it.

    It goes into SMS and Telegram messages as it is, so it must be a whole web
    address a phone can open: http(s), a host, nothing a resident could not
    tap (spaces, control characters) and no user name or password (a link
    like https://wrexham.gov.uk@elsewhere.example opens elsewhere).
    """
    url = typed.strip()
    if not url:
        return ""
    if len(url) > RESULTS_URL_MAX:
        raise ResultsUrlError("url-too-long", length=f"{len(url):,}", limit=RESULTS_URL_MAX)
    if any(ch.isspace() or not ch.isprintable() for ch in url):
        raise ResultsUrlError("url-spaces")
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018  (raises ValueError on a port that is not a number)
    except ValueError:
        raise ResultsUrlError("url-not-an-address") from None
    if parts.scheme.lower() not in ("https", "http") or not parts.hostname:
        raise ResultsUrlError("url-not-whole")
    if "." not in parts.hostname.strip("."):
        raise ResultsUrlError("url-no-site")
    if parts.username is not None or parts.password is not None:
        raise ResultsUrlError("url-credentials")
    return url


class ConsultationForm(BaseModel):
    """Everything on the create / edit consultation page."""

    slug: str = Field(default="", max_length=64)
    keyword: str = Field(max_length=32)
    title_en: str = Field(min_length=1, max_length=200)
    title_cy: str = Field(min_length=1, max_length=200)
    department: str = Field(default="", max_length=200)
    opens_at: str = Field(default="", max_length=32)
    closes_at: str = Field(default="", max_length=32)
    why_en: str = Field(default="", max_length=_TEXT)
    why_cy: str = Field(default="", max_length=_TEXT)
    want_to_know_en: str = Field(default="", max_length=_TEXT)
    want_to_know_cy: str = Field(default="", max_length=_TEXT)
    found_out_en: str = Field(default="", max_length=_TEXT)
    found_out_cy: str = Field(default="", max_length=_TEXT)
    difference_en: str = Field(default="", max_length=_TEXT)
    difference_cy: str = Field(default="", max_length=_TEXT)
    # Checked by check_results_url, which says what is wrong (editing only).
    results_url: str = Field(default="", max_length=RESULTS_URL_FORM_LIMIT)
    open_en: str = Field(min_length=1, max_length=1000)
    open_cy: str = Field(min_length=1, max_length=1000)
    probe_en: str = Field(default="", max_length=1000)
    probe_cy: str = Field(default="", max_length=1000)
    ask_ward: bool = False
    ward_en: str = Field(default="", max_length=1000)
    ward_cy: str = Field(default="", max_length=1000)
    ask_age: bool = False
    age_en: str = Field(default="", max_length=1000)
    age_cy: str = Field(default="", max_length=1000)
    # The consultation's own words for redaction, one a line (storage.input_policy.word_list).
    places_to_keep: str = Field(default="", max_length=WORDS_FORM_LIMIT)
    words_to_hide: str = Field(default="", max_length=WORDS_FORM_LIMIT)

    def redaction_words(self) -> tuple[list[str], list[str]]:
        """(places to keep, words to hide); WordListError says what is wrong with one."""
        return (
            word_list(self.places_to_keep, field="places to keep"),
            word_list(self.words_to_hide, field="words to hide"),
        )

    def fields(self) -> dict[str, Any]:
        """The consultation columns (dates parsed; raises ConsultationError on a bad date)."""
        values: dict[str, Any] = self.model_dump(
            include={
                "title_en",
                "title_cy",
                "department",
                "why_en",
                "why_cy",
                "want_to_know_en",
                "want_to_know_cy",
                "found_out_en",
                "found_out_cy",
                "difference_en",
                "difference_cy",
            }
        )
        values["opens_at"] = parse_date(self.opens_at)
        values["closes_at"] = parse_date(self.closes_at)
        return values

    def wording(self) -> dict[QuestionKind, tuple[str, str] | None]:
        def pair(en: str, cy: str, enabled: bool = True) -> tuple[str, str] | None:
            return (en, cy) if enabled and (en.strip() or cy.strip()) else None

        return {
            QuestionKind.OPEN: (self.open_en, self.open_cy),
            QuestionKind.PROBE: pair(self.probe_en, self.probe_cy),
            QuestionKind.WARD: pair(self.ward_en, self.ward_cy, self.ask_ward),
            QuestionKind.AGE_BAND: pair(self.age_en, self.age_cy, self.ask_age),
        }


DEFAULT_WORDING: dict[str, str] = {
    "open_en": "What really matters to you about ...?",
    "open_cy": "Beth sy'n wirioneddol bwysig i chi am ...?",
    "probe_en": "Thank you. Why does that matter to you?",
    "probe_cy": "Diolch. Pam mae hynny'n bwysig i chi?",
    "ward_en": "Which ward or postcode area do you live in?",
    "ward_cy": "Ym mha ward neu ardal cod post rydych chi'n byw?",
    "age_en": "How old are you?",
    "age_cy": "Faint yw eich oed chi?",
}
