"""The words and patterns around a name: titles, introductions, cues, Welsh spelling.

What nlp.redaction.names reads to decide that a word is announced as a name ("Mrs",
"my neighbour", "Siân ydw i", "Ffoniwch") or is not one (a Welsh word, a place after "in"),
kept apart from the scanning itself so that the finders (statistical.py, contextual.py)
and the trainer share the same lists. Whether a guessed name names a place, a building or a
service from the words around it is place_cues.py, which reads these lists.
"""

from __future__ import annotations

import re

from nlp.lang.cy.lexicon import LEXICON as WELSH_LEXICON
from nlp.lang.cy.mutations import Mutation, mutate
from nlp.lang.cy.stop_words import STOP_WORDS as WELSH_STOP_WORDS
from nlp.redaction.gazetteer import (
    WELSH_FIRST_NAMES,
    Gazetteer,
    fold,
)

TITLES = frozenset(
    """
mr mrs ms miss mx dr doctor prof professor cllr councillor sir dame lady lord rev revd reverend
father fr sister nurse captain capt officer pc sgt sergeant inspector judge aunt auntie uncle nan
nana grandma grandad mam mum dad madam
""".split()
)
#: The titles only a person's surname follows, and the surnames that are words the
#: gazetteer never takes for a name alone (NOT_NAMES): after one of these titles they are the
#: person's ("Mr Street came round", "Mrs Lane", "Dr Love"). Not after "Lord", "King" or a
#: kin word: "Lord Street", "Nurse Park" or "Mum Church" is no one.
SURNAME_TITLES = frozenset("mr mrs ms miss mx dr cllr councillor".split())
SURNAMES_NAMED_ONLY_AFTER_A_TITLE = frozenset("street lane park church chapel love".split())
# Titles written short with a full stop ("Mr. Smith", "Dr. Jones"); after any other word a
# full stop ends the sentence ("Sorted it for my Mum. Thank you").
ABBREVIATED = frozenset("mr mrs ms mx dr prof cllr rev revd fr capt sgt pc insp".split())

# Offices and ranks written before a name ("President Obama", "Senator Smith"): not part of
# the name, and alone ("the President said") no one's name to redact. Kept apart from TITLES,
# which also makes the next capitalised word a name for the rules. Offices that are also
# given names (King, Prince, Earl, Duke, Justice, Major...) are left out: "ask Earl about
# the allotments" must hide Earl, and "[name]" for "King Charles" costs nothing. "Vice",
# "Gen" and "Sen" stay: too rare as names to be worth "The [name] said no".
ROLE_TITLES = frozenset(
    """
president vice senator sen governor gov mayor minister chancellor premier emperor empress duchess
baroness count countess saint st pope bishop archbishop cardinal gen colonel col lieutenant lt
chief speaker coach secretary ambassador chairman chairwoman chairperson honourable honorable
""".split()
)
# Possessives. Before a word in capitals on no name list they make it a job's letters, not a
# person's initials ("my GP", "our CPN", "her OT"; "my son JJ" is announced by "my son"),
# and before a lower-case title a noun (DETERMINERS: "my nurse said").
POSSESSIVES = frozenset("my our your his her their".split())
# Before a lower-case title these make it a noun ("a lady rang", "the nurse said"), so the
# lower-case word after it is no name it announces; "nurse jane", "the nurse Jane" still are.
# Before a name and a building's, ward's or award's noun they make the name the thing's
# ("the John Ryle Centre", "a Daisy award": eponyms.py).
DETERMINERS = frozenset("a an the this that".split()) | POSSESSIVES
# Welsh titles and kin words used before a name, written and spoken ("Nyrs Gwen", "Syr Lewis
# Morris"; "Fodryb" is "Modryb" after "ei"). Not "Arglwydd" nor "Athro", which come before
# offices and subjects as often ("Arglwydd Raglaw", "Athro Ffiseg"), nor "Anti", a prefix in
# English answers ("Anti Vax"); the rules read these in every language.
TITLES_CY = frozenset(
    """parch parchedig bnr mrs mr dr cynghorydd cyng modryb fodryb ewythr ewyrth yncl taid nain
    nyrs doctor doctores capten syr""".split()
)


