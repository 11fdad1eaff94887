"""First names, surnames and word frequencies for the name detector.

Sources, all installed by `pip install .`:
- gender-guesser (GPL-3.0, compatible with this AGPL project): ~45,000 first
  names from some 50 countries, Great Britain and Ireland included; chosen over
  names-dataset (hundreds of MB in memory) for its size and its European reach.
- names (MIT): the US Census first-name lists and 88,000 surnames, which carry
  the surnames of Britain and most migrations to it.
- data/uk_given_names.txt.gz: the given names registered for 20 or more babies in the UK
  (ONS, NRS and NISRA birth registrations, Open Government Licence v3.0; built by
  tools/build_uk_given_names.py). Neither package knows "Alfie", "Jemima" or "Lleucu".
- A short list of Welsh names below: both packages know "Rhys" and "Dafydd"
  but miss much of the Welsh register (Gwenllian's sisters, mutated forms). Its second
  part (from "alys") holds Welsh names parents still choose, each registered for babies in
  England and Wales (ONS), and a few older ones ("Elfed", "Tegid", "Myrddin"): among them
  the names that are also Welsh words ("Haf" is summer, "Awen" the muse), which the
  registrations file leaves out. Not "Jac", "Lili" or "Fflur": lower-case, Welsh text
  means the bird ("jac y do"), the flower ("lili'r dŵr") or flowers ("Ystrad-fflur") far
  more often (the registrations still list them, for the capitalised name).
- A short list of the pet forms British speakers make of given names ("Trev", "Gaz",
  "Shaz", "Macca", "Tommo"), which no list above holds, written by hand from common
  usage: residents name neighbours and staff so ("Bev & Trev are moving out"). Not the
  forms that are everyday words or abbreviations ("Tel" for a telephone number, "Mags",
  "Col", "Smithy", "Gruff").
- data/lexicon.tsv.gz: how often each English word is written lower-case or
  capitalised (from spacy-lookups-data; see data/build_lexicon.py), which tells
  "Will" the name from "will" the verb.
"""

from __future__ import annotations

import gzip
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache, cached_property
from importlib import resources
from pathlib import Path

WELSH_FIRST_NAMES = """
aled alaw alun aneurin angharad anwen arwel arwyn bethan betsan blodwen branwen bryn brynmor caio
cadi cai caradog carwyn caryl carys catrin cati ceinwen ceri cerys cledwyn dafydd dai delyth dewi
dilwyn dwynwen dyfan dyfed dylan efa eifion eilir eirlys eirwen elen eleri elin elinor eluned
elwyn emlyn emrys emyr enfys eurig euros ffion ffraid gaenor gareth gethin geraint gerallt glenys
glyn glesni gruffudd gruffydd guto gwawr gwen gwenan gwenda gwenllian gwennan gwenno gwil gwilym
gwion gwladys gwyn gwyneth gwynfor hafwen hedd heddwyn heledd heulwen huw hywel ianto idris idwal
ieuan ifan ifor iestyn illtud iolo iona iorwerth islwyn iwan llew llinos lloyd llywela llywelyn
lowri mabli macsen madog mair mali mari mared marged meg meic meical meilyr meinir meirion mererid
meredydd mervyn morfudd myfanwy nerys nest nia non osian owain owen padrig pedr peredur rhian
rhiannon rhidian rhodri rhun rhydian rhys rhisiart sali seren siân sian siarl sioned siôn sion
steffan sulwen taliesin tegan tegwen tomos trefor tudur tudor twm wil wyn wynfor ynyr
alys anest awel awen begw beca buddug dilys dyddgu elain elliw esyllt haf heddwen lleucu llio
luned manon mirain nanw nansi nel olwen siwan swyn tesni teleri tirion eirian eiry ela gwenfair
aron bedwyr berian cynan deio deian eban efan elgan elfed elis gwydion harri hefin iago ioan llyr
mabon myrddin nedw tegid trystan gwern teilo tomi
""".split()

