"""Yes/no replies read right, never kept as answers, and the adaptive follow-up.

1. Grammar: each reply in bench/data/yes_no_forms.tsv (Welsh and English,
   sources cited there) read by bot.conversation.yes_no; the share read as
   the expected yes or no, per language. Baseline in the same run: the
   keyword sets the engine used before (whole-message match), kept below.
2. Engine: every reply sent through ConversationEngine on a SQLite store at
   the consent question and at the feedback offer, followed by a clear "yes"
   when it was not understood; counts replies that ended up stored as an
   answer (must be 0) and conversations that went on after the clear yes.
3. Follow-up: the follow-ups chosen for bench/data/follow_up_checked.tsv
   (a hand-checked sample of real short answers); the share apt, and rows
   whose follow-up changed since the check (to be checked again).
4. Scripted residents: residents with real short open answers (NHS FFT,
   seeded sample) go through the engine; a script replies to a follow-up
   with words (80 %), "no" (10 %) or a shrug emoji (10 %). Reports the share
   asked a follow-up and the share of those whose reply was kept as the
   follow-up answer.

    .venv/bin/python bench/yes_no.py [--residents 60]
"""

from __future__ import annotations

import argparse
import csv
import random
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.databases import sqlite_database  # noqa: E402
from bot.conversation.catalog import default_catalog  # noqa: E402
from bot.conversation.engine import ConversationEngine  # noqa: E402
from bot.conversation.follow_up import plan_follow_up  # noqa: E402
from bot.conversation.keywords import keyword_key  # noqa: E402
from bot.conversation.messages import InboundMessage  # noqa: E402
from bot.conversation.yes_no import read  # noqa: E402
from storage.db import make_engine, session_scope  # noqa: E402
from storage.identity import AddressProtector, derive_fernet_key  # noqa: E402
from storage.migrate import upgrade  # noqa: E402
from storage.models import Channel, ConsultationStatus  # noqa: E402
from storage.repositories.answers import list_answers  # noqa: E402
from storage.repositories.consultations import create_consultation  # noqa: E402

DATA = Path(__file__).resolve().parent / "data"
SHARED = Path(__file__).resolve().parents[2] / "shared" / "data"

# The engine's yes/no words before this change (whole message, keyword_key'd).
_OLD_YES = {
    keyword_key(w)
    for w in (
        "yes y yeah yep yup ok okay sure fine agree ie iawn do ydw ydy oes cytuno ia".split()
        + ["yes please", "go on", "i agree", "of course", "dw i'n cytuno", "rwy'n cytuno"]
        + ["ie plis", "iawn diolch", "ie diolch", "wrth gwrs"]
    )
}
_OLD_NO = {
    keyword_key(w)
    for w in "no n nope nah disagree na nage naddo dim nadw".split()
    + ["no thanks", "no thank you", "not now", "nac ydw", "nac oes", "dim diolch", "na diolch"]
}
_THUMBS = {"\U0001f44d", "\U0001f44c", "\u2705", "\u2714"}

QUESTIONS = [
    {"kind": "open", "prompt_en": "What matters to you?", "prompt_cy": "Beth sy'n bwysig i chi?"},
    {"kind": "probe", "prompt_en": "Why does that matter?", "prompt_cy": "Pam?"},
]


def _old_reading(text: str) -> str:
    key = keyword_key(text)
    if key in _OLD_YES or (not key and text.strip("\ufe0f ") in _THUMBS):
        return "yes"
    return "no" if key in _OLD_NO else "unclear"


def _forms() -> list[dict[str, str]]:
    lines = (DATA / "yes_no_forms.tsv").read_text().splitlines()
    rows = [line for line in lines if line and not line.startswith("#")]
    return list(csv.DictReader(rows, delimiter="\t"))


def grammar(rows: list[dict[str, str]]) -> dict[str, tuple[int, int, int, float, float]]:
    out: dict[str, tuple[int, int, int, float, float]] = {}
    read("ie")  # build the phrase table (once per process) outside the timing
    for language in ("cy", "en"):
        subset = [r for r in rows if r["language"] == language]
        start = time.perf_counter()
        new = sum(read(r["text"]).verdict.value == r["expected"] for r in subset)
        new_us = (time.perf_counter() - start) / len(subset) * 1e6
        start = time.perf_counter()
        old = sum(_old_reading(r["text"]) == r["expected"] for r in subset)
        old_us = (time.perf_counter() - start) / len(subset) * 1e6
        out[language] = (len(subset), new, old, new_us, old_us)
    return out


class Store:
    def __init__(self, url: str) -> None:
        upgrade(url)
        self.engine = make_engine(url)
        with session_scope(self.engine) as session:
            create_consultation(
                session=session,
                slug="bench",
                keyword="BENCH",
                title_en="Bench",
                title_cy="Mainc",
                status=ConsultationStatus.OPEN,
                questions=QUESTIONS,
            )
        self.bot = ConversationEngine(
            engine=self.engine,
            protector=AddressProtector(hash_key=b"bench", encryption_keys=[derive_fernet_key("b")]),
        )
        self.count = 0

    def send(self, address: str, text: str) -> list[str]:
        self.count += 1
        message = InboundMessage(
            channel=Channel.SMS,
            address=address,
            text=text,
            provider_message_id=f"SM{self.count:08d}",
            received_at=datetime.now(UTC),
        )
        return [reply.key for reply in self.bot.handle_inbound(message)]

    def answers(self) -> list[tuple[str, str, str]]:
        with session_scope(self.engine) as session:
            return [(a.kind, a.text, str(a.participant_id)) for a in list_answers(session=session)]