def title(word: str) -> bool:
    """A title, kin word or office written before a name ("Mr.", "Cllr", "President")."""
    key = fold(word).rstrip(".")
    return key in TITLES or key in TITLES_CY or key in ROLE_TITLES


def previous_word(text: str, start: int) -> str:
    """The word written right before ``start`` in ``text`` ("" if none near)."""
    before = text[max(0, start - 30) : start].split()
    return before[-1] if before else ""


def after_title(text: str, start: int) -> bool:
    """Whether the word before ``start`` is a title, kin word or office ("Dr", "Mum", "y
    Cyng")."""
    return title(previous_word(text, start))


# Welsh words that announce a person, and never a thing: thanks ("Diolch i Kerry": one
# thanks a person, or God, a council: nouns the Welsh check reads through their mutation, "i
# Dduw", "i Gyngor Wrecsam"), a verb only a person does, written first as Welsh writes it
# ("Ffoniodd Shannon fi", "Mi ddywedodd Kerry"; radical, and soft after "mi"/"fe"), asking,
# ringing, speaking with and meeting, and kin. Part of INTRO_BEFORE; PiiWelshNames also reads
# a lower-case given name after one as announced ("diolch i kerry"), where "gan" and "gyda"
# (by, with) are followed by words as often ("gyda reis").
_PERSON_CUES_CY = (
    r"\bdiolch(?: yn fawr(?: iawn)?| o galon)? i\b|"
    r"\bd?dywedodd|\bg?ofynnodd|\besboniodd|\bffoniodd|\batebodd|\bsiaradodd|\baddawodd|"
    r"\bymddiheurodd|\bg?wrandawodd|\bhelpodd|\bffoniwch|\bgofynnwch i|"
    # ... and the resident's own: "siaradais i efo Pam", "ffoniais Gareth", "gofynnais i Bob".
    r"\bsiaradais(?: i)? (?:efo|hefo|gyda|â|ag)|\bffoniais(?: i)?|\bgofynnais(?: i)?|"
    r"\bcwrddais(?: i)? (?:â|ag)|"
    r"\bfy (?:mab|merch|ngwr|ngwraig|mam|nhad|ffrind|nghymydog)(?:,| yw| o'r enw)?"
)
_PERSON_CUE_BEFORE_CY = re.compile(rf"(?:{_PERSON_CUES_CY})[ \t]*$", re.IGNORECASE)


def person_cue_before_cy(text: str, start: int) -> bool:
    """Whether thanks, a person's verb or a word for kin (in Welsh) ends right before
    ``start`` in ``text`` ("diolch i |kerry", "ffoniodd |shannon")."""
    return _PERSON_CUE_BEFORE_CY.search(text, max(0, start - 40), start) is not None


