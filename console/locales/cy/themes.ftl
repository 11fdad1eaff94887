# Atebion, bwrdd y themâu, un thema, siartiau a chiw'r dyfyniadau (Cymraeg).
# Ar ôl rhif: "o atebion" (23 o atebion), fel yn nrafft "beth wnaethon ni ei ddarganfod".

chart-hidden = cudd
chart-no-answers = Dim atebion eto.
chart-time-desc = { $total } o atebion rhwng { $first } a { $last }, uchafbwynt o { $peak } y dydd
chart-heatmap-desc = { $rows } o themâu yn ôl { $columns } o gategorïau; mae celloedd cudd yn diogelu preifatrwydd
chart-answers-per-theme = Atebion fesul thema
chart-answers-per-day = Atebion fesul diwrnod
chart-themes-by = Themâu yn ôl { $dimension }
dimension-ward = ward
dimension-age-band = grŵp oedran
dimension-channel = sianel
dimension-language = iaith
breakdown-not-given = heb ei roi

answers-redacted = Mae manylion personol yn cael eu tynnu cyn i unrhyw beth gael ei ddangos yma.
answers-col-received = Wedi'i dderbyn (UTC)
answers-col-channel = Sianel
answers-col-answer = Ateb
answers-older = Atebion hŷn

themes-answers = { $count ->
        [one] ateb
       *[other] o atebion
    }
themes-count = { $count ->
        [one] { $count } thema
       *[other] { $count } o themâu
    }
themes-other = "Arall / aneglur":
themes-of-answers = o'r atebion
themes-none = Dim themâu eto. Mae themâu'n ymddangos wrth i atebion gyrraedd ac yn cael eu grwpio yn y cefndir.
themes-refit = Ail-grwpio'r holl atebion nawr
themes-heading = Y themâu
themes-outliers = allanolion
themes-codebook = llyfr codau
themes-rename-or-merge = Ailenwi neu gyfuno
themes-new-name-en = Enw newydd (Saesneg)
themes-new-name-cy = Enw newydd yn Gymraeg (i breswylwyr sy'n siarad Cymraeg)
themes-rename = Ailenwi
themes-merge-into = Cyfuno â
themes-merge = Cyfuno
themes-show-by = Dangos yn ôl:
themes-suppression-hint = Mae cyfrifon o 1 i { $most } yn gudd, ynghyd ag unrhyw rai eraill a fyddai'n gadael i rywun eu cyfrifo, fel na ellir adnabod neb.
themes-as-table = Yr un ffigurau mewn tabl
themes-col-theme = Thema
themes-col-all = Y cyfan
themes-nothing-to-break-down = Dim byd i'w ddadansoddi eto.
themes-seed-heading = Ychwanegu thema llyfr codau
themes-seed-name = Enw'r thema (Saesneg)
themes-seed-name-cy = Enw'r thema yn Gymraeg (i breswylwyr sy'n siarad Cymraeg)
themes-seed-examples = Atebion enghreifftiol, un i bob llinell
themes-seed-submit = Ychwanegu thema

theme-all = Pob thema
theme-showing = (yn dangos { $shown })
theme-split-legend = Rhannu'r thema hon
theme-split-hint = Rhowch enw i ddwy ran a dewiswch ran ar gyfer yr atebion isod; bydd atebion heb eu dewis yn mynd i'r rhan sydd agosaf o ran ystyr.
theme-part-name = Enw rhan { $part } (Saesneg)
theme-part-name-cy = Enw rhan { $part } yn Gymraeg
theme-split = Rhannu
theme-col-part = Rhan
theme-col-quote = Dyfyniad
theme-col-move = Symud i
theme-pinned = wedi'i binio
theme-part-for = Rhan ar gyfer ateb { $answer }
theme-unpin = Dadbinio
theme-pin = Pinio fel dyfyniad
theme-move-label = Symud ateb { $answer } i
theme-move = Symud
theme-no-answers = Dim atebion yn y thema hon.

quotes-heading = Dyfyniadau i'w cymeradwyo
quotes-intro = Dim ond dyfyniadau wedi'u cymeradwyo sy'n ymddangos mewn gweithdai, adroddiadau ac allforion. Gwiriwch bob un am unrhyw beth a allai adnabod rhywun: mae'r geiriau wedi'u hamlygu wedi'u cuddio fel y dangosir mewn
quotes-quote = Dyfyniad { $id }
quotes-no-theme = Dim thema
quotes-source-representative = nodweddiadol
quotes-source-officer_pick = dewis swyddog
quotes-will-show = Bydd yn dangos:
quotes-originals = Y geiriau gwreiddiol a'r hyn a guddiwyd
quotes-show-again = Dangos “{ $text }” ({ $kind }) eto
quotes-also-hide = Cuddio'r geiriau hyn hefyd
quotes-as = Fel
quotes-change = Newid yr hyn sydd wedi'i guddio
quotes-approve = Cymeradwyo
quotes-reject = Gwrthod
quotes-none = Nid oes dim dyfyniadau'n aros.
quotes-more = { $count } arall ar ôl y rhain.
quotes-approved = Wedi'u cymeradwyo ({ $count })

span-name = enw
span-phone = ffôn
span-email = e-bost
span-postcode = cod post
span-nino = rhif Yswiriant Gwladol
span-card = cerdyn
span-date_of_birth = dyddiad geni
span-address = cyfeiriad
span-url = cyfeiriad gwe
span-handle = enw defnyddiwr
span-vehicle_reg = rhif cofrestru cerbyd
span-bank_account = manylion banc
span-redacted = wedi'i guddio
span-nhs_number = rhif GIG

