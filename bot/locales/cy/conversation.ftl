# Y sgwrs gyda thrigolion (Cymraeg). Mae'n rhaid i bob id fod yn
# ../en/conversation.ftl hefyd.
# Wording choices for SMS: circumflex letters (a^, o^, w^, y^ ...) are not in
# GSM-7 and would turn a 160-character message into a 70-character UCS-2 one,
# so these messages avoid words that need them where a natural alternative
# exists ("Helo eto!" rather than "Croeso'n ôl", "nawr"
# rather than phrasing with "a^"). Officers' own question wording is sent as
# written, accents and all. Straight apostrophes only.

## Dechrau

greeting = Helo! Mae'r neges hon am "{ $title }". Hoffem glywed beth sy'n bwysig i chi. Rydyn ni'n cadw eich atebion yn ddiogel a fyddwn ni byth yn rhannu eich enw na'ch rhif. Ydych chi'n fodlon cymryd rhan? Atebwch IE neu NA. Anfonwch STOP unrhyw bryd i stopio.
# Used instead when the title would make the greeting longer than 2 SMS
# (a long title, or one with letters outside GSM-7 such as w-circumflex).
greeting-short = Helo! Hoffem glywed beth sy'n bwysig i chi. Rydyn ni'n cadw eich atebion yn ddiogel a fyddwn ni byth yn rhannu eich enw na'ch rhif. Ydych chi'n fodlon cymryd rhan? Atebwch IE neu NA. Anfonwch STOP unrhyw bryd i stopio.
ask-keyword = Helo! I ba ymgynghoriad rydych chi'n ymateb? Anfonwch y gair allweddol sydd ar eich poster neu lythyr.
ask-keyword-kept = Diolch, rydyn ni wedi cadw hynny. Ar gyfer pa ymgynghoriad mae hyn? Anfonwch y gair allweddol sydd ar eich poster neu lythyr.
unknown-keyword = Mae'n ddrwg gen i, dydyn ni ddim yn adnabod y gair yna. Gwiriwch y gair allweddol ar eich poster neu lythyr a rhowch gynnig arall arni.
closed = Diolch am gysylltu. Mae "{ $title }" wedi cau, felly allwn ni ddim derbyn atebion newydd nawr.
closed-short = Diolch am gysylltu. Mae'r ymgynghoriad hwn wedi cau, felly allwn ni ddim derbyn atebion newydd nawr.

## Caniatâd

consent-reask = Mae'n ddrwg gen i, wnes i ddim deall. Ydych chi'n fodlon cymryd rhan? Atebwch IE neu NA.
consent-held = Diolch am eich neges. Cyn i ni ei chadw, ydych chi'n fodlon cymryd rhan? Atebwch IE neu NA.
consent-refused = Dim problem. Fyddwn ni ddim yn cadw dim byd rydych chi'n ei anfon. Os newidiwch chi eich meddwl, atebwch IE.
consent-thanks = Diolch!

## Cwestiynau

# Y cwestiwn dilynol; mae { $topic } yng ngeiriau'r preswylydd, wedi'i dreiglo'n
# feddal ar ol "am" (bysiau -> am fysiau).
follow-up-why = Sonioch chi am { $topic } - pam mae hynny'n bwysig i chi?
follow-up-change = Sonioch chi am { $topic }. Pa newid fyddai'n gwneud y gwahaniaeth mwyaf i chi?
probe-default = Pam mae hynny'n bwysig i chi?
profile-intro = Mae hynny'n help mawr. Dim ond ychydig o gwestiynau dewisol amdanoch chi nawr.
choose-number = Atebwch gyda rhif:
skip-hint = Atebwch HEPGOR os byddai'n well gennych chi beidio dweud.
not-understood = Mae'n ddrwg gen i, wnes i ddim deall.
empty-message = Mae'n ddrwg gen i, daeth eich neges drwodd yn wag.
welcome-back = Helo eto!

## Gorffen

ask-feedback = Dyna'r cyfan, diolch! Hoffech chi glywed beth ddysgon ni a beth fyddwn ni'n ei wneud am y peth? Atebwch IE neu NA.
feedback-reask = Hoffech chi glywed beth ddysgon ni? Atebwch IE neu NA.
feedback-yes = Gwych, byddwn ni'n rhoi gwybod i chi. Diolch am eich amser!
feedback-no = Dim problem. Diolch am eich amser!
extra-added = Diolch, rydyn ni wedi ychwanegu hynny at eich atebion.
already-done = Braf clywed gennych chi eto! Rydych chi wedi ateb yn barod, diolch. Eisiau ychwanegu rhywbeth? Atebwch y neges hon.

## Geiriau allweddol

help = Beth sy'n Bwysig: rydyn ni'n gofyn beth sy'n bwysig i chi, ac yn gwrando. Atebwch i barhau. Anfonwch STOP i stopio, DILEU i ddileu eich atebion, ENGLISH i newid i'r Saesneg.
opted-out = Fyddwch chi ddim yn cael mwy o negeseuon gennym ni. Anfonwch DECHRAU os newidiwch chi eich meddwl.
opted-in = Helo eto! Byddwch chi'n cael ein negeseuon eto. Anfonwch STOP unrhyw bryd i stopio.
language-set = Iawn, byddwn ni'n parhau yn Gymraeg.
erase-confirm = Dileu popeth rydych chi wedi'i anfon aton ni, a'ch manylion? Does dim modd dadwneud hyn. Atebwch IE i ddileu neu NA i'w gadw.
erased = Dyna ni: rydyn ni wedi dileu eich atebion a'ch manylion. Diolch am eich amser.
erase-cancelled = Iawn, rydyn ni wedi cadw popeth. Does dim byd wedi'i ddileu.
nothing-held = Does dim atebion na manylion amdanoch chi gennym ni.

## Labeli botymau

option-yes = Ie
option-no = Na
option-skip = Hepgor
# Beth mae botwm yn ei anfon, a'r hyn mae'r testun yn gofyn i bobl ei deipio.
option-yes-value = IE
option-no-value = NA
option-skip-value = HEPGOR