# Words after which the next capitalised word (or a known name) is a name.
INTRO_BEFORE = re.compile(
    r"(?<![\w'])(?:\bmy name(?:'s| is)|\bname(?:'s| is|:)|\bi'?m|\bi am|\bcalls? me|\bthis is|"
    r"\bit'?s|\bsigned|\bregards,?|\bthanks,?|\bthank you,?|\bcheers,?|\bbest,?|"
    # "Love, Jan" signs off; "I love Wrexham" does not introduce anyone.
    r"(?<!\bi )(?<!\bwe )(?<!\bthey )(?<!\byou )(?<!\bkids )(?<!\bwould )\blove,?|"
    r"\bsincerely,?|\bfaithfully,?|"
    r"\bhi|\bhello|\bhey|\bdear|\bspoke to|\bspoke with|\btalked to|\bask for|\basked for|\bmet|"
    r"\bask|\basked|\btell|\btold|\bring|\bphone|\btext|\bcontact|"
    r"\bmy (?:son|daughter|wife|husband|partner|mum|mother|dad|father|neighbour|carer|friend|"
    r"brother|sister|gran|grandson|granddaughter|kid|boy|girl|niece|nephew|cousin|landlord|"
    r"landlady|lodger|colleague|boss)(?:,| is| called)?|\bfy enw(?: i)? yw|\bfy enw i|"
    r"\benw:|\bannwyl|\bhelo|\bshwmae|\bsut mae|\bcofion,?|\byn gywir,?|\bgan|\bgyda|"
    # A given name that is also a place ("Kerry", "Shannon", "Lee") is the person after
    # these (_PERSON_CUES_CY).
    rf"{_PERSON_CUES_CY}|\bdiolch,?)[ \t]*",
    re.IGNORECASE,
)
# Weaker cues: a capitalised word after these is a name unless it is a place. Naming words
# ("called", "name:") announce a name; the rest ("with", "from", "and") only link one.
_NAMING = (
    r"\b(?:first |last |sur|full |your |the )?name\??(?: is| was|:|\?)?|\bcalled|\bnamed|\bcalls me"
)
CUE_BEFORE = re.compile(
    rf"(?<![\w'])(?:(?P<naming>{_NAMING})"
    r"|\bby:?|\bsaid|\bwith|\bfrom|\bto|\band|\bor|\bof|\bfor|\babout"
    # Singling one out of a team: "thanks to all the staff esp Daz".
    r"|\besp\.?|\bespecially|\bparticularly|\bincluding|\bnotably)[ \t]*",
    re.IGNORECASE,
)
# "Siân ydw i", "Rhys dw i": the name comes first in Welsh. (No "^": match() starts at
# the position it is given, where "^" would never match, and no introduction was cued.)
# Not "yma": it is also "this" ("y tŷ yma") and "here" after a verb ("Cliciwch yma").
# Not "dw i'n" ("Wedyn dw i'n mynd adra": then I go home): an introduction ends there.
INTRO_AFTER = re.compile(r"\s*(?:(?:ydw i|dw i)(?!['’]n)|here)\b", re.IGNORECASE)
# What may come right before such an introduction: a greeting ("Hi, Dave here",
# "Shwmae, Siân ydw i") or any comma opening a clause.
HELLO = frozenset("hi hiya hello hey helo shwmae sumae s'mae , morning bore".split())
# "Eira ydy fy enw i": unlike "Hapus ydw i" (I am happy), only a name comes before it, so
# even a word ("eira", snow) is the name here.
NAMED_AFTER = re.compile(r"\s*(?:ydy|yw|ydi|is)\s+(?:fy\s+enw|my\s+name)\b", re.IGNORECASE)
# Where staff sit, after a given name: "Summer on the front desk", "Hope at reception",
# "Ffion yn y dderbynfa". A season or a virtue is never "at reception"; "on the ward" is not
# here ("Winter on the ward is busy").
AT_THE_DESK = re.compile(
    r"\s+(?:(?:on|at|behind)\s+(?:the\s+)?(?:front\s+)?(?:reception|desk|switchboard|counter)"
    r"|(?:yn\s+y\s+dderbynfa|wrth\s+y\s+ddesg|ar\s+y\s+ddesg|tu\s+ôl\s+i['’]r\s+cownter))\b",
    re.IGNORECASE,
)
#: What only a person did: "Hope rang me", "Will phoned back", "Grace explained it all". In
#: the past tense, so the word cannot be the modal or the verb ("will phone", "I hope"); a
#: virtue, a month, a season or a town neither rings nor explains. person_cues.PERSON_VERBS
#: holds these and the other tenses, read after a name the finder already marked.
ACTED = frozenset(
    """rang phoned rung texted emailed e-mailed messaged said told asked explained listened
    smiled laughed apologised apologized promised replied""".split()
)
# ... right after a given name.
ACTED_AFTER = re.compile(r"\s+(?:" + "|".join(sorted(map(re.escape, ACTED))) + r")\b")
PARTICLES = frozenset(
    "ap ab ferch verch van von de da di del della der den du la le bin al mac st ten ter".split()
)
INITIAL = re.compile(r"^[A-Z]\.?$")
# Welsh words after which a place name is mutated ("i Gaerdydd", "yng Nghymru").
MUTATING = frozenset(
    "i o a ac am ar at dan drwy trwy wrth heb hyd gan tan dros rhwng yng ym yn ei fy dy ein "
    "eich".split()
)
# After these a capitalised word we do not know is a place or a building ("in Marford",
# "the Gurdwara", "yn Rhosddu"), not a person: people are rarely "in" or "the" anything.
LOCATIVE_BEFORE = frozenset(
    "the a an in at near into inside outside behind opposite around towards through past "
    "y yr 'r yn ym yng ger".split()
)
SENTENCE_BREAK = frozenset({".", "!", "?", ":", ";", '"', "\n", "(", ")", "-", "|", "…", "*"})
#: The Welsh given names the gazetteer lists, folded ("sian", "gwyn").
WELSH_NAME_KEYS = frozenset(fold(n) for n in WELSH_FIRST_NAMES)
# Welsh words that are first names somewhere else ("Mae", "Nain", "Haf" is both:
# a Welsh name we list stays a name).
WELSH_WORDS = frozenset(fold(w) for w in WELSH_STOP_WORDS | WELSH_LEXICON) - WELSH_NAME_KEYS