WELSH_SURNAMES = """
ap ab bevan bowen cadwaladr davies edwards ellis evans griffith griffiths gwilym howells hughes
humphreys jenkins john jones lewis llewellyn lloyd meredith morgan morris owen owens parry
pritchard probert prosser price pugh powell rees rhys roberts rowlands thomas vaughan watkins
williams wynne
huws dafis defis ifans puw parri siencyn wmffre morus prisiart rolant watcyn bebb
""".split()
# The last line: the same surnames as Welsh spells them (Hughes, Davies twice, Evans, Pugh,
# Parry, Jenkins, Humphreys, Morris, Pritchard, Rowland, Watkin) and Bebb, which no census
# list holds: "y cynghorydd huws" was shown whole.

BRITISH_PET_NAMES = """
trev gaz gazza daz dazza baz bazza shaz shazza kez kezza tez tezza gav nige macca tommo
robbo stevo davo deano jacko jonesy bex
""".split()

# Capitalised words that are names in some country but mean something else
# far more often in British feedback; the frequency table catches most, these
# are the ones it cannot (months, days, Welsh days as "nos Wener" mutates them, institutions
# such as the Royal Mail, the high-street chains residents name, and the letters of NHS
# services and jobs, "CAMHS", "my GP", "the OT", whom residents name far more often than
# anyone with those initials; not Costa, Marks or Spencer, which are surnames too;
# "Angels", what residents call the staff who cared for them, is no one's name: "Angel" is;
# and the words of texting, "bae", "bruh", "finna", "lemme", which the name finders took for
# people in tweets; not "sis" nor "jk", which are a name and initials too: "Sís", "JK").
NOT_NAMES = frozenset(
    """
january february march april may june july august september october november december
monday tuesday wednesday thursday friday saturday sunday christmas easter council councillor
street road avenue lane park bus buses hospital school church chapel library centre center
ionawr chwefror mawrth ebrill mai mehefin gorffennaf awst medi hydref tachwedd rhagfyr
llun mawrth mercher iau gwener sadwrn sul cymru wales cyngor diolch helo shwmae bore prynhawn
lun fawrth fercher wener
god lord jesus allah english welsh british duw dduw iesu crist grist
jan feb mar apr jun jul aug sep sept oct nov dec mon tue tues wed thu thur thurs fri sat sun
gonna wanna gotta imma yall ya yo yeah yep nope ah oh ooh ohh aww lol lmao omg haha hehe boo woo
aw um umm hmm welp bravo yay ugh meh nah smh tbh idk http https www
bae bruh fam bestie homie lmfao lmbo kmsl rofl ily bouta finna lemme gimme sup wyd ikr irl fml
tho
hi hey hiya hello goodnight goodbye bye morning evening tonight today tomorrow yesterday sorry
please thanks cheers ok okay wow dear love darling babe baby bro mate sir gon wan na ta
england scotland wales britain america europe africa asia korea ireland cymru lloegr
american french greek irish scottish german italian spanish polish chinese indian african
european asian canadian australian mexican russian japanese korean
aries taurus gemini virgo libra scorpio sagittarius capricorn aquarius pisces
northern southern eastern western tory tories labour brexit remainer remainers leaver leavers
lexit ukip plaid senedd parliament government minister royal covid coronavirus nhs
tesco asda sainsbury sainsburys morrisons waitrose aldi lidl greggs argos primark wetherspoons
wetherspoon spar starbucks mcdonalds nandos screwfix wickes halfords currys matalan
poundland wilko specsavers superdrug whsmith oxfam santa angels
gp gps ot rmn rgn cpn hca camhs cahms pals physio physios
""".split()
)

UNKNOWN_LOG_PROB = -20.0


def fold(word: str) -> str:
    """Lower-case and strip accents, so "Siân" and "SIAN" look up as "sian"."""
    word = word.lower()
    if word.isascii():
        return word
    decomposed = unicodedata.normalize("NFKD", word)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


