# "Beth wnaethon ni ei ddarganfod", ei ddrafft i breswylwyr, adborth, a'r gwiriad ansawdd (Cymraeg).
# Mae'r drafft yn mynd at breswylwyr: cywair cynnes "ni", fel bot/locales/cy.

draft-intro = Cawsom { $total ->
        [one] { $total } ateb
       *[other] { $total } o atebion
    }. Y prif themâu oedd:
draft-theme = - { $label }: { $count ->
        [one] { $count } ateb
       *[other] { $count } o atebion
    } ({ $share }%).
draft-other = Nid oedd { $share }% o'r atebion yn perthyn i thema glir.

found-out-published = Dyma'r testun a gyhoeddwyd.
found-out-redraft = Dechrau eto o ddrafft newydd
found-out-draft = Drafft wedi'i lunio o'r themâu, eu niferoedd a dyfyniadau wedi'u cymeradwyo. Golygwch ef, yna cyhoeddwch ef yng nghofnod yr ymgynghoriad.
found-out-field-found-out-en = Beth wnaethon ni ei ddarganfod (Saesneg)
found-out-field-found-out-cy = Beth wnaethon ni ei ddarganfod (Cymraeg)
found-out-field-difference-en = Pa wahaniaeth mae wedi'i wneud (Saesneg)
found-out-field-difference-cy = Pa wahaniaeth mae wedi'i wneud (Cymraeg)
found-out-link-hint = Y dudalen ar wefan y cyngor gyda'r canlyniadau hyn, e.e. https://www.wrecsam.gov.uk/... Gyda dolen, mae pob neges yn fyr: y ddolen yn lle crynodeb.
found-out-you-said = "Dywedoch chi, gwnaethon ni"
found-out-notify = Dweud wrth { $count ->
        [one] yr unigolyn
       *[other] y { $count } o bobl
    } a ofynnodd am glywed yn ôl
found-out-notify-hint = Mae pob un yn cael un neges fer yn ei iaith ei hun: gyda dolen, y ddolen; heb un, drwy SMS crynodeb o ddwy neges destun ar y mwyaf. Drwy SMS mae'n gorffen gyda sut i stopio. Yn cael ei hanfon ar y gyfradd arferol, byth yn yr oriau tawel.
found-out-already-told = { $count ->
        [one] Mae'r unigolyn a ofynnodd eisoes wedi cael gwybod, ac ni fydd yn cael neges eto
       *[other] Mae { $count } o bobl a ofynnodd eisoes wedi cael gwybod, ac ni fyddan nhw'n cael neges eto
    } am olygiad; mae ychwanegu "pa wahaniaeth mae wedi'i wneud" am y tro cyntaf yn newyddion, ac yn cael ei anfon at bawb a ofynnodd.
found-out-no-sender = Nid oes anfonwr SMS na Telegram wedi'i osod ar y gweinydd hwn: dim ond ffonau'r sgwrs ar y we (yr efelychydd) sy'n cael neges nawr; mae pawb arall yn aros nes bod un wedi'i osod a'ch bod yn pwyso Ailddechrau anfon.
found-out-nobody = Nid oes neb wedi gofyn am glywed yn ôl eto, felly ni fydd cyhoeddi'n anfon neges at neb.
found-out-publish = Cyhoeddi
found-out-too-long = Mae { $fields } yn hirach na { $limit } nod. Byrhewch ef a'i gyhoeddi eto.
found-out-not-published = Heb ei gyhoeddi: { $reason }

quality-intro = Dewiswch y thema y byddech chi'n ei rhoi i bob ateb yn y sampl ar hap hwn, heb edrych ar y thema awtomatig. Yna mae'r dudalen yn dangos pa mor aml mae'r themâu awtomatig yn cytuno â chi.
quality-coded = o atebion wedi'u codio.
quality-agreement = Cytundeb (cywirdeb):
quality-interval = cyfwng hyder 95%
quality-hint = Cyfyngau o 1,000 o ailsamplau bootstrap o'r atebion a godiwyd; codiwch fwy o atebion i'w culhau.
quality-your-theme = Eich thema chi
quality-not-coded = (heb ei godio)
quality-none-of-these = Dim un o'r rhain
quality-save = Cadw'r codau

