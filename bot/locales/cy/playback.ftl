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
