"""A small Welsh lexicon of radical (unmutated) forms, written for this project.

Used by :mod:`nlp.lang.cy.mutations` to choose between readings of a mutated
word (``fara`` is ``bara``, not ``mara``) and by :mod:`nlp.langid` as Welsh
evidence. It favours what people say about public services (schools, buses,
bins, health, housing, roads) plus everyday vocabulary and the larger
places of Wales. It is not a dictionary: a word missing here is still
de-mutated by rule, only with less confidence.
"""

from __future__ import annotations

_WORDS = """
a ac achos adeilad adeiladau adran adref addysg agor agos ail allan am amser
amgylchedd anabl anabledd angen anodd annwyl ansawdd ar araf arall arian
aros at athro athrawes athrawon awdurdod awr awyr

bach bachgen bara barn bechgyn beic beiciau bendigedig berwi beth blaen
blwyddyn blynedd bob bod bore braf brawd brecwast bryn buan
budr bwrdd bwrdeistref bws bwyd bwyta byd bydd byr byw bywyd bysus

cadw cae caeau cael caffi cais canol canolfan capel car caru carreg cartref
castell cau cefn cefnogaeth cefnogi ceir cerdded cerddoriaeth ci clefyd clinig
clir clwb coed coeden coleg cost costau croeso cwestiwn cwestiynau cwm cwmni
cwyn cwynion cyfathrebu cyfle cyflym cyflog cyfraith cyfrifiadur cyhoeddus
cyngor cymdeithas cymorth cymraeg cymru cymuned cymunedau cymydog cymdogion
cynllun cynnal cynnar cynnig cyrraedd cysylltu cystal cytuno cwsmer
cwsmeriaid

da dan darllen dau de dechrau defnyddio deintydd deintyddfa del
diddorol diflas digon digwydd dim dinas diogel diogelwch diwedd diwrnod dod
dosbarth drws drwg du dwr dŵr dwy dydd dyn dynion dysgu

e-bost economi edrych efallai eglwys ei eisiau eithaf eleni enw ers
eraill esgob etholiad ewch

fan fel fflat fflatiau ffermwr fferm ffermydd ffôn ffordd ffyrdd ffrind
ffrindiau ffrwd ffurflen

gaeaf gallu galw gardd gartref gêm glan glân glas glaw gofal gofalu gofalwr
gofalwyr gogledd golau golchi gorau gorffen gormod gorsaf gwael gwaeth gwaith
gwaredu gwasanaeth gwasanaethau gweithio gweithiwr gweithwyr gweld gwell
gwella gwerth gwirfoddol gwlad gwlyb gwneud gwraig gwrando gwybod gwybodaeth
gwyliau gwyrdd gyrru grant grŵp grwpiau

haf hanes hapus hardd haws heddiw heddlu heddwch hefyd hen heol hir hoff
hwyl hwyr hyfforddiant hyn hysbysiad

iach iaith iawn iechyd ieuenctid isel

lan lle lles lleol llawer llawn llai lleihau llety lliw llwybr llwybrau llyfr
llyfrgell llyn llys llywodraeth llygredd llun

mab mai mam marchnad mawr meddwl meddyg meddygfa meddygon melyn merch mewn
methu mis môr mwy mynd mynediad mynydd

nain nawr neb neges neuadd newid newydd nhw ni nid nifer nos nyrs nyrsys

ochr oed oedolion oedran ofn ond os

pa pam pan papur parc parcio pawb pecyn pêl pell pen pentref pentrefi perygl
peryglus pethau peth plant plentyn plismon pobl poeth polisi pont popeth porth
pris prisiau prif prifysgol problem problemau prosiect prynu pwll pwy pwysig

rhaid rhad rhan rhedeg rheilffordd rhieni rhiant rhoi rhwydd rhy rhyw rhywbeth
rhywun

sbwriel sgwrs siarad sir siop siopau stryd strydoedd swydd swyddi swyddfa sut
syml

tad tafarn taid tai talu tân tawel tebyg teg teithio teulu teuluoedd tir tlodi
tocyn toiled toiledau traeth traffig trafnidiaeth tref trefi tren trên
trydan trwsio twll tyllau tŷ tywydd

uchel un unig uned unrhyw

wal wedi wrth wythnos

y yma ymlaen ynni ysbyty ysbytai ysgol ysgolion ystafell
"""

