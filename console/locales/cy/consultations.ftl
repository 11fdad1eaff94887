# Trosolwg ymgynghoriad, ei ffurflen, y poster a rhannu (Cymraeg).

subnav-label = Ymgynghoriad
subnav-overview = Trosolwg
subnav-answers = Atebion
subnav-themes = Themâu
subnav-quotes = Dyfyniadau
subnav-quality = Gwiriad ansawdd
subnav-found-out = Beth wnaethon ni ei ddarganfod
subnav-import = Mewnforio atebion
subnav-invitations = Gwahoddiadau
subnav-playback = A glywson ni'n iawn?
subnav-responses = Beth rydym yn ei wneud
subnav-trends = Ar draws rowndiau
subnav-exports = Allforio

action-back = Yn ôl
not-yet = dim eto

consultation-edit = Golygu
consultation-reach = Sut mae preswylwyr yn cymryd rhan
consultation-text-before = Tecstiwch
consultation-text-after = i rif y cyngor.
consultation-web-chat = Sgwrs ar y we:
consultation-poster = Poster i'w argraffu gyda chod QR
consultation-poster-codes = Poster i'w argraffu gyda chodau QR
consultation-counts = { $conversations ->
        [one] { $conversations } sgwrs
       *[other] { $conversations } o sgyrsiau
    }
consultation-answers = { $count ->
        [one] ateb
       *[other] o atebion
    }
consultation-open = Agor i gael atebion
consultation-close = Cau
consultation-questions = Cwestiynau
consultation-results = Canlyniadau a gyhoeddwyd:
consultation-no-link = dim dolen eto
consultation-add-link-before = ; ychwanegwch hi pan fyddwch yn cyhoeddi
consultation-add-link-link = beth wnaethon ni ei ddarganfod

question-kind-open = agored
question-kind-probe = dilynol
question-kind-choice = dewis
question-kind-ward = ward
question-kind-age_band = grŵp oedran

your-voice = Eich Llais
your-voice-why = Pam rydyn ni'n gwneud hyn?
your-voice-want-to-know = Beth rydyn ni eisiau ei wybod?
your-voice-found-out = Beth wnaethon ni ei ddarganfod
your-voice-difference = Pa wahaniaeth mae wedi'i wneud?

feedback-heading = Adborth "Dywedoch chi, gwnaethon ni"
feedback-col-queued = Yn y ciw
feedback-col-sections = Adrannau
feedback-col-finished = Wedi gorffen anfon
feedback-col-messaged = Wedi cael neges
feedback-col-waiting = Yn aros
feedback-col-failed = Wedi methu
feedback-col-opted-out = Wedi optio allan
feedback-col-moved = Wedi symud i fersiwn diweddarach
feedback-col-action = Cam gweithredu
feedback-section-found-out = beth wnaethon ni ei ddarganfod
feedback-section-difference = pa wahaniaeth mae wedi'i wneud
feedback-resume = Ailddechrau anfon
feedback-none = Dim adborth eto.
feedback-none-publish-before = Cyhoeddwch
feedback-none-publish-after = a thiciwch "Dweud wrth y bobl a ofynnodd am glywed yn ôl".
feedback-times-hint = Mae'r amseroedd yn UTC. Mae negeseuon sy'n aros yn mynd ar y gyfradd arferol y tu allan i'r oriau tawel; os daeth yr anfon i ben (oriau tawel, ailgychwyn), mae Ailddechrau anfon yn parhau heb anfon neges at neb ddwywaith.

