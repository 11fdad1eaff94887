"""Build bench/data/welsh_abuse_siarad.tsv: real Welsh swearing, labelled by someone else.

Source: the Siarad corpus (ESRC Centre for Research on Bilingualism, Bangor University,
2009; transcriptions (c) the ESRC Centre, GPLv3 or later), 69 recorded informal
conversations between Welsh speakers, transcribed in CHAT with an English translation
tier (%eng) written by the corpus team. Read from github.com/donnekgit/siarad1, folder
``beta`` (commit 5c7dee6).

Labels come from the corpus team's English translation, not from this project's rules:
an utterance is an **obscenity** when its translation contains a strong or medium English
swear word (STRONG below, the words Ofcom's 2021 research on offensive language ranks
strong or medium, that a translator would keep), and **clean** when its translation has
none of those nor a mild one (MILD). Welsh text goes to the flag; the translation is only
the label. Utterances of fewer than three words are left out (backchannels), and so are
"xx" (unintelligible) ones.

Split by conversation: a file is held-out when ``int(sha1(name), 16)`` is odd, so both
halves hold whole conversations. The development half may be read to improve the rules;
the held-out half is measured once (bench/moderation.py --held-out).

Run: .venv/bin/python bench/siarad_abuse.py --siarad PATH/TO/siarad1 (a git directory or
a checkout; no file of it is copied except the selected utterances written to the TSV).
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import random
import re
import subprocess
from pathlib import Path

OUT = Path(__file__).resolve().parent / "data" / "welsh_abuse_siarad.tsv"
COMMIT = "5c7dee6"
STRONG = re.compile(
    r"\b(?:fuck\w*|motherfuck\w*|shit\w*|cunt\w*|twat\w*|bastard\w*|bitch\w*|wank\w*|prick\w*"
    r"|dick(?:head)?s?|arse(?:hole)?s?|piss(?:ed|ing)?(?: off)?|bollocks|slut\w*|whore\w*"
    r"|cock(?:s|sucker)?|tosser\w*|bellend\w*)\b",
    re.IGNORECASE,
)
MILD = re.compile(
    r"\b(?:bloody|damn\w*|hell|bugger\w*|crap\w*|sod\w*|god|christ|jesus|devil\w*|bum)\b",
    re.IGNORECASE,
)
CLEAN_SAMPLE = 1500


def held_out(name: str) -> bool:
    return int(hashlib.sha1(name.encode()).hexdigest(), 16) % 2 == 1


def welsh_text(line: str) -> str:
    """The spoken words of a CHAT main tier, markers and codes removed."""
    text = line.split(":", 1)[1].split("%snd", 1)[0]
    text = re.sub(r"\x15.*?\x15", " ", text)  # media bullets
    text = re.sub(r"\[[^\]]*\]", " ", text)  # [?], [/], [=! laughs]
    text = re.sub(r"&=\S+|&\S+|\bxx+\b|\+[./,<\"!?]+|[<>#]", " ", text)
    text = re.sub(r"@s:[a-z&+]+|@\w+", "", text)  # language markers
    text = re.sub(r"\(([^)]*)\)", r"\1", text)  # (y)na -> yna: the full word
    text = text.replace("_", " ")
    text = re.sub(r"\s+([.?!,])", r"\1", text)
    return " ".join(text.split()).strip(" .")


def read_conversations(siarad: Path) -> dict[str, list[tuple[str, str]]]:
    """Conversation name -> (Welsh utterance, English translation) pairs."""
    listing = subprocess.run(
        ["git", "-C", str(siarad), "ls-tree", "-r", "--name-only", "HEAD", "beta"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    conversations: dict[str, list[tuple[str, str]]] = {}
    for name in sorted(n for n in listing if n.endswith(".cha")):
        raw = subprocess.run(
            ["git", "-C", str(siarad), "show", f"HEAD:{name}"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        pairs: list[tuple[str, str]] = []
        current: str | None = None
        for line in raw.splitlines():
            if line.startswith("*"):
                current = welsh_text(line)
            elif line.startswith("%eng:") and current is not None:
                pairs.append((current, line.split(":", 1)[1].strip()))
                current = None
        conversations[Path(name).stem] = pairs
    return conversations


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--siarad", type=Path, required=True)
    args = parser.parse_args()
    rows: list[dict[str, str]] = []
    rng = random.Random(15)
    clean: list[dict[str, str]] = []
    for name, pairs in read_conversations(args.siarad).items():
        split = "held-out" if held_out(name) else "dev"
        for welsh, english in pairs:
            if len(welsh.split()) < 3 or "xx" in welsh:
                continue
            row = {"conversation": name, "split": split, "text": welsh, "english": english}
            # "Dick" is a speaker's name in one conversation, not the word.
            if STRONG.search(re.sub(r"\bDick\b", "", english)):
                rows.append({**row, "label": "obscene"})
            elif not MILD.search(english):
                clean.append({**row, "label": "clean"})
    rows += rng.sample(clean, min(CLEAN_SAMPLE, len(clean)))
    with OUT.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(
            handle,
            fieldnames=["conversation", "split", "label", "text", "english"],
            delimiter="\t",
            lineterminator="\n",
        )
        writer.writeheader()
        writer.writerows(rows)
    counts: dict[tuple[str, str], int] = {}
    for row in rows:
        key = (row["split"], row["label"])
        counts[key] = counts.get(key, 0) + 1
    print(f"wrote {OUT}: {counts}")


if __name__ == "__main__":
    main()
