"""Build the real Welsh/English parallel sets in bench/data/parallel/ from public repositories.

Why: the project's own 240 pairs were written alongside the glossary, so they cannot tell
whether Welsh answers land beside their English twins on text nobody here wrote. These
sets are real translations from two domains, split by *source* so that the sentences a
map or glossary is fitted on never come from the services or programs it is measured on:

* ``gov``: UK public-service web forms (HMRC and GOV.UK services), professionally
  translated: Play-framework ``conf/messages`` + ``conf/messages.cy`` pairs by key.
* ``ui``: desktop software (GNOME programs), volunteer translated: ``po/cy.po`` msgid/msgstr.

Each domain gets a ``fit_*`` file (for choosing and fitting) and an ``eval_*`` file
(for measuring only), from disjoint repositories; an English sentence that occurs in a
``fit`` file is dropped from every ``eval`` file. Digits are stripped (numbers make
twins trivially findable), as are markup, placeholders and menu mnemonics.

Run (needs local git mirrors of the repositories in SOURCES, e.g. from a GitHub snapshot):
``python bench/parallel_sets.py --mirrors DIR`` where ``DIR/<owner>+<name>/repo`` is a git
directory. The repositories' commits are written to bench/data/parallel/NOTICE.md.
"""

from __future__ import annotations

import argparse
import csv
import random
import re
import subprocess
from pathlib import Path

OUT = Path(__file__).resolve().parent / "data" / "parallel"
SEED = 20261205

#: (set, repository, format, licence). Splits are by repository, never by sentence.
SOURCES: list[tuple[str, str, str, str]] = [
    ("fit_gov", "hmrc/claim-child-benefit-frontend", "play", "Apache-2.0"),
    ("fit_gov", "hmrc/cds-reimbursement-claim-frontend", "play", "Apache-2.0"),
    ("fit_gov", "hmrc/bc-passengers-frontend", "play", "Apache-2.0"),
    ("eval_gov", "hmrc/pertax-frontend", "play", "Apache-2.0"),
    ("eval_gov", "hmrc/childcare-calculator-frontend", "play", "Apache-2.0"),
    ("eval_gov", "alphagov/ier-frontend", "play", "MIT"),
    ("fit_ui", "GNOME/gnome-control-center", "po", "GPL-2.0-or-later"),
    ("fit_ui", "GNOME/gedit", "po", "GPL-2.0-or-later"),
    ("fit_ui", "GNOME/gnome-panel", "po", "GPL-2.0-or-later"),
    ("fit_ui", "GNOME/nautilus", "po", "GPL-3.0-or-later"),
    ("fit_ui", "GNOME/totem", "po", "GPL-2.0-or-later"),
    ("eval_ui", "GNOME/epiphany", "po", "GPL-3.0-or-later"),
    ("eval_ui", "GNOME/eog", "po", "GPL-2.0-or-later"),
    ("eval_ui", "GNOME/gnome-terminal", "po", "GPL-3.0-or-later"),
    ("eval_ui", "GNOME/evince", "po", "GPL-2.0-or-later"),
    ("eval_ui", "GNOME/file-roller", "po", "GPL-2.0-or-later"),
    ("eval_ui", "GNOME/gdm", "po", "GPL-2.0-or-later"),
]

#: Most pairs kept per set: enough for stable percentages, small enough to embed quickly.
CAP = {"fit": 3000, "eval": 800}
MIN_WORDS, MAX_WORDS = 4, 40


def _git_show(repo: Path, path: str) -> str:
    result = subprocess.run(
        ["git", "-C", str(repo), "show", f"HEAD:{path}"], capture_output=True, text=True
    )
    return result.stdout if result.returncode == 0 else ""


def _play_messages(text: str) -> dict[str, str]:
    out: dict[str, str] = {}
    for line in text.splitlines():
        if line.lstrip().startswith("#") or "=" not in line:
            continue
        key, value = line.split("=", 1)
        # MessageFormat doubles a literal apostrophe.
        out[key.strip()] = value.strip().replace("''", "'")
    return out


