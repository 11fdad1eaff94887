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
