# Allforio, yr adroddiad i'w argraffu, mewnforio, gwahoddiadau a thudalennau'r gweithdy (Cymraeg).

exports-intro = Mae pob allforiad yn dangos atebion heb fanylion personol yn unig. Mae celloedd y gallai taenlen eu rhedeg fel fformiwla yn dechrau â chollnod.
exports-xlsx = Llyfr gwaith Excel (.xlsx)
exports-xlsx-what = atebion, themâu a dyfyniadau wedi'u cymeradwyo
exports-csv-what = un rhes i bob ateb (UTF-8)
exports-json-what = yr ymgynghoriad, themâu, dyfyniadau ac atebion
exports-polis = CSV sylwadau Pol.is
exports-report = Adroddiad i'w argraffu
exports-report-what = gyda siartiau (argraffwch ef neu ei gadw fel PDF o'r porwr)
exports-columns = Colofnau'r atebion:

report-title = Adroddiad: { $title }
report-print = Defnyddiwch Argraffu yn eich porwr i argraffu'r adroddiad hwn neu ei gadw fel PDF.
report-other = Nid oedd { $share }% yn perthyn i thema glir.
report-over-time = Atebion dros amser
report-hint = Mae cyfrifon o 1 i { $most }, ac unrhyw rai a fyddai'n eu datgelu, wedi'u cuddio. Cafodd y dyfyniadau eu cymeradwyo gan swyddog ac mae manylion personol wedi'u tynnu ohonynt.

import-intro = Ychwanegwch atebion a gasglwyd mewn ffordd arall (ffurflen ar-lein, ffurflenni papur wedi'u teipio, platfform arall) fel eu bod yn cael eu grwpio'n themâu gyda'r gweddill. Uwchlwythwch ffeil CSV gyda rhes pennawd; byddwch yn dewis y colofnau nesaf. Nid yw mewnforio'r un ffeil eto yn ychwanegu dim ddwywaith.
import-file = Ffeil CSV (hyd at { $mb } MB)
import-upload = Uwchlwytho a dewis colofnau
import-cannot = Nid oes modd mewnforio'r ffeil hon: { $reason }.
import-not-done = Heb ei mewnforio: { $reason }
import-map-title = Dewis colofnau
import-map-file = Ffeil
import-map-columns = { $count ->
        [one] { $count } golofn.
       *[other] { $count } o golofnau.
    }
import-map-text = Colofn gyda'r ateb
import-map-row-id = Colofn gyda rhif ymatebydd neu res (yn gwneud ail-fewnforio'n fanwl gywir)
import-map-received-at = Colofn gyda'r dyddiad
import-map-language = Colofn gyda'r iaith (en / cy)
import-map-required = (gofynnol)
import-map-none = (dim)
import-map-source = O ble daeth yr atebion hyn (ar gyfer y log archwilio)
import-map-source-example = e.e. ffurflenni papur o'r llyfrgell
import-map-submit = Mewnforio
import-map-first-rows = Y rhesi cyntaf
import-report-title = Adroddiad mewnforio
import-report-imported = o atebion wedi'u mewnforio o { $file }
import-report-duplicates = { $count } yno eisoes (wedi'u hepgor)
import-report-bad = o resi heb eu mewnforio.
import-report-bad-heading = Rhesi heb eu mewnforio
import-report-bad-hint = Cywirwch y rhesi hyn yn y ffeil a'i mewnforio eto: ni fydd rhesi sydd eisoes wedi'u mewnforio yn cael eu hychwanegu ddwywaith.
import-report-showing = Yn dangos y { $count } cyntaf.
import-report-see = Gweld yr atebion
import-report-another = Mewnforio ffeil arall
import-col-row = Rhes
import-col-problem = Problem
error-file-too-large = Mae'r ffeil honno'n rhy fawr: { $reason }.
error-upload-gone = { $reason }

invitations-heading = Gwahodd preswylwyr drwy neges destun
invitations-recorded = Cofnodwyd ton { $wave }: { $numbers } o rifau, { $invalid } o resi annilys, { $duplicates } o ddyblygion wedi'u cyfuno.
invitations-start = Dechreuwch anfon (yn raddol, y tu allan i'r oriau tawel) ar y gweinydd gyda
invitations-rows-not-used = Rhesi na ddefnyddiwyd
invitations-duplicate = dyblyg:
invitations-message = Y neges
invitations-upload = Uwchlwytho rhifau
invitations-csv = CSV gyda cholofn o'r enw phone, mobile neu number
invitations-basis = Pam y cawn anfon neges destun at y bobl hyn (sail gyfreithlon; yn cael ei chadw gyda'r don)
invitations-source = O ble daeth y rhifau
invitations-submit = Gwirio'r rhifau a chofnodi'r don
invitations-waves = Tonnau
invitations-col-wave = Ton
invitations-col-recipients = Derbynwyr
invitations-none = Dim tonnau eto.
invitations-no-numbers = Nid oes rhifau ffôn dilys yn y ffeil honno.
invitations-not-recorded = { $reason }
error-numbers-limit = Ni all ffeil rhifau fod yn fwy na { $mb } MB.
wave-status-draft = drafft
wave-status-sending = yn anfon
wave-status-paused = wedi oedi
wave-status-done = wedi gorffen
wave-status-cancelled = wedi'i chanslo
delivery-state-pending = yn aros
delivery-state-sending = yn anfon
delivery-state-sent = wedi'i hanfon
delivery-state-failed = wedi methu
delivery-state-skipped_opted_out = wedi'i hepgor (wedi optio allan)
delivery-state-invalid = annilys

workshop-mine = Fy ngweithdai
workshop-title = Gweithdy: { $title }
workshop-intro = { $count ->
        [one] { $count } dyfyniad wedi'i gymeradwyo.
       *[other] { $count } o ddyfyniadau wedi'u cymeradwyo.
    } Mae manylion personol wedi'u tynnu ac mae swyddog wedi cymeradwyo pob un.
workshop-grid = grid
workshop-print-cards = argraffu cardiau
workshop-other-quotes = Dyfyniadau eraill
workshop-none-approved = Nid oes dyfyniadau wedi'u cymeradwyo eto.
workshop-no-quotes = Dim dyfyniadau wedi'u cymeradwyo eto.
workshop-cards-title = Cardiau dyfyniadau: { $title }
workshop-cards-print = Argraffwch ar A4 (portread) a thorrwch ar hyd y llinellau: { $count ->
        [one] un dudalen
       *[other] { $count } o dudalennau
    }.
workshop-one-at-a-time = Un ar y tro
workshop-quotes-nav = Dyfyniadau
workshop-previous = Blaenorol
workshop-next = Nesaf
workshop-show-grid = Dangos y cyfan fel grid
workshop-keys = bysellau: ← → symud, G grid, F sgrin lawn
error-no-approved-quotes = Nid oes dyfyniadau wedi'u cymeradwyo yn y thema hon eto.

# Mewnforio ac allforio yn y cefndir (console/routes/jobs.py).
job-title-import = Mewnforio
job-title-export = Llyfr gwaith Excel
job-file = Ffeil: { $file }
job-export-of = { $count } o atebion, gyda themâu a dyfyniadau wedi'u cymeradwyo.
job-state-queued = Yn aros i ddechrau
job-state-running = Wrthi'n gweithio
job-state-cancelling = Yn stopio
job-state-done = Wedi gorffen
job-state-failed = Wedi stopio oherwydd gwall
job-state-cancelled = Wedi'i ganslo
job-state-expired = Wedi'i dynnu
job-rows-import = o resi wedi'u darllen
job-rows-export = o atebion wedi'u hysgrifennu
job-cancel-import = Canslo'r mewnforio
job-cancel-export = Canslo'r allforio
job-import-running-hint = Gallwch adael y dudalen hon: mae'r mewnforio'n parhau, a bydd y dudalen hon yn dangos pa mor bell yr aeth pan fyddwch yn dod yn ôl. Mae canslo'n cadw'r rhesi sydd eisoes wedi'u cadw; bydd mewnforio'r un ffeil eto yn eu hepgor.
job-download = Lawrlwytho { $file }
job-download-kept = Caiff y ffeil ei chadw am 24 awr, ac yna ei thynnu. Caiff pob lawrlwythiad ei gofnodi yn y log archwilio.
job-export-expired = Mae'r llyfr gwaith hwn wedi'i dynnu. Crëwch un newydd o'r dudalen allforio.
job-back-exports = Yn ôl i'r allforion
exports-xlsx-build = Creu'r llyfr gwaith Excel
exports-xlsx-build-what = Caiff ymgynghoriadau mawr eu creu yn y cefndir; gallwch ddilyn y cynnydd a'i lawrlwytho pan fydd yn barod.
exports-recent = Llyfrau gwaith diweddar
flash-import-already-started = Mae'r mewnforio hwn eisoes wedi dechrau.
flash-job-cancelled = Yn stopio. Mae unrhyw beth sydd eisoes wedi'i gadw yn aros.
flash-job-already-ended = Mae hwn eisoes wedi gorffen; does dim i'w ganslo.
flash-xlsx-use-job = Mae'r ymgynghoriad hwn yn rhy fawr i lyfr gwaith ar unwaith: defnyddiwch “Creu'r llyfr gwaith Excel” isod, a'i lawrlwytho pan fydd yn barod.
error-export-gone = Nid yw'r ffeil hon ar gael mwyach: crëwch yr allforiad eto.
import-recent = Mewnforion
import-recent-stored = { $count } o atebion wedi'u cadw
job-progress = Cynnydd
flash-export-already-building = Mae'r llyfr gwaith hwn eisoes yn cael ei greu: dyma'i gynnydd.
