"""English text for fitting the e5 → MiniLM map (written for this project).

The map needs many English texts embedded by both models; it never needs Welsh. Three
parts, all generated deterministically from a seed:

* consultation-style answers composed from hand-written lists of public services,
  judgements, requests and openings — the kind of text the map will meet;
* generic short answers ("not sure", "keep up the good work");
* single English words taken from MiniLM's own word-piece vocabulary, so one-word
  answers map well too.

Nothing here is copied from a data set, and ``bench/data/parallel_en_cy.csv`` (the
evaluation set) is excluded by the caller.
"""

from __future__ import annotations

import random
from pathlib import Path

SERVICES = """
the bus service|bus fares|the buses to town|the trains|train tickets|the railway station
the roads|potholes|the pavements|street lights|gritting in winter|road repairs
bin collections|recycling|the household tip|litter|dog fouling|fly-tipping|street cleaning
the parks|playgrounds|green spaces|the beach|allotments|street trees
the library|the mobile library|the leisure centre|the swimming pool|the gym|sports pitches
schools|school meals|teachers|school buses|nurseries|childcare|after-school clubs
GP surgeries|doctors' appointments|the hospital|A&E|ambulances|pharmacies|dentists
mental health services|counselling|social care|care homes|home carers|day centres
council housing|rents|affordable homes|homelessness|damp in council flats
council tax|energy bills|food prices|business rates|the cost of living|food banks
parking|car parks|parking permits|traffic|speeding|cycle lanes|footpaths|bike racks
the police|crime|antisocial behaviour|drug dealing|burglaries|CCTV
the high street|local shops|the market|empty shops|public toilets|the town centre
broadband|mobile signal|the council website|the council phone line|online forms
youth clubs|activities for teenagers|community centres|the museum|the theatre
flood defences|drains|flooding|planning decisions|new housing estates|wind farms
the Welsh language|bilingual signs|Welsh lessons|jobs|apprenticeships|tourism
second homes|benefits|noise at night|air pollution|electric car chargers|public transport
"""

JUDGEMENTS = """
too expensive|unreliable|excellent|a disgrace|getting worse|much better than before
badly managed|underfunded|not good enough|hard to get to|always busy|dirty|well run
a real help|overcrowded|not safe|slow to respond|vital for this town|too far away
closing down|neglected|improving|brilliant|a waste of money|impossible to use|fine
falling apart|never there when you need them|a lifeline for older people|too slow
"""

TEMPLATES = """
{S} is {J}.|{S} are {J}.|I think {s} is {J}.|Honestly, {s} are {J}.|In my view {s} is {J}
I am worried about {s}.|I'm unhappy with {s}.|Please invest in {s}.|Sort out {s}!
Why can't the council fix {s}?|{S} should be the top priority.|We rely on {s}.
Nobody listens to us about {s}.|Thank you for {s}.|I would like to see better {s}.
Cut spending on {s}.|Protect {s} from cuts.|{S} in our area.|Problems with {s} again.
My family depends on {s}.|Spend less on {s} and more on {t}.|{s}|{s} and {t}
{S}, {t} and {u}.|{S} is {J} and {t} is {J2}.|Improve {s} please|more money for {s}
The council needs to listen about {s}.|I have complained about {s} many times.
Since the cuts {s} has got worse.|{S} used to be good but not any more.|{s}!!
What about {s}?|Do something about {s}|As a pensioner I worry about {s}.
As a parent, {s} matters most to me.|{S} - {J}|Nothing works, especially {s}.
We moved here for {s} but it is {J} now.|I'd give {s} ten out of ten.|no {s} at all
"""

GENERIC = """
not sure|don't know|nothing|no comment|everything is fine|keep up the good work
it's all rubbish|no idea|all of it|none of the above|same as last year|thanks
I have no complaints|things are getting worse|the council does not listen|good
the staff do their best|it's ok I suppose|too many cuts|I am happy with things
could be better|waste of time|please listen to residents|I love living here
nothing ever changes|more money for the valleys|look after the old people
the young people need more|fair enough|less talk and more action|stop the cuts
"""


def _split(block: str) -> list[str]:
    return [item.strip() for line in block.strip().splitlines() for item in line.split("|")]


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def consultation_sentences(count: int, seed: int) -> list[str]:
    """Distinct composed answers, in a deterministic order."""
    rng = random.Random(seed)
    services, judgements, templates = _split(SERVICES), _split(JUDGEMENTS), _split(TEMPLATES)
    seen: set[str] = set()
    out: list[str] = []
    attempts = 0
    while len(out) < count and attempts < count * 20:
        attempts += 1
        s, t, u = rng.sample(services, 3)
        j, j2 = rng.sample(judgements, 2)
        text = rng.choice(templates).format(S=_capital(s), s=s, t=t, u=u, J=j, J2=j2)
        if rng.random() < 0.15:
            text = text.lower()
        if text not in seen:
            seen.add(text)
            out.append(text)
    return out


def vocabulary_words(vocab_path: Path, count: int) -> list[str]:
    """Whole English words from a BERT ``vocab.txt``, spread evenly over the vocabulary.

    BERT's word pieces follow the special, unused and single-character entries in rough
    frequency order, so an even spread covers common and rarer words alike.
    """
    words = [
        line.strip()
        for line in vocab_path.read_text(encoding="utf-8").splitlines()
        if line.strip().isascii() and line.strip().isalpha() and len(line.strip()) >= 3
    ]
    step = max(1, len(words) // count)
    return words[::step][:count]


def build_corpus(vocab_path: Path, *, sentences: int, words: int, seed: int) -> list[str]:
    """The full fitting corpus: composed answers, generic answers, single words."""
    corpus = consultation_sentences(sentences, seed)
    corpus += _split(GENERIC)
    corpus += _split(SERVICES)
    corpus += vocabulary_words(vocab_path, words)
    seen: set[str] = set()
    unique = []
    for text in corpus:
        if text not in seen:
            seen.add(text)
            unique.append(text)
    return unique
