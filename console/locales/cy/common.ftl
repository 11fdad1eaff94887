# Ffrâm y consol, geiriau cyffredin, gwallau a negeseuon fflach (Cymraeg).
# Cywair: gwasanaeth Cymraeg cyngor (Safonau'r Gymraeg), "chi", yn glir ac yn fyr.
# Termau: Porth Termau Cenedlaethol / Termiadur Addysg.

brand-name = Beth sy'n Bwysig
base-console = Consol
base-skip = Neidio i'r cynnwys
base-nav-main = Prif lywio
base-nav-consultations = Ymgynghoriadau
base-nav-accounts = Cyfrifon
base-nav-audit = Log archwilio
base-nav-tokens = Tocynnau API
base-sign-out = Allgofnodi { $name }
base-language = Iaith

field-email = E-bost
field-name = Enw
field-password = Cyfrinair
action-save = Cadw

status-draft = drafft
status-open = ar agor
status-closed = wedi cau

role-admin = gweinyddwr
role-officer = swyddog
role-facilitator = hwylusydd
role-readonly = darllen yn unig

nav-workshop = Gweithdy

error-title = Gwall { $status }
error-not-found = Heb ei ganfod
error-not-allowed = Dim caniatâd
error-too-large = Rhy fawr
error-went-wrong = Aeth rhywbeth o'i le
error-back = Yn ôl i'r ymgynghoriadau
error-unknown-language = Mae'r consol ar gael yn Saesneg (en) neu'n Gymraeg (cy) yn unig.
error-length-required = mae angen pennyn Content-Length
error-upload-limit = ni all ffeil a uwchlwythir fod yn fwy na { $mb } MB
error-csrf = Mae'r ffurflen hon wedi dod i ben neu ni ddaeth o'r wefan hon. Ewch yn ôl, ail-lwythwch y dudalen a rhowch gynnig arall arni.
error-cannot-do = Ni all eich cyfrif wneud hyn.
error-no-consultation = Nid oes ymgynghoriad o'r fath, neu nid yw wedi'i rannu â chi.
error-no-account = Nid oes cyfrif o'r fath.
error-facilitator-api = Ni all cyfrifon hwyluswyr ddefnyddio'r API.
error-no-token = Nid oes tocyn o'r fath.

flash-signed-out = Rydych wedi allgofnodi.
flash-not-changed = Heb ei newid: { $reason }
error-no-quote = Nid oes dyfyniad o'r fath yn yr ymgynghoriad hwn.
error-no-answer = Nid oes ateb o'r fath yn yr ymgynghoriad hwn.
error-not-in-consultation = Heb ei ganfod yn yr ymgynghoriad hwn.
error-form-field = Mae problem gyda maes “{ $field }” y ffurflen: { $reason }.
