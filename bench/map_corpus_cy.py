"""Composed English/Welsh answer pairs for fitting the e5 → MiniLM map (written here).

e5 places a Welsh sentence near, but not on, its English translation: its vectors carry
a language component. A map fitted on English alone carries that component along, so
Welsh answers land off their twins. Pairs of (Welsh answer → English twin's MiniLM
vector) teach the map to drop it.

Each pair is composed from a template and a public service, both hand-written in the
two languages. Welsh mutations are written out, not computed: ``soft`` is the form after
words such as ``am``, ``ar``, ``i`` and ``Diolch am``. Disjoint in wording from
bench/data/parallel_en_cy.csv, which stays the held-out evaluation.
"""

from __future__ import annotations

import random

# english | welsh (radical) | welsh after a soft-mutation trigger (when it differs)
SERVICES = """
the bus service|y gwasanaeth bws
bus fares|prisiau bysiau|brisiau bysiau
the trains|y trenau
train tickets|tocynnau trên|docynnau trên
the railway station|yr orsaf reilffordd
the roads|y ffyrdd
potholes|tyllau yn y ffyrdd|dyllau yn y ffyrdd
the pavements|y palmentydd
street lights|goleuadau stryd|oleuadau stryd
gritting in winter|graeanu yn y gaeaf|raeanu yn y gaeaf
road repairs|atgyweirio'r ffyrdd
bin collections|casgliadau biniau|gasgliadau biniau
recycling|ailgylchu
the household tip|y domen
litter|sbwriel
dog fouling|baw cŵn|faw cŵn
fly-tipping|tipio anghyfreithlon|dipio anghyfreithlon
street cleaning|glanhau strydoedd|lanhau strydoedd
the parks|y parciau
playgrounds|meysydd chwarae|feysydd chwarae
green spaces|mannau gwyrdd|fannau gwyrdd
the beach|y traeth
allotments|rhandiroedd|randiroedd
the library|y llyfrgell
the leisure centre|y ganolfan hamdden
the swimming pool|y pwll nofio
the gym|y gampfa
sports pitches|caeau chwaraeon|gaeau chwaraeon
schools|ysgolion
school meals|prydau ysgol|brydau ysgol
teachers|athrawon
school buses|bysiau ysgol|fysiau ysgol
nurseries|meithrinfeydd|feithrinfeydd
childcare|gofal plant|ofal plant
after-school clubs|clybiau ar ôl ysgol|glybiau ar ôl ysgol
GP surgeries|meddygfeydd|feddygfeydd
doctors' appointments|apwyntiadau meddyg
the hospital|yr ysbyty
A&E|yr adran frys
ambulances|ambiwlansys
pharmacies|fferyllfeydd
dentists|deintyddion|ddeintyddion
mental health services|gwasanaethau iechyd meddwl|wasanaethau iechyd meddwl
counselling|cwnsela|gwnsela
social care|gofal cymdeithasol|ofal cymdeithasol
care homes|cartrefi gofal|gartrefi gofal
home carers|gofalwyr cartref|ofalwyr cartref
day centres|canolfannau dydd|ganolfannau dydd
council housing|tai cyngor|dai cyngor
rents|rhenti|renti
affordable homes|cartrefi fforddiadwy|gartrefi fforddiadwy
homelessness|digartrefedd|ddigartrefedd
council tax|y dreth gyngor
energy bills|biliau ynni|filiau ynni
food prices|prisiau bwyd|brisiau bwyd
business rates|ardrethi busnes
the cost of living|costau byw|gostau byw
food banks|banciau bwyd|fanciau bwyd
parking|parcio|barcio
car parks|meysydd parcio|feysydd parcio
parking permits|trwyddedau parcio|drwyddedau parcio
traffic|traffig|draffig
speeding|goryrru|oryrru
cycle lanes|lonydd beicio
footpaths|llwybrau troed|lwybrau troed
the police|yr heddlu
crime|troseddu|droseddu
antisocial behaviour|ymddygiad gwrthgymdeithasol
drug dealing|delio cyffuriau|ddelio cyffuriau
burglaries|byrgleriaethau|fyrgleriaethau
CCTV|teledu cylch cyfyng|deledu cylch cyfyng
the high street|y stryd fawr
local shops|siopau lleol
the market|y farchnad
empty shops|siopau gwag
public toilets|toiledau cyhoeddus|doiledau cyhoeddus
the town centre|canol y dref|ganol y dref
broadband|band eang|fand eang
mobile signal|signal ffôn symudol
the council website|gwefan y cyngor|wefan y cyngor
the council phone line|llinell ffôn y cyngor|linell ffôn y cyngor
online forms|ffurflenni ar-lein
youth clubs|clybiau ieuenctid|glybiau ieuenctid
activities for teenagers|gweithgareddau i bobl ifanc|weithgareddau i bobl ifanc
community centres|canolfannau cymunedol|ganolfannau cymunedol
the museum|yr amgueddfa
the theatre|y theatr
flood defences|amddiffynfeydd rhag llifogydd
drains|draeniau|ddraeniau
flooding|llifogydd|lifogydd
planning decisions|penderfyniadau cynllunio|benderfyniadau cynllunio
new housing estates|ystadau tai newydd
wind farms|ffermydd gwynt
the Welsh language|yr iaith Gymraeg
bilingual signs|arwyddion dwyieithog
Welsh lessons|gwersi Cymraeg|wersi Cymraeg
jobs|swyddi
apprenticeships|prentisiaethau|brentisiaethau
tourism|twristiaeth|dwristiaeth
second homes|ail gartrefi
benefits|budd-daliadau|fudd-daliadau
noise at night|sŵn yn y nos
air pollution|llygredd aer|lygredd aer
electric car chargers|gwefrwyr ceir trydan|wefrwyr ceir trydan
public transport|trafnidiaeth gyhoeddus|drafnidiaeth gyhoeddus
"""

