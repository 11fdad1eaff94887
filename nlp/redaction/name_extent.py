"""How far a name reaches: from the word that starts it over the parts around it.

names._Scan finds the word a name starts at (a cue, a listed name, a rare capitalised word);
grow() then takes in the parts written with it: a surname or a rare capitalised word after it
("Krisztián Szöllösy"), initials, the particles of Welsh and European names ("Dafydd ap
Gwilym", "Rhys ap-Gwilym", "Jean de la Cruz"), a hyphened second part ("Mary-Jane"), and a
given name before it ("Gareth Pritchard"), but never the title, the Welsh verb or the place
noun written before a name ("Mr. Smith", "Ffoniwch Gareth", "i Goleg Morgan Llwyd").
"""

from __future__ import annotations

from nlp.redaction.gazetteer import NOT_NAMES
from nlp.redaction.name_cues import PARTICLES, title
from nlp.redaction.name_tokens import Tokens
from nlp.redaction.welsh_places import opens_a_welsh_place
from nlp.redaction.welsh_spelling import welsh_looking


class NameExtent(Tokens):
    """The tokens of one text, and how far a name started at one of them reaches."""

    def grow(self, start: int, end: int) -> tuple[int, int]:
        """Extend [start, end) over further name parts on both sides."""
        words, spaces, count = self.words, self.spaces, len(self.words)
        while end < count:
            joined = bool(spaces[end - 1]) and "\n" not in spaces[end - 1]
            if (
                joined
                and words[end].lower() in PARTICLES
                and end + 1 < count
                and self.extendable(end + 1)
            ):
                end += 2
            elif (
                joined  # "Rhys ap-Gwilym": the particle joined to the name by a hyphen
                and words[end].lower() in PARTICLES
                and end + 2 < count
                and words[end + 1] == "-"
                and not spaces[end]
                and not spaces[end + 1]
                and self.extendable(end + 2)
            ):
                end += 3
            elif (
                words[end] == "-"
                and not spaces[end - 1]
                and not spaces[end]
                and end + 1 < count
                and self.capitalised(end + 1)
            ):
                end += 2
            elif joined and self.extendable(end):
                end += 1
            else:
                break
        while start > 0:
            prev = start - 1
            if not spaces[prev] or "\n" in spaces[prev] or not self.capitalised(prev):
                break
            key = self.keys[prev]
            if (
                key in NOT_NAMES
                or key in self.welsh_words
                or title(self.words[prev])
                or self.common(key)
            ):
                break  # "Mr. Smith", "Emperor Norton": the title stays
            if welsh_looking(self.words[prev]) and key not in self.g.first_names:
                break  # "Ffoniwch Gareth": a Welsh verb before the name stays
            if opens_a_welsh_place(self.words[prev], self.words[start]):
                break  # "i Goleg Morgan Llwyd": a mutated place noun, in no dictionary

            # A first name before a surname, even one that is also a place ("Isla"),
            # or a word too rare to be in the frequency table ("Kwame").
            if key in self.g.first_names or self.g.capital_prob(key) >= self.g.lower_prob(key):
                start -= 1
            else:
                break
        return start, end
