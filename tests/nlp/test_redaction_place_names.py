"""Names that are also British places (statistical.PLACE_SURE), through the real redactor.

GeoNames lists every British hamlet, so "Nina", "Kerry" and "Lynn" are places as well as
people. Before PLACE_SURE a lone such word was always taken for the place, however sure the
contextual finder was: "Please thank Kerry for all her help" was shown whole. Only given
names: many towns are surnames ("Holt is lovely"), and a surname alone is rarely how a
resident names someone.
"""

from __future__ import annotations

import pytest

from nlp.redaction import Redactor, names, person_cues, statistical

STAFF = [
    "Nina on the ward was so kind to my mum.",
    "Please thank Kerry for all her help.",
    "Thanks again Lynn, you were brilliant.",
]
HIDDEN = [
    "[name] on the ward was so kind to my mum.",
    "Please thank [name] for all her help.",
    "Thanks again [name], you were brilliant.",
]
PLACES = [
    "The buses to Chester stop at six.",
    "Chester needs more buses.",
    "Parking in Mold is awful.",
    "We moved from Norton last year.",
    "The roads around Buckley are awful.",
    "Penley is lovely.",  # read like a person's, but no common given name (NAME_RANK)
    "Kingsley has nothing for young people.",
    # Towns that are surnames, in sentences that read like a person's.
    "Holt is lovely.",
    "Norton has nothing for young people.",
]