# Given names common in Wales that are also Welsh words ("dan" is under, "beth" what): in
# Welsh text, capitalised before a surname, they open a full name ("Dan Lewis ddywedodd"),
# where other such words are the verb or particle before it ("Mae Jones yn byw").
GIVEN_NAMES_THAT_ARE_WELSH_WORDS = frozenset(
    {"allan", "beth", "bob", "dan", "del", "eira", "grant", "pam"}
)

# Welsh given names that are also everyday Welsh words the Welsh vocabulary lacks (its
# spelling dictionary leaves names out): written lower-case in Welsh text, the word ("mae
# hedd yn bwysig" is peace, "tegan" a toy, "cai" "would get"), not a resident. Not the
# names more often meant than the word in what residents write ("Elin", an elbow; "Glyn",
# a glen; "Llinos", a linnet): hiding a word costs less than showing a name.
WELSH_NAMES_LOWER_CASE_WORDS = frozenset({"hedd", "eirlys", "enfys", "tegan", "glesni", "cai"})

# A name after these is a saint's: a church, a school, a place or a day, not a resident
# ("St Giles church", "St. Mary's"; in Welsh "Ysgol Sant Dunawd", "Dydd Santes Dwynwen").
# Not "Sant" in English text: a given name there ("Sant Singh").
SAINTS = frozenset({"st", "saint"})
# "Sain Ffagan", "San Steffan" (Westminster): the saint's older Welsh forms, capitalised.
SAINTS_CY = SAINTS | {"sant", "santes", "sain", "san"}
# Before a name in Welsh, the words that make it a saint's: a feast ("Gŵyl Dewi", "Dydd Gŵyl
# Ddewi", "ar Ŵyl Dewi") or a thing named after the saint, "cennin Pedr", St Peter's leeks,
# the daffodils ("plannu cennin Pedr yn y parc"), in each mutation.
NAMED_FOR_SAINTS_CY = frozenset({"gwyl", "wyl", "cennin", "gennin", "chennin", "nghennin"})