# More everyday words (radical forms), for public-service answers.
_MORE = """
agwedd amddiffyn amhosib anfon annheg ardal ardaloedd argyfwng arholiad arholiadau
arweinydd asesiad babi babanod banc bil biliau bin biniau blynyddoedd bocs
bwrw busnes busnesau caled canlyniad canolog carchar cartrefi casglu ceffyl
cegin cerbyd cerbydau clwyd coedwig coginio colled colli cornel cosb creu
croesi cwympo cyfarfod cyfeiriad cyflwr cyfrif cyfrifoldeb cyllid cyllideb
cymhleth cymorthfa cymysg cynghorydd cynghorwyr cyngerdd cynhwysol cynnydd
cynt cyrsiau cwrs dadl darparu dathlu defnydd deall derbyn diffyg digidol
dinasoedd disgwyl disgyblion diweddar diwylliant dosbarthu drafft dyddiol
dyfodol dysgwr dysgwyr eglur eiddo eira eisoes enghraifft etholwyr ffair
ffenest ffenestri ffermio ffilm ffin ffôn ffrwythau ffyddlon gadael galwad
gallu garej gobaith gofod gorfod gorlawn gostwng gwag gwaed gwahanol gwallt
gwario gwastraff gweddill gweinidog gwelliant gwely gwirion gwlân gwrthod
gwyddoniaeth gwylio hamdden hawdd hawl hawliau heddlu hinsawdd hir hunan
hyder hyfryd hyrwyddo iard incwm isafswm lawnt lefel lein lori lorïau
lliwiau lloches llwyddo llyfrau llys llythyr llythyrau maes maint
manylion marw mawrth meddygol merched methiant milwr mudiad mur
myfyrwyr mynwent nant nawdd neidio nesaf nifer nodyn nofio ofnadwy
pafin pandemig partneriaeth pasio peiriant pensiwn perchennog perthynas
plismona pobi poblogaeth pont porthladd post prawf prydau pryder pwyllgor
pwysau rhestr rhewi rhif rhiw rhodd rhyddid safle safon safonau sefyllfa
seiclo seilwaith sglodion sgil sgiliau siaradwyr sinema staff stad stryd
swnllyd swyddog swyddogion system tacsi tafod taith tanwydd tâl targed
technoleg teledu terfyn tlawd toiled tomen traffordd tramor treth trethi
trist trwydded trydanol twristiaeth tywyll uwchradd wythnosau ymgynghori
ymgynghoriad ymweld ymwelwyr ysgafn ystadau
"""

# Larger places and communities of Wales (radical forms) plus neighbours
# named in Welsh, so "ym Mangor" and "i Gaerdydd" resolve confidently.
_PLACES = """
aberaeron aberdaron aberdâr abergele abergwaun aberhonddu abermaw abertawe
aberteifi abertyleri aberystwyth amlwch bala bangor bargod betws betws-y-coed
biwmares blaenau blaenafon bethesda brynmawr bwcle caerdydd caerfyrddin caergybi
caerffili caernarfon caerllion caer casnewydd castellnedd cas-gwent cei conwy
corwen crymych cwmbrân cydweli dinbych dinbych-y-pysgod dolgellau felinheli
ffestiniog fflint gaerwen glynebwy gorseinon hwlffordd llanbedr llanberis
llandeilo llandrindod llandudno llanelli llanfair llanfairfechan llangefni
llangollen llanidloes llanrwst llanymddyfri llundain lloegr machynlleth
merthyr nefyn penarlâg penarth penmaenmawr pen-y-bont pontardawe pontypridd
porthaethwy porthcawl porthmadog prestatyn pwllheli rhuthun rhydaman rhyl
sanclêr sir tonypandy tredegar tregaron treorci trefynwy tywyn waunfawr
wrecsam wyddgrug y-fenni ystradgynlais
"""

#: Lower-cased radical forms known to exist.
LEXICON: frozenset[str] = frozenset((_WORDS + _MORE + _PLACES).split())

#: Lower-cased place names only (a subset of LEXICON).
PLACES: frozenset[str] = frozenset(_PLACES.split())

#: Common first elements of Welsh place names, lower-cased radical forms.
PLACE_ELEMENTS: tuple[str, ...] = (
    "llan",
    "caer",
    "porth",
    "pen",
    "pont",
    "tre",
    "cwm",
    "bryn",
    "castell",
    "coed",
    "betws",
    "tal",
    "pwll",
    "rhyd",
    "dol",
    "glyn",
    "maes",
    "nant",
    "blaen",
    "capel",
    "cefn",
    "llyn",
    "mynydd",
    "cil",
    "pant",
    "bod",
    "gwaun",
)
