"""The residents of bench/conversation.py: who writes what, in what order.

A realistic mix: residents arrive (new participants), get the greeting, say
yes (or no), answer the open question and the probe, skip or answer profile
questions, say whether they want to hear back, sometimes add more, ask for
HELP, switch to Welsh, STOP and START, and providers retry some deliveries
(duplicates). Messages from many residents are interleaved as they would be
on a busy evening.
"""

from __future__ import annotations

import random
import uuid

from sqlalchemy.engine import Engine

from storage.db import session_scope
from storage.models import ConsultationStatus
from storage.repositories.consultations import create_consultation

ANSWERS_EN = [
    "More buses in the evening",
    "The 12 is always late and I miss my connection at the station, which means I am late for work",
    "Cheaper fares for young people",
    "Buses that actually turn up",
    "I can't get to the hospital without a car, and the taxi costs too much for me on my pension",
    "Safer bus stops with lights",
]
ANSWERS_CY = [
    "Mwy o fysiau gyda'r nos",
    "Mae'r bws i'r ysbyty yn rhy ddrud ac mae'n cymryd awr, felly dw i'n methu mynd",
    "Bysiau sy'n dod ar amser",
]
PROBES = ["Because I work late", "I don't drive", "Achos dw i ddim yn gyrru", "For my kids"]
WARDS = ["Gresford", "LL11", "Acton", "skip", "Rhos"]
AGES = ["1", "2", "3", "4", "skip", "prefer not to say"]


def script(rng: random.Random) -> list[str]:
    """One resident's messages, with the detours real people take."""
    welsh = rng.random() < 0.25
    msgs = ["BUSES"]
    if welsh:
        msgs.append("CYMRAEG")
    if rng.random() < 0.08:
        msgs.append("no")  # refuses, then changes their mind
    msgs.append("ie" if welsh else "yes")
    msgs.append(rng.choice(ANSWERS_CY if welsh else ANSWERS_EN))
    if rng.random() < 0.05:
        msgs.append("HELP")
    msgs += [rng.choice(PROBES), rng.choice(WARDS), rng.choice(AGES)]
    msgs.append(rng.choice(["yes", "no", "ie", "na"]))
    if rng.random() < 0.3:
        msgs.append("Also the shelters leak")
    if rng.random() < 0.04:
        msgs += ["STOP", "hello?", "START"]
    return msgs


def workload(n_messages: int, seed: int = 7) -> list[tuple[str, str, str]]:
    """(address, text, provider id) in arrival order, ~2% provider retries."""
    rng = random.Random(seed)
    active: list[tuple[str, list[str]]] = []
    out: list[tuple[str, str, str]] = []
    person = 0
    while len(out) < n_messages:
        if len(active) < 200 or rng.random() < 0.1:
            person += 1
            active.append((f"+4477{person:08d}", script(rng)))
        index = rng.randrange(len(active))
        address, remaining = active[index]
        message_id = f"SM{uuid.UUID(int=rng.getrandbits(128)).hex}"
        out.append((address, remaining.pop(0), message_id))
        if rng.random() < 0.02:
            out.append(out[-1])  # the provider retries the same message
        if not remaining:
            active.pop(index)
    return out[:n_messages]


def seed(engine: Engine) -> None:
    with session_scope(engine) as session:
        create_consultation(
            session=session,
            slug="buses",
            keyword="BUSES",
            title_en="The future of local bus services",
            title_cy="Dyfodol gwasanaethau bws lleol",
            status=ConsultationStatus.OPEN,
            questions=[
                {
                    "kind": "open",
                    "prompt_en": "What matters most to you about buses?",
                    "prompt_cy": "Beth sydd bwysicaf i chi am fysiau?",
                },
                {
                    "kind": "probe",
                    "prompt_en": "Why does that matter to you?",
                    "prompt_cy": "Pam mae hynny'n bwysig i chi?",
                },
                {
                    "kind": "ward",
                    "prompt_en": "Which ward do you live in?",
                    "prompt_cy": "Ym mha ward rydych chi'n byw?",
                },
                {
                    "kind": "age_band",
                    "prompt_en": "How old are you?",
                    "prompt_cy": "Faint yw eich oed chi?",
                    "choices": [
                        {"value": v, "en": v, "cy": v}
                        for v in ("under-25", "25-44", "45-64", "65-plus")
                    ],
                },
            ],
        )