_EXPECTED_KEYS = {
    ("consent", "yes"): "ask-open",
    ("consent", "no"): "consent-refused",
    ("feedback", "yes"): "feedback-yes",
    ("feedback", "no"): "feedback-no",
}
_RICH = "The buses are always late, and I can't get to work because there is no other way to town"


def engine_check(store: Store, rows: list[dict[str, str]]) -> tuple[list[str], int, int]:
    """Replies stored as answers, and steps that went on as the reply meant, at two yes/no steps."""
    went_on = tries = 0
    for n, row in enumerate(rows):
        for step in ("consent", "feedback"):
            tries += 1
            address = f"+4477009{n:03d}{0 if step == 'consent' else 1}"
            store.send(address, "BENCH")
            if step == "feedback":
                store.send(address, "yes")
                store.send(address, _RICH)  # rich: no follow-up, straight to the offer
            keys = store.send(address, row["text"])
            expected = _EXPECTED_KEYS[(step, row["expected"])]
            if expected not in keys:
                # Not understood: a clear yes must carry on where it stopped.
                expected = _EXPECTED_KEYS[(step, "yes")]
                keys = store.send(address, "yes")
            went_on += expected in keys
    texts = {row["text"].strip() for row in rows}
    stored = [text for _kind, text, _who in store.answers() if text in texts]
    return stored, went_on, tries


def follow_up_check() -> tuple[int, int, int, int]:
    catalog = default_catalog()
    apt = checked = changed = total = 0
    lines = (DATA / "follow_up_checked.tsv").read_text().splitlines()
    for row in csv.DictReader([x for x in lines if not x.startswith("#")], delimiter="\t"):
        total += 1
        plan = plan_follow_up(row["answer"], "en")
        shown = (
            catalog.text("en", f"follow-up-{plan.plan}", topic=plan.topic)
            if plan.plan in ("why", "change")
            else str(plan.plan)
        )
        if shown != row["follow_up"]:
            changed += 1
            continue
        checked += 1
        apt += row["apt"] == "y"
    return apt, checked, changed, total


def scripted(store: Store, residents: int, seed: int = 11) -> tuple[int, int, int]:
    rng = random.Random(seed)
    path = SHARED / "themes" / "nhs_fft_phase1.csv"
    with path.open(encoding="utf-8") as handle:
        pool = [
            r["text"].strip() for r in csv.DictReader(handle) if 2 <= len(r["text"].split()) <= 8
        ]
    asked = answered = 0
    for n in range(residents):
        address = f"+4477010{n:04d}"
        store.send(address, "BENCH")
        store.send(address, "yes")
        keys = store.send(address, rng.choice(pool))
        if "ask-probe" not in keys:
            continue
        asked += 1
        roll = rng.random()
        reply = rng.choice(pool) if roll < 0.8 else ("no" if roll < 0.9 else "\U0001f937")
        before = len(store.answers())
        store.send(address, reply)
        kinds = [kind for kind, _text, _who in store.answers()[before:]]
        answered += kinds == ["probe"]
    return residents, asked, answered


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--residents", type=int, default=60)
    args = parser.parse_args(argv)
    rows = _forms()
    print("| language | replies | understood | understood (old keywords) | µs/reply | µs old |")
    print("|---|---|---|---|---|---|")
    for language, (n, new, old, new_us, old_us) in grammar(rows).items():
        print(
            f"| {language} | {n} | {new} ({new / n:.0%}) | {old} ({old / n:.0%}) "
            f"| {new_us:.1f} | {old_us:.1f} |"
        )
    misses = [r["text"] for r in rows if read(r["text"]).verdict.value != r["expected"]]
    print(f"\nNot understood: {', '.join(misses) or 'none'}")
    with sqlite_database() as url:
        store = Store(url)
        stored, went_on, tries = engine_check(store, rows)
        print(
            f"\nEngine: {tries} tries (consent + feedback offer); replies stored as answers: "
            f"{len(stored)} {stored}; went on as meant (or after a clear yes): {went_on}/{tries}"
        )
        residents, asked, answered = scripted(store, args.residents)
        print(
            f"Scripted residents: {residents}; asked a follow-up: {asked}; reply kept as the "
            f"follow-up answer: {answered}/{asked} ({answered / max(asked, 1):.0%})"
        )
        store.engine.dispose()
    apt, checked, changed, total = follow_up_check()
    print(
        f"Follow-up, hand-checked sample: apt {apt}/{checked} ({apt / max(checked, 1):.0%}); "
        f"changed since checked: {changed}/{total}"
    )


if __name__ == "__main__":
    main()