# english predicate | welsh predicate (after the subject of "Mae ...")
JUDGEMENTS = """
too expensive|yn rhy ddrud
unreliable|yn annibynadwy
excellent|yn ardderchog
a disgrace|yn warthus
getting worse|yn gwaethygu
much better than before|yn llawer gwell nag o'r blaen
poor|yn wael
always busy|wastad yn brysur
dirty|yn fudr
a real help|yn help mawr
overcrowded|yn orlawn
unsafe|yn anniogel
too slow|yn rhy araf
vital for this town|yn hanfodol i'r dref hon
closing down|yn cau
improving|yn gwella
brilliant|yn wych
a waste of money|yn wastraff arian
fine|yn iawn
falling apart|yn dadfeilio
a lifeline for older people|yn achubiaeth i bobl hŷn
too far away|yn rhy bell i ffwrdd
important to us|yn bwysig i ni
terrible|yn ofnadwy
cheap|yn rhad
too busy|yn rhy brysur
hopeless|yn anobeithiol
very good|yn dda iawn
run down|wedi dirywio
useless|yn dda i ddim
not available|ddim ar gael
much worse|yn llawer gwaeth
"""

# english | welsh; {s} radical, {m} soft-mutated, {j} a Welsh predicate.
# "{r}"/"{q}" are {s}/{m} after a vowel: "y"/"yr" become "'r" (Mae'r, i'r).
TEMPLATES = """
{S} is {J}.|Mae{r} {j}.
I am worried about {s}.|Rydw i'n poeni am {m}.
Give more money to {s}.|Rhowch fwy o arian i{q}.
{S} should be the top priority.|Dylai{q} fod y flaenoriaeth gyntaf.
We rely on {s}.|Rydyn ni'n dibynnu ar {m}.
Nobody listens to us about {s}.|Does neb yn gwrando arnon ni am {m}.
Thank you for {s}.|Diolch am {m}.
{s}|{s}
{S}, {t}.|{s}, {t}.
{S} needs improving.|Mae angen gwella{r}.
Cut spending on {s}.|Torrwch y gwariant ar {m}.
Protect {s} from cuts.|Diogelwch {m} rhag toriadau.
What about {s}?|Beth am {m}?
{S} in our area.|{s} yn ein hardal ni.
I have complained about {s} many times.|Rydw i wedi cwyno am {m} lawer gwaith.
{S} used to be good but not any more.|Roedd {s} yn dda ond dim bellach.
My family depends on {s}.|Mae fy nheulu yn dibynnu ar {m}.
I think {s} is {J}.|Rydw i'n meddwl bod {s} {j}.
Not enough {s}.|Dim digon o {m}.
More {s} please.|Mwy o {m} os gwelwch yn dda.
{S} has got worse this year.|Mae{r} wedi gwaethygu eleni.
I can't rely on {s}.|Alla i ddim dibynnu ar {m}.
{S} is the biggest problem here.|Y broblem fwyaf yma yw {s}.
Please keep {s}.|Cadwch {m}, os gwelwch yn dda.
Listen to residents about {s}.|Gwrandewch ar drigolion am {m}.
{S} matters to me.|Mae{r} yn bwysig i mi.
Fix {s} now!|Trwsiwch {m} nawr!
"""


def _rows(block: str) -> list[list[str]]:
    return [line.split("|") for line in block.strip().splitlines()]


def _after_vowel(welsh: str) -> str:
    """`` y ffyrdd`` → ``'r ffyrdd`` after a word ending in a vowel (Mae'r, i'r)."""
    for article in ("yr ", "y "):
        if welsh.startswith(article):
            return "'r " + welsh[len(article) :]
    return " " + welsh


def parallel_pairs(count: int, seed: int) -> list[tuple[str, str]]:
    """Distinct (English, Welsh) answer pairs in a deterministic order."""
    rng = random.Random(seed)
    services = [(r[0], r[1], r[2] if len(r) > 2 else r[1]) for r in _rows(SERVICES)]
    judgements, templates = _rows(JUDGEMENTS), _rows(TEMPLATES)
    seen: set[str] = set()
    out: list[tuple[str, str]] = []
    attempts = 0
    while len(out) < count and attempts < count * 20:
        attempts += 1
        (en_s, cy_s, cy_m), (en_t, cy_t, _) = rng.sample(services, 2)
        en_j, cy_j = rng.choice(judgements)
        en_tpl, cy_tpl = rng.choice(templates)
        en = en_tpl.format(S=en_s[:1].upper() + en_s[1:], s=en_s, t=en_t, J=en_j)
        cy = cy_tpl.format(
            s=cy_s, m=cy_m, t=cy_t, j=cy_j, r=_after_vowel(cy_s), q=_after_vowel(cy_m)
        )
        cy = cy[:1].upper() + cy[1:]
        if en not in seen:
            seen.add(en)
            out.append((en, cy))
    return out