#: A possessive, as the tokenizer splits it off its word.
POSSESSIVE_ENDINGS = ("'s", "’s")
#: Given names that are also the values a resident answers "what matters to you?" with, in
#: one word ("Faith", "Grace", "Mercy"): alone, the value (statistical.ModelNameFinder).
VALUES_AS_NAMES = frozenset(
    """faith hope charity grace mercy joy patience prudence constance unity harmony serenity
    destiny trinity honour honor liberty justice verity felicity amity modesty temperance
    peace love""".split()
)


def place_key(words: Sequence[str]) -> str:
    """Words read as one place's name, folded as the place lists are. The tokenizer splits a
    possessive off its word, and the lists hold it joined: "Connah", "'s", "Quay" ->
    "connah's quay"."""
    parts = [w if w in POSSESSIVE_ENDINGS else w.strip("'’") for w in words]
    return fold(" ".join(parts).replace("’", "'").replace(" 's", "'s"))


@dataclass(frozen=True)
class Gazetteer:
    first_names: frozenset[str]
    surnames: frozenset[str]
    # Folded place names (single and multi-word) that a gazetteer match alone
    # must not turn into a name; popular first names are left out of it.
    places: frozenset[str]
    # folded word -> (log p lower-case, log p Capitalised)
    frequencies: dict[str, tuple[float, float]]
    # The British and Irish ones among all GeoNames places (a resident's "Chester").
    uk_places: frozenset[str] = frozenset()
    # The rest of the world's, names or not ("Paris", "Israel", "Georgia").
    world_places: frozenset[str] = frozenset()

    @cached_property
    def people(self) -> frozenset[str]:
        """The common given names (NAME_RANK, common_given_names) that are no place,
        folded: a name listed beside one is a person too ("Caroline and Lee":
        person_cues.listed_beside_a_person). Built once per gazetteer."""
        return common_given_names(NAME_RANK) - self.places

    def listed(self, key: str) -> bool:
        """Whether a folded word is on a first-name or surname list."""
        return key in self.first_names or key in self.surnames

    def lower_prob(self, key: str) -> float:
        return self.frequencies.get(key, (UNKNOWN_LOG_PROB, UNKNOWN_LOG_PROB))[0]

    def capital_prob(self, key: str) -> float:
        return self.frequencies.get(key, (UNKNOWN_LOG_PROB, UNKNOWN_LOG_PROB))[1]


def _gender_guesser_names() -> set[str]:
    path = Path(str(resources.files("gender_guesser"))) / "data" / "nam_dict.txt"
    found: set[str] = set()
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            if not line or line[0] in "#=":
                continue
            parts = line.split()
            if len(parts) < 2:
                continue
            # "+" joins the parts of a compound name ("Jean+Pierre"); keep each part.
            for part in parts[1].replace("+", "-").split("-"):
                if len(part) > 1:
                    found.add(fold(part))
    return found


def _uk_given_names() -> set[str]:
    path = Path(__file__).with_name("data") / "uk_given_names.txt.gz"
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        return {fold(line.strip()) for line in handle if line.strip() and not line.startswith("#")}


def _census(filename: str) -> set[str]:
    path = Path(str(resources.files("names"))) / filename
    with path.open(encoding="utf-8") as handle:
        return {fold(line.split()[0]) for line in handle if line.strip()}


def _frequencies() -> dict[str, tuple[float, float]]:
    table: dict[str, tuple[float, float]] = {}
    path = Path(__file__).with_name("data") / "lexicon.tsv.gz"
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        for line in handle:
            if line.startswith("#"):
                continue
            word, low, cap = line.rstrip("\n").split("\t")
            key = fold(word)
            new = (float(low) if low else UNKNOWN_LOG_PROB, float(cap) if cap else UNKNOWN_LOG_PROB)
            # "the" and "thé" fold together: keep the commoner reading of each spelling.
            old = table.get(key)
            table[key] = new if old is None else (max(old[0], new[0]), max(old[1], new[1]))
    return table


