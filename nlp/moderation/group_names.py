"""How a hateful statement names a group: its names in English and Welsh, in every
mutation, and the group as the subject of what is said of it.

group_hate.py builds its shapes from these. Kept apart from the shapes so that each file
reads as one thing: who is spoken of here, what is said of them there.
"""

from __future__ import annotations

from nlp.moderation.lexicon import GROUPS, GROUPS_CY, mutated_forms

GROUP_WORDS = GROUPS | mutated_forms(GROUPS_CY)
# The hate patterns all name a group: a text with none of these words skips them. Not the
# everyday words inside the names of several words ("the", "people", "mental", Welsh "a",
# "meddwl"), which most texts hold: each such name keeps a word of its own ("mentally",
# "disabilities", "easterners", "salwch").
_EVERYDAY_IN_GROUP_NAMES = frozenset(
    "the with people pobl a ag mental ill middle eastern native meddwl".split()
)
GROUP_TOKENS = (
    frozenset(word for group in GROUP_WORDS for word in group.split()) - _EVERYDAY_IN_GROUP_NAMES
) | {"foreign"}  # "the foreign lot" (SUBJECT)
GROUP = r"(?:" + "|".join(sorted(GROUP_WORDS, key=len, reverse=True)) + r")"
# The groups that "they" or "nhw" can take up later in a text: the plural nouns for people,
# not the adjectives that name a group before another noun ("the Welsh Government ..., they
# are useless", "disabled toilets ..., they are disgusting"), nor "women" or "menywod",
# which a resident uses of the staff they met ("the women at the desk ..., they are useless").
PEOPLES = "|".join(
    sorted(
        (w for w in GROUPS if w.endswith(("s", "people", "men", " ill")) and w != "women"),
        key=len,
        reverse=True,
    )
)
PEOPLES_CY = "|".join(sorted(mutated_forms(GROUPS_CY - {"menywod", "sais"}), key=len, reverse=True))
# A group as the subject of what is said of it, not the object of a preposition:
# "services for disabled people are useless", "lessons in Welsh are useless" and "mae
# gwersi i fewnfudwyr yn dda i ddim" are about a service, not the people.
_PREPOSITIONS = (
    "for to on of in about with against from by at into i o ar am gyda efo dros gan at"
).split()
NOT_AFTER_PREPOSITION = "".join(
    rf"(?<!\b{p} )(?<!\b{p} the )(?<!\b{p} y )(?<!\b{p} yr )(?<!\b{p}'r )" for p in _PREPOSITIONS
)
# What a group's adjective names besides people: "you can't trust Welsh weather", "I would
# never serve English food" say nothing of anyone.
_THINGS = (
    r"(?:weather|forecasts?|food|cooking|cuisine|tea|beer|coal|language|lessons?|classes"
    r"|courses?|books?|music|tv|news|roads?|toilets?|loos?|bays?|spaces?|parking|badges?"
    r"|facilities|access|government|council|signs?|water|cakes?|breakfast|version|translation"
    r"|medium|schools?|words?|names?|flags?|team|rugby|football|league|accent)"
)
AS_PEOPLE = rf"{GROUP}(?!\s+{_THINGS}\b)"
# A group's name may go on with the people in it: "gay couples", "the trans community", "the
# trans lot". "foreign" names a group only before its people: "the foreign lot are ruining
# the area", not "foreign aid" nor "foreign holidays".
SUBJECT = (
    NOT_AFTER_PREPOSITION
    + rf"(?:{AS_PEOPLE}(?:\s+(?:couples|families|folk|parents|community|speakers|lot))?"
    + r"|foreign\s+(?:people|families|folk|lot|nationals|workers))"
)