shares-heading = Wedi'i rannu â
shares-owner = (perchennog)
shares-remove = dileu
shares-with = Rhannu â (e-bost cyfrif sy'n bodoli)
shares-submit = Rhannu

form-edit-title = Golygu { $title }
form-edit-heading = Golygu'r ymgynghoriad
form-not-saved = Heb ei gadw: { $reason }
form-routing = Teitl a llwybro
form-title-en = Teitl (Saesneg)
form-title-cy = Teitl (Cymraeg)
form-keyword = Allweddair SMS
form-keyword-hint = Llythrennau a digidau, e.e. BYSIAU
form-slug = Enw byr ar gyfer dolenni (dewisol)
form-slug-hint = Yn cael ei ddefnyddio mewn dolenni gwe a Telegram; ni ellir ei newid wedyn
form-department = Adran
form-opens = Yn agor ar
form-closes = Yn cau ar
form-results-url = Dolen i'r canlyniadau a gyhoeddwyd (dewisol)
form-results-url-hint = Tudalen we'r cyngor gyda'r canlyniadau, e.e. https://www.wrecsam.gov.uk/... Bydd y bobl a ofynnodd am glywed yn ôl yn cael y ddolen hon yn lle crynodeb.
form-open-en = Cwestiwn agored (Saesneg)
form-open-cy = Cwestiwn agored (Cymraeg)
form-probe-en = Cwestiwn dilynol (Saesneg; gadewch y ddau'n wag os nad oes un)
form-probe-cy = Cwestiwn dilynol (Cymraeg)
form-ask-ward = Gofyn am ward neu ardal cod post (gall preswylwyr hepgor)
form-ward-en = Cwestiwn ward (Saesneg)
form-ward-cy = Cwestiwn ward (Cymraeg)
form-ask-age = Gofyn am grŵp oedran (gall preswylwyr hepgor)
form-age-en = Cwestiwn oed (Saesneg)
form-age-cy = Cwestiwn oed (Cymraeg)
form-create = Creu ymgynghoriad

poster-title = Poster: { $title }
poster-print = Argraffwch y dudalen hon i gael poster (A4).
poster-text = Tecstiwch
poster-web-chat = Sgwrs ar y we
poster-qr-web = Cod QR ar gyfer y sgwrs ar y we
poster-qr-telegram = Cod QR i agor Telegram

error-no-link = Nid oes dolen { $target } wedi'i gosod ar gyfer yr ymgynghoriad hwn.
error-not-shared = Nid yw'r ymgynghoriad hwn wedi'i rannu gyda'r cyfrif hwnnw.
flash-consultation-created = Mae'r ymgynghoriad wedi'i greu fel drafft. Agorwch ef pan fyddwch yn barod.
flash-saved = Wedi cadw.
flash-consultation-draft = Mae'r ymgynghoriad yn ddrafft nawr.
flash-consultation-open = Mae'r ymgynghoriad ar agor nawr.
flash-consultation-closed = Mae'r ymgynghoriad wedi cau nawr.
flash-no-such-account = Nid oes cyfrif yn defnyddio { $email }. Gall gweinyddwr ychwanegu un.
flash-shared-admin = Wedi'i rannu â { $email } (gweinyddwr).
flash-shared-officer = Wedi'i rannu â { $email } (swyddog).
flash-shared-facilitator = Wedi'i rannu â { $email } (hwylusydd).
flash-shared-readonly = Wedi'i rannu â { $email } (darllen yn unig).
flash-unshared = Nid yw wedi'i rannu mwyach.
consultation-web-qr-alt = Cod QR sy'n agor y sgwrs ar y we
consultation-web-qr-download = Lawrlwytho cod QR y sgwrs ar y we

# Geiriau'r ymgynghoriad ei hun ar gyfer cuddio manylion (ffurflen yr ymgynghoriad).
form-redaction = Enwau a lleoedd mewn dyfyniadau
form-places-to-keep = Lleoedd i'w cadw
form-places-to-keep-hint = Un ar bob llinell: ystadau, canolfannau siopa, tirnodau, enwau tai a strydoedd y gallai'r chwilotwr enwau eu cymryd am bobl (Parc Caia, Eagles Meadow). Mae enwau'r wardiau'n cyfrif yn barod. Mae enw person sy'n cynnwys un ohonynt yn dal i gael ei guddio.
form-words-to-hide = Geiriau i'w cuddio
form-words-to-hide-hint = Un ar bob llinell: enwau staff, busnesau bach, unrhyw beth sy'n cyfeirio at un person. Cânt eu cuddio fel [redacted] ym mhob dyfyniad, thema, allforyn ac ateb yr API, hyd yn oed y tu mewn i le i'w gadw.
field-places-to-keep = Lleoedd i'w cadw
field-words-to-hide = Geiriau i'w cuddio
words-too-long = { $field }: mae “{ $phrase }” yn hwy na { $limit } nod.
words-too-short = { $field }: mae angen o leiaf ddwy lythyren neu ddigid yn “{ $phrase }”.
words-too-many = { $field }: { $limit } eitem ar y mwyaf, un ar bob llinell.
flash-words-requeued = { $count ->
    [one] Aeth un dyfyniad cymeradwy yn ôl i'r ciw: roedd yn dangos gair i'w guddio neu le nad yw'n cael ei gadw mwyach.
   *[other] Aeth { $count } dyfyniad cymeradwy yn ôl i'r ciw: roedden nhw'n dangos gair i'w guddio neu le nad yw'n cael ei gadw mwyach.
}
