# Cylchoedd adborth ("a glywson ni'n iawn?") ac adborth ("dywedoch chi, gwnaethon ni"), Cymraeg.
# Rhaid i bob id fod yn ../en/playback.ftl hefyd. GSM-7 yn unig: dim dyfynodau crwm.
# Cywair conversation.ftl: "ni" ar lafar ("clywson ni", "rydyn ni"), yn gynnes ac yn fyr.

playback-intro = Clywson ni mai dyma'r pethau sydd bwysicaf:
playback-question = Pa un sydd bwysicaf i chi? Atebwch gyda rhif, neu dywedwch wrthon ni beth sydd ar goll.
playback-question-short = Atebwch gyda rhif, neu dywedwch beth sydd ar goll.
# Telegram a'r sgwrs ar y we: botymau.
playback-question-buttons = Pa un sydd bwysicaf i chi? Pwyswch un, neu dywedwch wrthon ni beth sydd ar goll.
playback-stop = Anfonwch STOP i stopio.
playback-thanks = Diolch. Rydyn ni wedi nodi eich dewis.
playback-thanks-both = Diolch. Rydyn ni wedi nodi eich dewis a'r hyn ddywedoch chi wrthon ni.
playback-thanks-missed = Diolch. Byddwn ni'n ychwanegu'r hyn ddywedoch chi at yr hyn ddywedodd pawb arall.
playback-out-of-range = Atebwch gyda rhif o 1 i { $count }, neu dywedwch wrthon ni beth sydd ar goll.
playback-closed = Diolch. Mae'r rownd hon wedi cau, felly allwn ni ddim cyfrif eich dewis.
playback-closed-kept = Diolch. Mae'r rownd hon wedi cau, ond rydyn ni wedi cadw'r hyn ddywedoch chi wrthon ni.
feedback-intro = Dywedoch chi, gwnaethon ni: { $title }.
feedback-intro-short = Dywedoch chi, gwnaethon ni.
feedback-link = Darllenwch beth ddysgon ni a beth sydd wedi newid: { $link }
feedback-found-out = Beth ddysgon ni: { $text }
feedback-difference = Beth sydd wedi newid: { $text }
# Ail ateb o ddewisiadau yn unig tra bo'r rownd ar agor, neu fotwm wedi'i bwyso ddwywaith.
playback-added = Diolch. Rydyn ni wedi ychwanegu hynny at eich dewis.
playback-already = Diolch. Mae eich dewis ar gyfer y rownd hon gyda ni'n barod.
# "A glywson ni chi'n iawn?" i bob person: y themâu y rhoddwyd eu hatebion nhw ynddyn nhw.
check-intro = A glywson ni chi'n iawn? Rhoeson ni'r hyn ddywedoch chi o dan: { $themes }.
check-question = Atebwch IE, RHANNOL neu NA, a dywedwch wrthon ni yn eich geiriau eich hun beth oeddech chi'n ei feddwl.
check-question-short = Atebwch IE, RHANNOL neu NA, a beth oeddech chi'n ei feddwl.
# Telegram a'r sgwrs ar y we: botymau.
check-question-buttons = Ydy hynny'n iawn? Pwyswch ateb, neu dywedwch wrthon ni yn eich geiriau eich hun beth oeddech chi'n ei feddwl.
check-yes = Ydy
check-partly = Yn rhannol
check-no = Nid dyna oedd gen i
check-thanks = Diolch am wirio.
check-thanks-kept = Diolch. Rydyn ni wedi cadw beth oeddech chi'n ei feddwl, yn eich geiriau eich hun.
# Ar ôl "rhannol" neu "na" heb eiriau: un gwahoddiad caredig.
check-tell-us = Diolch. Os hoffech chi, dywedwch wrthon ni mewn ychydig eiriau beth oeddech chi'n ei feddwl.
check-again = Mae'n ddrwg gennon ni, wnaethon ni ddim deall hynny. Atebwch IE, RHANNOL neu NA, a beth oeddech chi'n ei feddwl.
check-unclear-kept = Diolch. Rydyn ni wedi cadw'r hyn ddywedoch chi wrthon ni.
