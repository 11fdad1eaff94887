# Geiriad y sianel SMS / WhatsApp (Cymraeg). Rhaid i bob id fod yn ../en/sms.ftl hefyd.
# Dyfynodau syth yn unig: mae un cyrliog yn gorfodi UCS-2 ar SMS.

sms-send-text = Mae'n ddrwg gennym, dim ond testun y gallwn ei ddarllen. Teipiwch eich ateb a'i anfon fel neges destun.
sms-invitation = Hoffem glywed gennych am "{ $title }". Tecstiwch { $keyword } i'r rhif hwn i gymryd rhan.
sms-invitation-short = Hoffem glywed beth sy'n bwysig i chi. Tecstiwch { $keyword } i'r rhif hwn i gymryd rhan.
sms-invitation-stop = Anfonwch STOP i stopio.