#: People by their job or their tie to the writer. A word set beside one of these, in brackets
#: or between commas, names who holds it ("occupational assistant (Shannon)": person_cues.py);
#: one between "my" or "the" and one names the kind ("my Heath Visitor", "the Macmillan
#: nurse": names_a_place). Nouns for people only: "the clinic (Carlton)" names a place.
ROLE_NOUNS = frozenset(
    """
assistant worker nurse carer doctor consultant therapist midwife physio physiotherapist
receptionist porter cleaner manager volunteer officer teacher surgeon practitioner advisor
adviser counsellor psychologist psychiatrist paramedic technician coordinator visitor
specialist pharmacist dentist optician student sister matron son daughter wife husband
partner friend neighbour
""".split()
)
#: The same in Welsh, radical, and as the article and "ei" soften them ("y feddyg", "y
#: ferch"). A Welsh role may take a word after it ("gweithiwr cymdeithasol, Shannon,": a
#: social worker; "nyrs ardal, Chelsea,": a district nurse).
_ROLE_RADICALS_CY = """
gweithiwr gweithwraig nyrs meddyg meddyges gofalwr gofalwraig derbynnydd athro athrawes swyddog
rheolwr rheolwraig cymydog cymdoges ffrind mab merch gŵr gwraig porthor glanhawr glanhawraig
bydwraig fferyllydd deintydd ffisiotherapydd therapydd cwnselydd seicolegydd parafeddyg
cynorthwyydd gwirfoddolwr
""".split()
ROLE_NOUNS_CY = frozenset(
    fold(form) for word in _ROLE_RADICALS_CY for form in (word, mutate(word, Mutation.SOFT))
)
# A person called or named so, right before the name: "a nurse called Hope", "the lady
# named Joy", "my carer called Will", "my neighbour's called Hope", "she was called Joy".
# The naming cue alone needs a word written capitalised more often ("a place called Hope" is
# a place, and so is "it's called Hope"); after a person, any given name is the name.
_PEOPLE_CALLED = """lady man woman girl boy guy chap bloke gentleman fella person someone
somebody""".split()
CALLED_AFTER_A_PERSON = re.compile(
    r"\b(?:(?:" + "|".join(sorted(set(_PEOPLE_CALLED) | ROLE_NOUNS)) + r")s?|he|she)"
    r"(?:\s+(?:is|was)|['’]s)?\s+(?:called|named)\s+$",
    re.IGNORECASE,
)
# A given name set beside its job: "Sky the HCA", "Hope, the physio, was great", "Summer
# the midwife". A virtue or a season is no one's nurse. The letters of jobs residents name
# ("the HCA", "the OT") count as the job.
_JOB_LETTERS = "hca ot gp cpn hv slt pa".split()
_JOBS = "|".join(sorted(ROLE_NOUNS | set(_JOB_LETTERS)))
THE_JOB_AFTER = re.compile(rf",?\s+the\s+(?:{_JOBS})\b(?!['’])", re.IGNORECASE)
# ... and before it, the job right before the name, lower-case: "my social worker Hope",
# "our carer Joy", "my daughter Summer" (a title, capitalised, is read as a title).
JOB_BEFORE = re.compile(rf"\b(?:{_JOBS})\s+$")
# Thanks to someone: "Thanks to Summer for her help", "thank you to Hope". A thank-you goes
# to a person; a season or a virtue is thanked for, not to ("thanks to the rain" has "the").
THANKED_BEFORE = re.compile(r"\bthank(?:s| you)\s+to\s+$", re.IGNORECASE)
#: Welsh words for how a person treats others, softened as "yn" softens them ("caredig" ->
#: "yn garedig"): what one says of a person, not of a town ("Roedd Chelsea yn garedig").
#: Not "hyfryd", "gwych", "da": a place is lovely, great and good too.
PERSON_ADJECTIVES_CY = frozenset(
    fold(mutate(word, Mutation.SOFT))
    for word in """caredig clên ffeind amyneddgar cymwynasgar cwrtais cyfeillgar digywilydd
    anghwrtais sarrug proffesiynol tosturiol gofalgar""".split()
)
#: English words for how a person treats others: what one says of a person, not of a town
#: ("Wells was kind to me", "Hope has been so patient"). Not "lovely", "great", "friendly",
#: "welcoming": a village is those too ("Holt is very friendly").
PERSON_ADJECTIVES = frozenset(
    """kind unkind helpful unhelpful rude polite impolite courteous discourteous patient
    impatient caring uncaring compassionate supportive unsupportive professional
    unprofessional attentive inattentive considerate inconsiderate respectful disrespectful
    knowledgeable reassuring empathetic empathic sympathetic unsympathetic approachable
    thoughtful understanding dismissive condescending patronising patronizing arrogant abrupt
    sarcastic cheerful chatty bubbly""".split()
)
#: Jobs a person is said to have ("Hope is a nurse", "Hill was a professor at ..."): the
#: residents' ROLE_NOUNS and the jobs of people in the news. Not the ones a town, a club or a
#: building can be too ("member", "founder", "player", "host", "winner", "chemist", "coach",
#: "general", "head").
OCCUPATIONS = ROLE_NOUNS | frozenset(
    """professor lecturer president director secretary fellow chairman chairwoman chairperson
    writer author poet novelist playwright journalist editor reporter presenter broadcaster
    singer songwriter musician composer guitarist drummer actor actress comedian dancer
    painter artist sculptor photographer architect designer engineer scientist researcher
    historian philosopher economist mathematician physicist biologist politician senator
    minister councillor mayor priest vicar bishop rabbi imam lawyer solicitor barrister judge
    farmer builder plumber electrician postman policeman policewoman soldier captain
    commander governor footballer cricketer boxer athlete headteacher headmaster
    headmistress childminder hairdresser prophet""".split()
)
# A name right before one of these names a street or a building, not a person: "Victoria
# Road", "Glyndwr University", "Gwersyllt library", "Hafod landfill"; or a place's council
# ("Esclusham council", a community GeoNames lacks). Not the nouns that are
# also surnames ("Park", "Lane", "Hall", "Church", "Street"): "Sarah Lane" stays hidden.
# (gazetteer.NOT_NAMES holds some of these words so that they are never a name themselves;
# addresses._STREET_TYPES reads street types after a house number, a different question.)
FACILITIES = frozenset(
    """road avenue drive crescent gardens estate hospital surgery school university
    library centre center stadium landfill leisure retail shopping museum academy clinic
    pharmacy theatre cinema hotel pub airport reservoir cemetery crematorium depot barracks
    prison hospice council""".split()
)
#: What a place's name opens after a verb that announces a person: "Tell Wrexham council to
#: fix it", "ask Chester FC" (a place's council, club or force, not someone called Wrexham).
PLACE_BODIES = FACILITIES | {"afc", "fc", "rfc", "cbc", "county", "borough", "police"}
# The same, for nouns that are also common surnames: in lower case only ("Dyfi ward",
# "Gresford ward"); capitalised after a name they are the surname ("Sarah Ward").
FACILITIES_LOWER = frozenset({"ward"})
# A word in capitals before these names a service, not a person: "the IRIS team", "TED
# services", "CAMHS team" (residents' answers name services by their acronyms, some of them
# given names: Iris, Ted, Desmond).
SERVICES = frozenset("team teams service services unit clinic staff".split())
# After "<name> ward", the roles of a ward's staff: "Sue ward sister" is Sue, the sister of
# the ward (no comma, as residents type on phones); "Cherry ward staff" is the ward.
WARD_ROLES = frozenset("sister manager clerk host hostess".split())
# Before a capitalised "Ward" these make it a noun, the ward ("all Ward staff", "the Ward
# was clean", "on Ward B"): no one writes "all Sarah" or "on Sarah". Not "to" or "with"
# ("thanks to Ward", "spoke with Ward" may be a surname).
WARD_BEFORE = frozenset(
    "the a this that our all whole same every each other on in at onto off".split()
)
# ... unless a word for a family follows: "the Ward family", "the Ward twins", or a
# possessive (POSSESSIVE_ENDINGS): a ward owns little, a person much ("on Sarah Ward's advice").
FAMILY = frozenset("family families household twins brothers sisters boys girls kids".split())


