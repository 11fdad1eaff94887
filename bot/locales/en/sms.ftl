# SMS / WhatsApp channel wording (English). Every id must exist in ../cy/sms.ftl too.
# Straight quotes and apostrophes only: a curly one forces UCS-2 on SMS.

sms-send-text = Sorry, we can only read text. Please type your answer and send it as a text message.
# Invitations: the English half; a wave sends it with the Welsh half below it,
# and falls back to the short form when the titles make it longer than 2 SMS.
sms-invitation = We'd like to hear from you about "{ $title }". Text { $keyword } to this number to take part.
sms-invitation-short = We'd like to hear what matters to you. Text { $keyword } to this number to take part.
sms-invitation-stop = Text STOP to opt out.