def play_pairs(repo: Path) -> list[tuple[str, str]]:
    english = _play_messages(
        _git_show(repo, "conf/messages.en") or _git_show(repo, "conf/messages")
    )
    welsh = _play_messages(_git_show(repo, "conf/messages.cy"))
    return [(english[k], welsh[k]) for k in english if k in welsh]


def _po_string(lines: list[str]) -> str:
    joined = "".join(m.group(1) for line in lines if (m := re.search(r'"(.*)"', line)))
    return joined.replace('\\"', '"').replace("\\n", " ").replace("\\t", " ")


def po_pairs(repo: Path) -> list[tuple[str, str]]:
    pairs = []
    for block in _git_show(repo, "po/cy.po").split("\n\n"):
        if "#, fuzzy" in block or "msgid_plural" in block:
            continue
        msgid: list[str] = []
        msgstr: list[str] = []
        current: list[str] | None = None
        for line in block.splitlines():
            if line.startswith("msgid "):
                current = msgid
            elif line.startswith("msgstr "):
                current = msgstr
            elif line.startswith(("#", "msgctxt")):
                current = None
                continue
            if current is not None:
                current.append(line)
        if msgid and msgstr:
            english, welsh = _po_string(msgid), _po_string(msgstr)
            if "|" in english and "|" not in welsh:  # old GNOME "context|text" msgids
                english = english.rsplit("|", 1)[1]
            pairs.append((english, welsh))
    return pairs


def clean(text: str) -> str:
    text = re.sub(r"<[^>]*>", " ", text)
    text = re.sub(r"\{[^}]*\}|%[-+ #0-9.]*[sdifuxlg]|%\([a-z_]+\)s|\$\{?\w+\}?", " ", text)
    text = re.sub(r"&[a-z]+;", " ", text)
    text = re.sub(r"(?<=\w)_(?=\w)|(?<![\w])_(?=\w)", "", text)  # GNOME menu mnemonics
    text = re.sub(r"[0-9]", "", text)
    return re.sub(r"\s+", " ", text).strip(" -–:;,")


def _keep(en: str, cy: str) -> bool:
    words = len(en.split())
    return MIN_WORDS <= words <= MAX_WORDS and en.lower() != cy.lower() and len(cy.split()) >= 2


def build(mirrors: Path) -> dict[str, list[tuple[str, str, str]]]:
    sets: dict[str, list[tuple[str, str, str]]] = {}
    for name, repository, fmt, _ in SOURCES:
        repo = mirrors / repository.replace("/", "+") / "repo"
        raw = play_pairs(repo) if fmt == "play" else po_pairs(repo)
        rows = sets.setdefault(name, [])
        for en, cy in raw:
            en, cy = clean(en), clean(cy)
            if _keep(en, cy):
                rows.append((repository, en, cy))
    fitted = {
        en.lower() for name, rows in sets.items() if name.startswith("fit") for _, en, _ in rows
    }
    for name, rows in sets.items():
        seen: set[str] = set()
        unique = []
        for source, en, cy in rows:
            key = en.lower()
            if key in seen or (name.startswith("eval") and key in fitted):
                continue
            seen.add(key)
            unique.append((source, en, cy))
        random.Random(SEED).shuffle(unique)
        sets[name] = unique[: CAP[name.split("_")[0]]]
    return sets


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mirrors", type=Path, required=True)
    args = parser.parse_args()
    OUT.mkdir(parents=True, exist_ok=True)
    for name, rows in build(args.mirrors).items():
        with (OUT / f"{name}.csv").open("w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(["source", "en", "cy"])
            writer.writerows(rows)
        print(f"{name}: {len(rows)} pairs")
    for _, repository, _, licence in SOURCES:
        repo = args.mirrors / repository.replace("/", "+") / "repo"
        head = subprocess.run(
            ["git", "-C", str(repo), "rev-parse", "HEAD"], capture_output=True, text=True
        ).stdout.strip()
        print(f"| {repository} | {head} | {licence} |")


if __name__ == "__main__":
    main()