def test_a_name_that_is_also_a_british_place_is_hidden_when_the_finder_is_sure(
    redactor: Redactor, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert [r.text for r in redactor.redact_many(STAFF, language="en")] == HIDDEN
    # The setting is what hides them: with it off, the place list wins again (and with the
    # cue for how a person treats others off: "Nina on the ward was so kind").
    monkeypatch.setattr(statistical, "PLACE_SURE", 1.01)
    monkeypatch.setattr(person_cues, "described_as_a_person", lambda *_: False)
    monkeypatch.setattr(names, "described_as_a_person", lambda *_: False)
    assert [r.text for r in redactor.redact_many(STAFF, language="en")] == STAFF


def test_places_residents_write_about_stay(
    redactor: Redactor, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert [r.text for r in redactor.redact_many(PLACES, language="en")] == PLACES
    # A town that is a common given name, in a sentence that reads like a person's, is
    # the price: hidden when the finder is sure, unless the setting is off.
    assert redactor.redact("Chester is lovely.", language="en").text == "[name] is lovely."
    monkeypatch.setattr(statistical, "PLACE_SURE", 1.01)
    assert redactor.redact("Chester is lovely.", language="en").text == "Chester is lovely."


def test_the_same_name_many_times_is_hidden_every_time(redactor: Redactor) -> None:
    """A long answer repeating the name, cut into windows, shows it nowhere."""
    text = "Please thank Kerry for all her help. " * 200
    result = redactor.redact(text, language="en")
    assert "Kerry" not in result.text
    assert result.text.count("[name]") == 200
    assert result.text.replace("[name]", "Kerry") == text


def test_the_finder_says_why_it_dropped_a_place(redactor: Redactor) -> None:
    """bench/name_misses.py counts these reasons; a sure score alone decides nothing."""
    finder = statistical.ModelNameFinder([], contextual=None)
    words = [(0, 7, "Chester"), (8, 13, "needs"), (14, 18, "more")]
    position = {start: i for i, (start, _, _) in enumerate(words)}
    text = "Chester needs more"
    unsure = finder.judge_run(text, words, position, words[:1], False, 0.5)
    assert unsure == (None, "a place alone")
    assert finder.judge_run(text, words, position, words[:1], False, 0.95) == ((0, 7), "kept")
    welsh = statistical.ModelNameFinder([], listed_only=True, contextual=None)
    assert welsh.judge_run(text, words, position, words[:1], False, 0.95) == (
        None,
        "a place alone",
    )


# Villages and suburbs around Wrexham and Deeside that GeoNames (places of 500 people or more)
# lacks: OS Open Names holds them (welsh_places.txt.gz). Before it, each was a [name].
WELSH_VILLAGES = [
    "Acrefair needs a shop.",
    "Brynteg park is dirty.",
    "Connah's Quay needs a new pool.",
    "Connah’s Quay needs a pool.",  # the apostrophe a phone types
]


def test_welsh_villages_geonames_lacks_stay(redactor: Redactor) -> None:
    assert [r.text for r in redactor.redact_many(WELSH_VILLAGES, language="en")] == WELSH_VILLAGES
    welsh = ["Mae Connah's Quay angen pwll nofio", "Mae'r parc yn Brynteg yn fudr"]
    assert [r.text for r in redactor.redact_many(welsh, language="cy")] == welsh


def test_people_named_like_places_are_still_hidden(redactor: Redactor) -> None:
    """Only a place's words are kept: "Connah" alone, or before another word, is a person,
    and so is a whole name that is also a place."""
    assert redactor.redact("Thanks to Connah, my son", language="en").text == (
        "Thanks to [name], my son"
    )
    mum = redactor.redact("Connah's mum was lovely", language="en")
    assert mum.text == "[name]'s mum was lovely"
    # A whole name that is also a place is still a person's: Lawrence Hill is in Bristol.
    book = redactor.redact("Lawrence Hill's Book of Negroes won the prize", language="en")
    assert book.text == "[name]'s Book of Negroes won the prize"


def test_a_village_named_like_its_resident_stays_beside_them(redactor: Redactor) -> None:
    """Glyn Ceiriog, with a Glyn in the same answer: the person goes, the village stays,
    whether written whole after "in" or, in Welsh, mutated after "i" ("Lyn Ceiriog")."""
    english = [
        "Glyn lives in Glyn Ceiriog and works in Chirk",
        "Dave lives in Glyn Ceiriog and works in Chirk",
        "Connah rang about Connah's Quay",
    ]
    assert [r.text for r in redactor.redact_many(english, language="en")] == [
        "[name] lives in Glyn Ceiriog and works in Chirk",
        "[name] lives in Glyn Ceiriog and works in Chirk",
        "[name] rang about Connah's Quay",
    ]
    welsh = [
        "mae Glyn yn byw yn Glyn Ceiriog",
        "mae'r ffordd i Lyn Ceiriog ar gau",
        "mae Glyn yn byw yng Nglyn Ceiriog",
    ]
    assert [r.text for r in redactor.redact_many(welsh, language="cy")] == [
        "mae [name] yn byw yn Glyn Ceiriog",
        "mae'r ffordd i Lyn Ceiriog ar gau",
        "mae [name] yn byw yng Nglyn Ceiriog",
    ]


def test_a_person_named_like_a_village_is_hidden_every_time(redactor: Redactor) -> None:
    """Only a longer place's words are kept: each mention of the person still goes, and
    so does a Welsh "Lyn" who is no village ("i Lyn" is to Lyn)."""
    assert redactor.redact("Glyn rang. Glyn was upset", language="en").text == (
        "[name] rang. [name] was upset"
    )
    assert redactor.redact("Glyn's bins. Glyn's dog", language="en").text == (
        "[name]'s bins. [name]'s dog"
    )
    assert redactor.redact("Diolch i Lyn am ei help", language="cy").text == (
        "Diolch i [name] am ei help"
    )


PLANTS = [
    "Holly bushes need cutting back in the park.",
    "The Heather moorland above Llangollen is burning.",
    "Rose bushes were planted by the council.",
    "the Willow trees by the river were cut down",
    "Rowan berries everywhere",
    "Ash dieback has killed the trees on the verge",
]


def test_plants_named_like_people_are_shown(redactor: Redactor) -> None:
    assert [r.text for r in redactor.redact_many(PLANTS, language="en")] == PLANTS


def test_people_named_like_plants_are_still_hidden(redactor: Redactor) -> None:
    """Only before a plant's parts or where it grows, written lower-case: "Heather leaves
    at five" and "Poppy fields questions" are people, and so is "Hazel Wood"."""
    people = [
        "Holly rang me yesterday",
        "Heather leaves at five",
        "I spoke to Holly about the bins",
        "Hazel Wood was so kind",
        "Poppy fields questions well",
    ]
    assert [r.text for r in redactor.redact_many(people, language="en")] == [
        "[name] rang me yesterday",
        "[name] leaves at five",
        "I spoke to [name] about the bins",
        "[name] was so kind",
        "[name] fields questions well",
    ]


THINGS = [
    "Oak trees along the road have been cut down.",
    "we need the Oak tree by the school made safe",
    "Cherry tomatoes in the school dinners were cold.",
    "Green belt must be protected from the new estate.",
    "Stone walls on the lane are falling down.",
    "Douglas fir plantation above the village is being felled.",
    "Rose garden in the park is a mess.",
    "Black ice on the pavements every morning.",
    "White goods collection is too dear.",
    # The noun's second word is a given name too: it is the noun's, not a person's.
    "Tiger lily and Red clover along the verge",
    "A Silver fox was in the bins again",
]


def test_two_word_nouns_that_open_with_a_name_are_shown(redactor: Redactor) -> None:
    """A given name or surname before the lower-case word that makes a two-word noun of it
    (Open English WordNet's, tools/build_name_compounds.py) is a thing, in the plural too."""
    assert [r.text for r in redactor.redact_many(THINGS, language="en")] == THINGS


def test_people_before_a_verb_that_is_also_such_a_noun_are_still_hidden(
    redactor: Redactor,
) -> None:
    """A common given name before a verb that is also the plural of such a noun ("rose
    water", "foster care") is a person: "Rose waters", "Foster cares"."""
    people = [
        "Rose waters the plants in the square every day",
        "Foster cares for her mum on her own",
        "Rose said the garden was a mess",
    ]
    assert [r.text for r in redactor.redact_many(people, language="en")] == [
        "[name] waters the plants in the square every day",
        "[name] cares for her mum on her own",
        "[name] said the garden was a mess",
    ]


def test_welsh_land_and_town_nouns_open_a_place(redactor: Redactor) -> None:
    """A hill, a fort, a bay, a rock or a saint before a name makes a place of it, in every
    mutation; and after the nasal "yn" ("ym", "yng") no one's name follows."""
    places = [
        "Hen balas Rhufeinig yw Caer Gai.",
        "Gwelwn Gader Idris yn codi.",
        "Saif rhwng Bae Penrhyn a Llandudno.",
        "Mae wedi'i leoli i'r de o Foel Famau a Moel Fenlli.",
        "Ceir carreg o'r enw Carreg Rhian ar bwys y pentref.",
        "Ydy hyn yn ddibynnol ar Lywodraeth San Steffan?",
        "Astudiodd hanes celf ym Merlin.",
        "Amaethdy ymysg bryniau Caerfyrddin yw Pant y Celyn.",
        "Saif ychydig i'r de-ddwyrain o'r fam fynydd, Moel yr Henfaes.",
    ]
    assert [r.text for r in redactor.redact_many(places, language="cy")] == places


def test_a_mutated_word_that_is_also_a_verb_opens_no_place(redactor: Redactor) -> None:
    """ "Mae" is "bae" (a bay) mutated, and the verb that opens half of all Welsh sentences:
    the person after it stays hidden."""
    people = [
        "Mae Glyn Jones yn byw yng Nglyn Ceiriog",
        "Mae Dafydd yn hyfryd",
        "Mae Dafydd y Garth yn hyfryd",  # a nickname after the article, no place noun
    ]
    assert [r.text for r in redactor.redact_many(people, language="cy")] == [
        "Mae [name] yn byw yng Nglyn Ceiriog",
        "Mae [name] yn hyfryd",
        "Mae [name] y Garth yn hyfryd",
    ]


def test_a_place_abroad_named_like_a_person_is_the_place_after_in_or_near(
    redactor: Redactor,
) -> None:
    """ "yn", "ger" and "drwy" take places: a city or country abroad that a name list also
    holds is the place there. Not a common given name, which "yn" also takes after a verb
    ("cydio yn", to grab), nor after "i" or at a sentence's start ("Diolch i Paris")."""
    places = [
        "Rwy wedi bod i Barc Disney ger Paris ddwywaith.",
        "Mae fy mab yn byw yn India nawr.",
        "Ti 'di bod yn Paris erioed?",
    ]
    assert [r.text for r in redactor.redact_many(places, language="cy")] == places
    people = ["Diolch i Paris am ei help", "Mae Paris yn garedig iawn", "Cydiodd yn Mary"]
    assert [r.text for r in redactor.redact_many(people, language="cy")] == [
        "Diolch i [name] am ei help",
        "Mae [name] yn garedig iawn",
        "Cydiodd yn [name]",
    ]


def test_a_place_and_its_landmark_noun_are_shown(redactor: Redactor) -> None:
    # "Castle" and "Mountain" are surnames too: "Chirk Castle" was hidden as a full name.
    texts = [
        "The buses to Chirk Castle stopped.",
        "We walked up Hope Mountain yesterday.",
        "Acton Park is a mess.",
        "The Gresford Colliery memorial needs cleaning.",
    ]
    assert [r.text for r in redactor.redact_many(texts, language="en")] == texts
    # "Mount" before a mountain's name, as "St" before a saint's: "Hood" was a surname.
    peaks = ["On a clear day you can see Mount Hood.", "Mt. Hood was lovely."]
    assert [r.text for r in redactor.redact_many(peaks, language="en")] == peaks
    # After a place that is also a given name, a noun people are called by is the surname.
    people = ["Kerry Hill was lovely.", "Chester Hall rang me."]
    shown = [r.text for r in redactor.redact_many(people, language="en")]
    assert shown == ["[name] was lovely.", "[name] rang me."]


def test_a_building_after_an_everyday_word_is_shown(redactor: Redactor) -> None:
    # "Hall" is a surname too: "Gresford Memorial Hall" lost "Hall", and the Hall mentioned
    # again lost it as a repeated name.
    texts = [
        "Gresford Memorial Hall needs a new roof, the Friends of the Hall have raised £2k",
        "Brymbo Community Hall is shut on Mondays.",
        "Rhos Town Hall is shut.",
    ]
    assert [r.text for r in redactor.redact_many(texts, language="en")] == texts
    # A person keeps the surname: after a given name or a title, or first in a sentence.
    people = ["I spoke to Sarah Hall today.", "Dr Hall said so.", "Ask Hall about it."]
    shown = [r.text for r in redactor.redact_many(people, language="en")]
    assert shown == ["I spoke to [name] today.", "Dr [name] said so.", "Ask [name] about it."]


def test_a_street_named_after_someone_is_shown(redactor: Redactor) -> None:
    # Residents name their street more than anything; "Charles" alone was hidden before it.
    texts = ["Charles Street is always blocked.", "Henblas Street needs more bins."]
    assert [r.text for r in redactor.redact_many(texts, language="en")] == texts
    # A person's verb after it makes "Street" a surname and the given name a person's.
    assert redactor.redact("Sarah Street said no.", language="en").text.startswith("[name]")
    # After a person's title, "Street" is the surname: few are called it, but Mr Street is.
    titled = ["Mr Street came round.", "Mrs Lane was lovely.", "Dr Love explained it all."]
    shown = [r.text for r in redactor.redact_many(titled, language="en")]
    assert shown == [
        "Mr [name] came round.",
        "Mrs [name] was lovely.",
        "Dr [name] explained it all.",
    ]
    # ... not after a title that names streets ("Lord Street") or a job ("Nurse Park").
    streets = ["Lord Street is busy.", "I saw Nurse Park today."]
    assert [r.text for r in redactor.redact_many(streets, language="en")] == streets


def test_welsh_places_no_list_holds_are_shown_by_their_shape(redactor: Redactor) -> None:
    # The aqueduct and a hamlet on no place list, built as Welsh builds a place's name (a
    # place word, then "y" and a noun, or a Welsh "yll"): each was a [name] at a sentence's
    # start, where a rare capitalised word is guessed a name.
    texts = [
        "Pontcysyllte aqueduct needs better parking.",
        "Dolywern is cut off when it floods.",
        "Maesybont needs a bus.",
    ]
    assert [r.text for r in redactor.redact_many(texts, language="en")] == texts
    # Names that open like a place stay hidden: no article after the place word, no "yll".
    people = ["Penrose rang me back.", "Tremayne was so kind.", "Phyllis was so kind."]
    hidden = [r.text for r in redactor.redact_many(people, language="en")]
    assert hidden == ["[name] rang me back.", "[name] was so kind.", "[name] was so kind."]


def test_a_place_said_to_be_where_something_happened_is_shown(redactor: Redactor) -> None:
    # "he" later in the sentence made the finder sure of a person: "Holt" was hidden.
    texts = ["Holt is where he grew up.", "Gresford was where she met him."]
    assert [r.text for r in redactor.redact_many(texts, language="en")] == texts
    assert redactor.redact("Sarah is where she always is.", language="en").text == (
        "[name] is where she always is."
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A place or a book named after "the" with an everyday word first: not a person.
        ("The Fairy Glen in Ruthin is a lovely place to walk", None),
        ("We walked up the Fairy Glen last Sunday", None),
        # ... the finder's run read with the capitalised words before it.
        ("the Great Gatsby is my favourite book", None),
        # A family or what is theirs after "the" is people.
        ("the Rose family next door are lovely", "the [name] family next door are lovely"),
        ("the Rose's garden is overgrown", "the [name]'s garden is overgrown"),
        # A title or a calling first: the person after it still goes.
        ("the Reverend Jones opened the fete", "the Reverend [name] opened the fete"),
        ("the Honourable Edward Stanley stood", "the Honourable [name] stood"),
        ("the Right Honourable Edward Stanley", "the Right Honourable [name]"),
        # ... or a word of praise residents capitalise.
        ("The Amazing Dave sorted it", "The Amazing [name] sorted it"),
        ("Thanks to the Brilliant Bethan", "Thanks to the Brilliant [name]"),
        # A person beside a place so named is still a person.
        ("Ask Glen at the Hope Centre", "Ask [name] at the Hope Centre"),
    ],
)
def test_a_thing_named_after_the_is_shown(
    redactor: Redactor, text: str, expected: str | None
) -> None:
    assert redactor.redact(text, language="en").text == (expected or text)


def test_the_rules_and_the_finder_each_read_a_thing_named() -> None:
    """The rules alone, and the rules with the contextual finder, each show "the Fairy
    Glen": neither hides what the other shows."""
    text = "The Fairy Glen in Ruthin is a lovely place to walk"
    assert Redactor(name_models=()).redact(text, language="en").text == text
    assert Redactor().redact(text, language="en").text == text