def _places() -> tuple[set[str], set[str]]:
    """(British and Irish places, the rest of the world's): GeoNames' (places.txt.gz), and
    the Welsh villages and suburbs it lacks, from OS Open Names (welsh_places.txt.gz)."""
    data = Path(__file__).with_name("data")
    uk: set[str] = set()
    world: set[str] = set()
    with gzip.open(data / "places.txt.gz", "rt", encoding="utf-8") as handle:
        for line in handle:
            if line.startswith("#") or not line.strip():
                continue
            name, _, flag = line.rstrip("\n").partition("\t")
            (uk if flag == "UK" else world).add(fold(name))
    with gzip.open(data / "welsh_places.txt.gz", "rt", encoding="utf-8") as handle:
        uk.update(fold(line.strip()) for line in handle if line.strip() and line[0] != "#")
    return uk, world


def _popular(limit: int, *filenames: str) -> set[str]:
    popular: set[str] = set()
    for filename in filenames:
        path = Path(str(resources.files("names"))) / filename
        with path.open(encoding="utf-8") as handle:
            for line in handle:
                parts = line.split()
                if len(parts) == 4 and int(parts[3]) <= limit:
                    popular.add(fold(parts[0]))
    return popular


@cache
def popular_first_names(limit: int = 500) -> frozenset[str]:
    """The ``limit`` commonest US-census first names of each sex, folded ("dave", "sarah")."""
    return frozenset(_popular(limit, "dist.male.first", "dist.female.first"))


#: The given names that win over a place of the same name where a person is meant: the US
#: census's NAME_RANK commonest of either sex, and the Welsh ones (common_given_names). Not
#: a surname: residents name staff by their given name ("Kerry was great") and a surname
#: with a title ("Mrs Holt", which the rules hide), while many towns are surnames ("Holt is
#: lovely", "Norton", "Overton"). A rarer given name is more likely the place ("Penley",
#: "Kingsley"). Used by statistical.py (PLACE_SURE), Gazetteer.people (lists of people) and,
#: in Welsh text, name_tokens.py (a place's name that the words around say is a person).
NAME_RANK = 3000


@cache
def common_given_names(limit: int) -> frozenset[str]:
    """The ``limit`` commonest US-census first names of each sex, every listed Welsh given
    name and British pet name, folded ("nina", "kerry", "bryn", "trev")."""
    return popular_first_names(limit) | {fold(n) for n in (*WELSH_FIRST_NAMES, *BRITISH_PET_NAMES)}


@cache
def common_surnames() -> frozenset[str]:
    """The 3,000 commonest US-census surnames and every listed Welsh one, folded ("jones",
    "evans", "pritchard"): the census's full list holds nearly every given name too."""
    return frozenset(_popular(3000, "dist.all.last") | {fold(n) for n in WELSH_SURNAMES})


def _place_names(uk: set[str], world: set[str]) -> set[str]:
    # A British place is a place even when it is also a name ("Chester",
    # "Lincoln", "Mold"), unless it is one of the hundred commonest first names;
    # abroad, popular first names and surnames ("Davis", "Parker") win over the
    # towns that share them.
    first = _popular(500, "dist.male.first", "dist.female.first") | {
        fold(n) for n in WELSH_FIRST_NAMES
    }
    surnames = common_surnames()
    commonest = _popular(100, "dist.male.first", "dist.female.first")
    return (uk - commonest) | (world - first - surnames)


def name_lists() -> tuple[frozenset[str], frozenset[str]]:
    """(given names, surnames), folded: every list the gazetteer reads, less NOT_NAMES."""
    first = _gender_guesser_names() | _census("dist.male.first") | _census("dist.female.first")
    first |= _uk_given_names() | {fold(n) for n in (*WELSH_FIRST_NAMES, *BRITISH_PET_NAMES)}
    surnames = _census("dist.all.last") | {fold(n) for n in WELSH_SURNAMES}
    return frozenset(first - NOT_NAMES), frozenset(surnames - NOT_NAMES)


@cache
def load_gazetteer() -> Gazetteer:
    """Load once per process (about half a second)."""
    first, surnames = name_lists()
    uk, world = _places()
    return Gazetteer(
        first_names=first,
        surnames=surnames,
        places=frozenset(_place_names(uk, world)),
        frequencies=_frequencies(),
        uk_places=frozenset(uk),
        world_places=frozenset(world),
    )
