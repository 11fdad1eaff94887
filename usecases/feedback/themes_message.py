"""The targeted "you said, we did" message: one resident, the themes their answers are in.

One line per theme ("- Buses: we will do this. An evening bus from April"),
then the results link, then (by SMS) how to stop. Every theme the resident
is in is in this one message (they are not kept for a later publication):
the first MAX_THEMES_PER_MESSAGE with the council's words, the rest with the
decision only. The council's decision is
always in the resident's language; its words fall back to the other language
when the officer left them blank, and the theme's name likewise.

By SMS the message keeps to TARGETED_MAX_SEGMENTS: the title gives way first,
then every line's words are cut evenly (at a word, with "..."), then the words
go and only "theme: decision" stays, then the theme names are shortened; a
resident in more themes than that leaves room for gets the first few and
"And N more things you raised." (the link has them). The link and STOP are
never cut.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from bot.channels.registry import CHANNELS
from bot.channels.sms.segments import gsm_friendly, segment_count
from bot.conversation.catalog import Catalog
from bot.conversation.messages import Reply
from storage.models import Channel
from storage.models.feedback_themes import MAX_THEMES_PER_MESSAGE, FeedbackTheme

# Three themes with the council's words do not fit the two texts other messages
# keep to; three (459 GSM-7 characters, 201 in Welsh with a ŵ) do, and still
# cost less than the three separate messages they replace.
TARGETED_MAX_SEGMENTS = 3
_DECISIONS = {
    "will_do": "themes-feedback-will-do",
    "already_doing": "themes-feedback-already-doing",
    "not_doing": "themes-feedback-not-doing",
    "passed_on": "themes-feedback-passed-on",
}
_SHORTEST_LABEL = 8
_FEWEST_WORDS = 40


def _pick(language: str, en: str, cy: str) -> str:
    return (cy or en) if language == "cy" else (en or cy)


def _clip(text: str, limit: int | None) -> str:
    """`text` in at most `limit` characters, cut at a word with "..."; "" when nothing fits."""
    text = " ".join(text.split())
    if limit is None or len(text) <= limit:
        return text
    words, kept = text.split(), ""
    for word in words:
        longer = f"{kept} {word}" if kept else word
        if len(longer) + 3 > limit:
            break
        kept = longer
    return kept.rstrip(".,;:") + "..." if kept else ""


def themes_reply(
    catalog: Catalog,
    lines: Sequence[FeedbackTheme],
    title: str,
    language: str,
    channel: Channel,
    link: str | None = None,
) -> Reply:
    """The message naming `lines` (all the resident's, in order) for one channel."""
    sms = CHANNELS.plain_text(channel)
    tail = [catalog.text(language, "themes-feedback-link", link=link) if link else ""]
    if sms:
        tail.append(catalog.text(language, "playback-stop"))
    main, extra = lines[:MAX_THEMES_PER_MESSAGE], lines[MAX_THEMES_PER_MESSAGE:]

    def said(line: FeedbackTheme, detail_limit: int | None, label_limit: int | None) -> str:
        decision = catalog.text(language, _DECISIONS[line.decision], body=line.passed_to)
        detail = _clip(_pick(language, line.detail_en, line.detail_cy), detail_limit)
        label = _clip(_pick(language, line.label_en, line.label_cy), label_limit)
        text = catalog.text(language, "themes-feedback-line", label=label, decision=decision)
        return f"{text} {detail}" if detail else text

    def render(
        intro: str, detail_limit: int | None, label_limit: int | None, named: bool = True
    ) -> str:
        rendered = [said(line, detail_limit, label_limit) for line in main]
        # Themes past the first few: named with the decision only, or (by SMS,
        # when even that does not fit) counted; the link has the rest.
        if named:
            rendered += [said(line, 0, label_limit) for line in extra]
        elif extra:
            rendered.append(catalog.text(language, "themes-feedback-more", count=len(extra)))
        text = "\n".join([intro, *rendered, *(t for t in tail if t)])
        return gsm_friendly(text) if sms else text

    full = render(catalog.text(language, "themes-feedback-intro", title=title), None, None)
    if not sms:
        return Reply(text=full, key="feedback-themes", language=language)
    short = catalog.text(language, "themes-feedback-intro-short")

    def fits(text: str) -> bool:
        return segment_count(text) <= TARGETED_MAX_SEGMENTS

    if fits(full):
        return Reply(text=full, key="feedback-themes", language=language)
    longest = max((len(_pick(language, x.detail_en, x.detail_cy)) for x in main), default=0)
    widest = max((len(_pick(language, x.label_en, x.label_cy)) for x in main), default=0)
    chosen = None
    if extra:
        # Naming every theme is worth cutting the council's words, not losing them:
        # below _FEWEST_WORDS characters each, the rest are counted instead.
        floor = min(_FEWEST_WORDS, longest)
        chosen = _longest_fitting(lambda n: render(short, n, None), longest, fits, floor)
    if chosen is None:
        chosen = _longest_fitting(lambda n: render(short, n, None, False), longest, fits)
    if chosen is None:
        chosen = _longest_fitting(
            lambda n: render(short, 0, n, False), widest, fits, _SHORTEST_LABEL
        )
    # A link too long for any message still goes whole: the shortest form is sent.
    text = chosen if chosen is not None else render(short, 0, _SHORTEST_LABEL, named=False)
    return Reply(text=text, key="feedback-themes", language=language)


def _longest_fitting(
    make: Callable[[int], str], top: int, fits: Callable[[str], bool], bottom: int = 0
) -> str | None:
    """make(n) for the largest n in [bottom, top] whose text fits; None when none does."""
    if not fits(make(bottom)):
        return None
    low, high = bottom, top
    while low < high:
        middle = (low + high + 1) // 2
        if fits(make(middle)):
            low = middle
        else:
            high = middle - 1
    return make(low)