flash-no-quote = Nid oes dyfyniad o'r fath.
flash-quote-approved = Wedi'i gymeradwyo: gall ymddangos mewn gweithdai ac allforion nawr.
flash-quote-rejected = Wedi'i wrthod: ni fydd yn cael ei ddangos.
flash-not-in-answer = Nid yw “{ $needle }” yn yr ateb hwnnw.
flash-redaction-changed = Mae'r hyn sydd wedi'i guddio wedi newid; mae angen cymeradwyo'r dyfyniad eto.
flash-theme-renamed = Mae'r thema wedi'i hailenwi.
flash-welsh-name-needed = Heb ei newid: rhowch enw Cymraeg i'r thema hefyd, ar gyfer preswylwyr sy'n siarad Cymraeg.
flash-theme-merged = Wedi'i chyfuno â “{ $label }”.
flash-theme-split = Mae'r thema wedi'i rhannu'n ddwy.
flash-unpinned = Wedi dadbinio.
flash-pinned = Wedi'i binio. Mae'r dyfyniad yn aros yn y ciw cymeradwyo nes i rywun ei gymeradwyo.
flash-answer-moved = Mae'r ateb wedi'i symud.
flash-seed-added = Mae thema'r llyfr codau wedi'i hychwanegu; bydd yn casglu atebion sy'n cyfateb o'r ail-grwpio nesaf.
flash-theming-off = Nid yw'r grwpio themâu yn rhedeg ar y gweinydd hwn.
flash-regrouping = Wrthi'n ail-grwpio'r atebion; ail-lwythwch y dudalen hon ymhen munud.
error-no-theme = Nid oes thema o'r fath yn yr ymgynghoriad hwn.
flash-recut-done = { $broad } o themâu eang (y rhagosodiad yw { $default }).

# Baneri cymedroli ar atebion a dyfyniadau (mathau o nlp/moderation/flags.py).
answers-spam-left-out = { $count ->
        [one] { $count } wedi'i adael allan o'r themâu fel sbam
       *[other] { $count } wedi'u gadael allan o'r themâu fel sbam
    }
answers-all = Pob ateb
answers-flagged = Wedi'i faneru:
answers-show = Dangos
flag-abuse = camdriniaeth
flag-spam = sbam
flag-identifying = gallai adnabod rhywun
flag-clear-abuse = Nid camdriniaeth
flag-clear-spam = Nid sbam
flag-clear-identifying = Nid yw'n adnabod neb
flag-restore-abuse = Baneru fel camdriniaeth eto
flag-restore-spam = Baneru fel sbam eto
flag-restore-identifying = Baneru fel gwybodaeth adnabod eto
quotes-check-first = Gwiriwch cyn cymeradwyo:
quotes-flagged-show = Dyfyniad wedi'i faneru: dangos
theme-sub-themes = Is-themâu:
flash-no-answer = Nid oes ateb o'r fath.
flash-flag-cleared = Mae'r faner “{ $kind ->
        [abuse] camdriniaeth
        [spam] sbam
       *[other] gwybodaeth adnabod
    }” wedi'i chlirio; bydd y themâu'n dilyn yn yr ail-grwpio nesaf.
flash-flag-restored = Mae'r faner “{ $kind ->
        [abuse] camdriniaeth
        [spam] sbam
       *[other] gwybodaeth adnabod
    }” yn ôl; bydd y themâu'n dilyn yn yr ail-grwpio nesaf.

# Coeden y themâu: themâu eang ac is-themâu ar y bwrdd.
theme-sentiment = Beirniadol { $critical }% · cymysg { $mixed }% · cadarnhaol { $positive }%
tree-progress = Wrthi'n rhoi themâu i atebion newydd: { $step ->
        [embedding] eu darllen
        [grouping] eu grwpio
        [tree] llunio'r goeden
        [quotes] dewis dyfyniadau
       *[other] { $step }
    } { $done } o { $total }
tree-reload = Ail-lwythwch y dudalen i weld y cynnydd.
tree-showing = Yn dangos:
tree-broad = themâu eang
tree-sub = is-themâu
tree-default = rhagosodiad: { $default } o themâu eang
tree-default-asked = rhagosodiad: { $default } o themâu eang; gofynnoch am tua { $asked }
tree-overlap = Mae rhai atebion yn sôn am fwy nag un thema ac yn cyfrif ym mhob un, felly mae'r cyfrannau'n dod i fwy na 100%.
tree-about-broad = Tua faint o themâu eang?
tree-about-sub = Tua faint o is-themâu?
tree-regroup = Ail-grwpio
tree-back-to-default = Yn ôl i'r rhagosodiad
flash-tree-choose-level = Heb ei newid: dewiswch themâu eang neu is-themâu.
flash-tree-say-how-many = Heb ei newid: nodwch tua faint o themâu rydych chi eu heisiau.
flash-regrouping-sub = Wrthi'n ail-grwpio'n tua'r nifer honno o is-themâu; ail-lwythwch y dudalen hon ymhen munud.
quotes-requeued-words-to-hide = Yn ôl am benderfyniad newydd: mae geiriau i'w cuddio'r ymgynghoriad hwn bellach yn cuddio rhan ohono, felly ni chaiff ei ddangos nes i chi ei gymeradwyo eto.
quotes-requeued-places-removed = Yn ôl am benderfyniad newydd: mae'n dangos lle nad yw'r ymgynghoriad hwn yn ei gadw mwyach, a allai fod yn enw rhywun, felly ni chaiff ei ddangos nes i chi ei gymeradwyo eto.