error-no-publication = Nid oes cyhoeddiad adborth o'r fath ar gyfer yr ymgynghoriad hwn.
flash-published = Wedi'i gyhoeddi yng nghofnod yr ymgynghoriad.
flash-nobody-messaged = Ni anfonwyd neges at neb.
flash-nothing-to-tell = Nid oes dim i'w ddweud wrth bobl eto, felly ni anfonwyd neges at neb.
flash-nobody-new = Neb newydd i ddweud wrthynt: mae pawb a ofynnodd am glywed yn ôl eisoes wedi cael gwybod.
flash-feedback-not-queued = Mae'r adborth i { $count ->
        [one] { $count } person
       *[other] { $count } o bobl
    } wedi'i gadw ond nid oedd modd ei roi yn y ciw i'w anfon: pwyswch Ailddechrau anfon isod pan fydd y gweinydd yn ôl.
flash-feedback-queued = Mae'r adborth i { $count ->
        [one] { $count } person
       *[other] { $count } o bobl
    } yn y ciw. Bydd yn mynd ar y gyfradd anfon arferol, byth yn yr oriau tawel.
flash-nobody-waiting = Nid oes neb yn aros am yr adborth hwn.
flash-codes-saved = Wedi cadw'r codau.

url-too-long = Mae'r ddolen i'r canlyniadau a gyhoeddwyd yn { $length } nod o hyd; ni all fod yn hwy na { $limit }.
url-spaces = Mae bylchau yn y ddolen i'r canlyniadau a gyhoeddwyd: copïwch y cyfeiriad cyfan o far cyfeiriad y porwr.
url-not-an-address = Nid yw'r ddolen i'r canlyniadau a gyhoeddwyd yn gyfeiriad gwe fel https://www.wrecsam.gov.uk/eich-llais/canlyniadau.
url-not-whole = Rhaid i'r ddolen i'r canlyniadau a gyhoeddwyd fod yn gyfeiriad gwe cyfan sy'n dechrau gyda https://, fel https://www.wrecsam.gov.uk/eich-llais/canlyniadau.
url-no-site = Nid oes enw gwefan yn y ddolen i'r canlyniadau a gyhoeddwyd, fel https://www.wrecsam.gov.uk/eich-llais/canlyniadau.
url-credentials = Ni chaiff y ddolen i'r canlyniadau a gyhoeddwyd gynnwys enw defnyddiwr na chyfrinair.

# "Beth rydym yn ei wneud": ymateb y cyngor i bob thema, a'r drafft sy'n deillio ohono.
responses-heading = Beth rydym yn ei wneud am bob thema
responses-intro = Cofnodwch ymateb y cyngor i bob thema: y penderfyniad, y gwasanaeth sy'n berchen arno, pa mor bell mae wedi mynd a phryd. Mae'r ymatebion hyn yn llunio drafft o'r adran “Pa wahaniaeth mae wedi'i wneud” ac maen nhw ar gael drwy'r API yn
responses-draft-link = Llunio drafft o “Pa wahaniaeth mae wedi'i wneud” o'r ymatebion hyn
responses-caption = Y themâu ac ymateb y cyngor (y thema fwyaf yn gyntaf)
responses-col-decision = Penderfyniad
responses-col-owner = Perchennog
responses-col-status = Statws
responses-col-date = Dyddiad
responses-col-actions = Camau gweithredu
responses-theme-gone = (mae'r thema wedi'i chyfuno neu ei thynnu ers hynny)
responses-none-yet = Dim ymateb eto
responses-edit = Golygu
responses-respond = Ymateb
responses-no-themes = Dim themâu eto: rhowch themâu i'r atebion yn gyntaf.
response-decision-will-do = Byddwn yn gwneud hyn
response-decision-already-doing = Rydym eisoes yn gwneud hyn
response-decision-not-doing = Wedi'i ystyried, ond ni fyddwn yn ei wneud
response-decision-passed-on = Wedi'i drosglwyddo i gorff arall
response-status-planned = Wedi'i gynllunio
response-status-in-progress = Ar y gweill
response-status-done = Wedi'i wneud
response-status-closed = Wedi cau (nid ein cyfrifoldeb ni i weithredu arno)
response-title = Ymateb i { $theme }
response-heading = Ymateb y cyngor i “{ $theme }”
response-detail-en = Beth fydd y cyngor yn ei wneud, beth mae'n ei wneud, neu pam lai (Saesneg)
response-detail-cy = Beth fydd y cyngor yn ei wneud, beth mae'n ei wneud, neu pam lai (Cymraeg)
response-owner = Y gwasanaeth sy'n berchen arno
response-passed-to = Wedi'i drosglwyddo i (ar gyfer “Wedi'i drosglwyddo i gorff arall”)
response-date = Dyddiad disgwyl neu gwblhau
response-save = Cadw'r ymateb
response-remove = Tynnu'r ymateb hwn
flash-not-saved = Heb ei gadw: { $reason }
flash-response-saved = Mae'r ymateb i “{ $theme }” wedi'i gadw.
flash-response-removed = Mae'r ymateb wedi'i dynnu.
error-no-response = Nid oes gan y thema honno ymateb i'w dynnu.
difference-draft-title = Drafft: pa wahaniaeth mae wedi'i wneud
difference-draft-heading = Drafft o “Pa wahaniaeth mae wedi'i wneud”
difference-draft-intro = Wedi'i lunio o'r ymatebion i bob thema. Golygwch ef, yna cadwch ef: mae'n cymryd lle testun “Pa wahaniaeth mae wedi'i wneud” yr ymgynghoriad. Nid oes dim yn cael ei anfon nes i chi ei gyhoeddi o “Beth wnaethon ni ei ddarganfod”.
difference-draft-save = Cadw fel “Pa wahaniaeth mae wedi'i wneud”
flash-difference-saved = Wedi'i gadw fel “Pa wahaniaeth mae wedi'i wneud”. Cyhoeddwch ef o “Beth wnaethon ni ei ddarganfod” i ddweud wrth bobl.