#: A word more frequent than this (log probability, lower-case) is a common word (name_tokens.py).
COMMON_WORD = -11.0
#: Lower-case this many nats more often than capitalised (about 7 times): "trees",
#: "patient". Lower-case names residents type stay below it ("dave", "trump", "grace").
LOWER_BY = 2.0


def lower_by_far(key: str, gazetteer: Gazetteer) -> bool:
    """Whether a folded word is written lower-case LOWER_BY more often than capitalised."""
    return gazetteer.lower_prob(key) - gazetteer.capital_prob(key) > LOWER_BY


def many_of_a_kind(key: str) -> bool:
    """A folded word naming people by where they are from, their faith or their trade:
    "Canadians", "Europeans", "Baptists", "Podiatrists". No one's name ends so; the
    callers still keep a listed name ("Willians")."""
    return key.endswith(("ians", "eans", "ists"))


def welsh_words_in(*, welsh: bool, gazetteer: Gazetteer) -> frozenset[str]:
    """The Welsh words that rule a name out, for Welsh or for English text.

    In Welsh text all of them ("Dan" is under, "Mae" is). In English text not the ones that
    are also listed given names and rare as English words: "Please ask Dan", "my neighbour
    Allan", "Beth at reception" are people there, and were shown in full when any Welsh
    word ruled a name out.
    """
    if welsh:
        return WELSH_WORDS
    return frozenset(
        word
        for word in WELSH_WORDS
        if not (word in gazetteer.first_names and gazetteer.lower_prob(word) <= COMMON_WORD)
    )
