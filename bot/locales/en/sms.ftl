# SMS / WhatsApp channel wording (English). Every id must exist in ../cy/sms.ftl too.
# Straight quotes and apostrophes only: a curly one forces UCS-2 on SMS.

sms-send-text = Sorry, we can only read text. Please type your answer and send it as a text message.
# The invitation half in English; the wave sends it with the Welsh half below it.
sms-invitation = { $title }: what matters to you? Text { $keyword } to this number to tell us.
sms-invitation-short = What matters to you? Text { $keyword } to this number to tell us.
sms-invitation-stop = Text STOP to opt out.