# Themâu ar draws rowndiau a blynyddoedd.
trends-heading = Themâu ar draws rowndiau a blynyddoedd
trends-across-rounds = Themâu ar draws rowndiau
trends-intro = Cysylltwch yr ymgynghoriad hwn ag ymgynghoriadau cynharach (un y llynedd, y rownd flaenorol). Mae themâu'n cael eu paru yn ôl ystyr; cadarnhewch bob cyfatebiaeth, neu gwrthodwch hi a pharu â llaw. Mae'r cyfrannau'n seiliedig ar atebion pob rownd sydd â thema, felly mae'n deg cymharu rowndiau o wahanol faint.
trends-caption = Themâu'r ymgynghoriad hwn ochr yn ochr â rowndiau cynharach (y duedd o'i chymharu â'r un ddiweddaraf)
trends-col-now = Nawr
trends-col-trend = Tuedd
trends-suggested = Awgrymwyd (tebygrwydd { $score })
trends-confirm = Cadarnhau
trends-refuse = Nid yr un fath
trends-refuse-which = thema: { $theme } a { $earlier }
trends-gone = Wedi'i godi yn { $round }, ond nid y tro hwn
trends-then = { $count } bryd hynny
trends-refresh = Awgrymu cyfatebiaethau eto (ar ôl ail-grwpio)
trends-own-theme = Thema'r ymgynghoriad hwn
trends-same-as = yw'r un fath â thema { $round }
trends-match-by-hand = Paru â llaw
trends-unlink = Datgysylltu { $round }
trends-not-linked = Nid yw wedi'i gysylltu ag ymgynghoriad cynharach eto.
trends-link-heading = Cysylltu ymgynghoriad cynharach
trends-follows-on = Mae'r ymgynghoriad hwn yn dilyn ymlaen o
trends-link = Cysylltu ac awgrymu cyfatebiaethau
flash-not-linked = Heb ei gysylltu: { $reason }
flash-linked = Wedi'i gysylltu. Gwiriwch y cyfatebiaethau a awgrymir isod.
error-no-round-link = Nid oes cysylltiad o'r fath ar gyfer yr ymgynghoriad hwn.
flash-link-removed = Mae'r cysylltiad wedi'i dynnu.
flash-matches-suggested = { $count ->
        [one] Awgrymwyd { $count } gyfatebiaeth
       *[other] Awgrymwyd { $count } o gyfatebiaethau
    }; mae'r cyfatebiaethau rydych wedi'u cadarnhau a'u gwrthod yn cael eu cadw.
