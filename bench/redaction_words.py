"""What each consultation's own redaction words cost an export page read from the cache.

Every page of an export (and of the API's answers) now looks up its answers'
consultations' places to keep and words to hide, to know which cached version is
current. This times the export's pages over answers whose redactions are cached (what a
page costs once the worker has redacted them): a consultation without words and one
with a ward list, places to keep and words to hide, against a baseline tree (before the
words) exported with git archive, each tree in its own process, the runs interleaved.

    git archive e0e5651 | tar -x -C /tmp/base
    .venv/bin/python -m bench.redaction_words --baseline /tmp/base --answers 4000 --rounds 5

CPU seconds of the child process (user + sys) per 1,000 answers exported.
"""

from __future__ import annotations

import argparse
import os
import statistics
from pathlib import Path

from bench.in_tree import run_in_tree

CHILD = r"""
import json, resource, sys, tempfile
from datetime import UTC, datetime
sys.path.insert(0, sys.argv[1])
payload = json.loads(sys.stdin.read())
from storage.migrate import upgrade
from storage.db import make_engine, session_scope
from storage.models import utcnow
from storage.repositories.consultations import create_consultation
from storage.repositories.console_answers import store_redactions
from console.redact import REDACTION_VERSION
from console.export_job import answer_pages
from tests.console.factories import add_answers
try:
    from storage.repositories.redaction_words import words_for_consultation
except ImportError:
    words_for_consultation = None

url = "sqlite:///" + tempfile.mkdtemp() + "/bench.db"
upgrade(url)
engine = make_engine(url)
n = payload["answers"]
texts = [f"the bus to town is always late and the fares are too dear {i}" for i in range(n)]
cids = {}
for name, words in (("none", False), ("words", True)):
    if words and words_for_consultation is None:
        continue
    with session_scope(engine) as session:
        extra = {}
        if words:
            extra = {"wards": [{"en": "Plas Madoc", "cy": "Plas Madog"}, {"en": "Acton"}]}
        consultation = create_consultation(
            session=session, slug=name, keyword=name.upper(), title_en=name, title_cy=name,
            questions=[{"kind": "open", "prompt_en": "What?", "prompt_cy": "Beth?"}], **extra,
        )
        if words:
            consultation.places_to_keep = ["Caia Park", "Eagles Meadow"]
            consultation.words_to_hide = ["Tegwedd"]
            session.add(consultation)
        cid = consultation.id
    ids = add_answers(engine, cid, texts)
    with session_scope(engine) as session:
        version = REDACTION_VERSION
        if words_for_consultation is not None:
            version = words_for_consultation(session=session, consultation_id=cid).version(version)
        store_redactions(
            session=session, redactions=[(a, t, []) for a, t in zip(ids, texts)],
            version=version, now=utcnow(),
        )
    cids[name] = cid

def cpu():
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime

out = {}
for name, cid in cids.items():
    rows = sum(len(p) for p in answer_pages(engine, cid))  # warm up
    best = []
    for _ in range(3):
        start = cpu()
        assert sum(len(p) for p in answer_pages(engine, cid)) == rows == n
        best.append(cpu() - start)
    out[name] = min(best) * 1000 / n
print(json.dumps(out))
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--baseline", type=Path, required=True, help="a git archive tree")
    parser.add_argument("--answers", type=int, default=4000)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--quick", action="store_true", help="1,000 answers, 3 rounds")
    args = parser.parse_args()
    answers, rounds = (1000, 3) if args.quick else (args.answers, args.rounds)
    here = Path(__file__).resolve().parent.parent
    runs: dict[str, list[float]] = {}
    for _ in range(rounds):
        for label, tree in (("baseline", args.baseline.resolve()), ("this tree", here)):
            for name, seconds in run_in_tree(CHILD, tree, {"answers": answers}).items():
                runs.setdefault(f"{label}, {name}", []).append(seconds)
    print(f"load average {os.getloadavg()[0]:.2f}; {answers} answers, {rounds} rounds")
    base = statistics.median(runs["baseline, none"])
    for key, values in runs.items():
        median = statistics.median(values)
        print(f"{key:<24} {median * 1000:7.1f} ms CPU per 1,000 answers  x{median / base:.2f}")


if __name__ == "__main__":
    main()
