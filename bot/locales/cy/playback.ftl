# Cylchoedd adborth ("a glywsom ni'n iawn?") ac adborth ("dywedoch chi, gwnaethom ni"), Cymraeg.
# Rhaid i bob id fod yn ../en/playback.ftl hefyd. GSM-7 yn unig: dim dyfynodau crwm.

playback-intro = Clywsom mai'r pethau hyn sydd bwysicaf:
playback-question = Pa un sydd bwysicaf i chi? Atebwch gyda rhif, neu dywedwch beth a fethwyd.
playback-question-short = Atebwch gyda rhif, neu dywedwch beth a fethwyd.
playback-stop = Tecstiwch STOP i optio allan.
playback-thanks = Diolch. Rydym wedi nodi eich dewis.
playback-thanks-both = Diolch. Rydym wedi nodi eich dewis a'r hyn a ddywedoch wrthym.
playback-thanks-missed = Diolch. Byddwn yn ychwanegu'r hyn a ddywedoch at yr hyn a ddywedodd pawb arall.
playback-out-of-range = Atebwch gyda rhif o 1 i { $count }, neu dywedwch beth a fethwyd.
playback-closed = Diolch. Mae'r rownd hon wedi cau, ond rydym wedi cadw'r hyn a ddywedoch.
feedback-intro = Dywedoch chi, gwnaethom ni: { $title }.
feedback-link = Darllenwch beth a ddysgon ni a beth a newidiodd: { $link }
feedback-found-out = Beth a ddysgon ni: { $text }
feedback-difference = Beth a newidiodd: { $text }