error-confirm-or-refuse = Cadarnhewch neu gwrthodwch gyfatebiaeth.
flash-match-confirmed = Mae'r gyfatebiaeth wedi'i chadarnhau.
flash-match-refused = Mae'r gyfatebiaeth wedi'i gwrthod.
flash-not-matched = Heb ei baru: { $reason }
flash-matched = Wedi'u paru.

# Y gwiriad codio dall a'i ddatganiad cywirdeb.
quality-blind-intro = Rhowch ei brif thema i bob ateb yn y sampl hwn, a thiciwch unrhyw themâu eraill a welwch ynddo. Nid ydych yn gweld y themâu awtomatig na chodau swyddogion eraill: codiwch yn ddall, yna bydd datganiad cywirdeb yr ymgynghoriad yn ymddangos.
quality-you-coded = Rydych wedi codio { $coded } o { $count ->
        [one] { $count } ateb
       *[other] { $count } o atebion
    }.
quality-sample-size = Maint y sampl
quality-new-sample = Tynnu sampl newydd
quality-main-theme = Prif thema
quality-also-about = Hefyd yn ymwneud â
quality-further-themes = Themâu eraill yr ateb hwn
flash-new-sample = Sampl newydd o { $count ->
        [one] { $count } ateb
       *[other] { $count } o atebion
    }, wedi'u gwasgaru dros y themâu.
accuracy-heading = Datganiad cywirdeb
accuracy-col-compared = Wedi'u cymharu
accuracy-col-kappa = Kappa Cohen (cyfwng hyder 95%)
accuracy-col-f1 = F1 aml-thema (cyfwng hyder 95%)
accuracy-automatic = Themâu awtomatig
accuracy-officer = Swyddog { $letter }

# "Dywedoch chi, gwnaethon ni" wedi'i dargedu ar dudalen yr ymatebion.
targeted-heading = Dweud wrth breswylwyr beth rydym yn ei wneud am eu themâu
targeted-intro = Mae preswylwyr a ofynnodd am glywed yn ôl yn cael un neges am bob thema y mae eu hatebion eu hunain ynddi, gydag ymateb llawn y cyngor i'r { $count } y dywedon nhw fwyaf amdanynt a'r penderfyniad ar y lleill (mewn neges destun, dim ond faint o rai eraill sydd pan nad oes lle), yn eu hiaith ac ar y sianel a ddefnyddiwyd ganddynt, ac yna'r ddolen i'r canlyniadau. Ni fydd neb yn clywed am yr un thema ddwywaith.
targeted-audience = { $count ->
        [0] Neb newydd i ddweud wrthynt ar hyn o bryd.
        [one] Byddai neges yn mynd at { $count } preswylydd.
       *[other] Byddai neges yn mynd at { $count } o breswylwyr.
    }
targeted-publish = Anfon yr ymatebion at breswylwyr
targeted-none-to-publish = Cofnodwch ymateb i o leiaf un thema yn gyntaf.
targeted-caption = Anfonwyd ar { $published }: preswylwyr a glywodd am bob thema
targeted-resume = Ailddechrau anfon
flash-targeted-nothing = Nid oes ymateb i unrhyw thema eto, felly ni anfonwyd neges at neb.
flash-targeted-same = Mae'r ymatebion hyn eisoes wedi'u hanfon: neb newydd i ddweud wrthynt. Mae unrhyw un sy'n dal i aros wedi'i restru isod.
flash-targeted-nobody = Wedi'i gadw, ond nid oes angen neges ar neb: nid oes preswylydd a ofynnodd am glywed yn ôl mewn thema ag ymateb nad yw wedi'i glywed.
flash-targeted-preparing = Ymatebion wedi'u cadw. Mae'r negeseuon yn cael eu paratoi a byddan nhw'n mynd ar y gyfradd anfon arferol, byth yn yr oriau tawel; bydd y niferoedd isod yn llenwi wrth iddyn nhw fynd.
flash-targeted-not-queued = Ymatebion wedi'u cadw, ond nid oedd modd rhoi'r negeseuon yn y ciw: pwyswch Ailddechrau anfon isod pan fydd y gweinydd yn ôl.
targeted-preparing = Wrthi'n paratoi'r negeseuon: yn penderfynu pa breswylwyr sy'n clywed am ba thema.
