# Tudalen sgwrsio'r trigolion ar y we (/chat/<KEYWORD>), Cymraeg. Rhaid i bob id fod yn ../en/webchat.ftl.
# Daw'r sgwrs ei hun o conversation.ftl, fel ar bob sianel.

chat-site = Beth sy'n Bwysig
chat-skip = Neidio i'r sgwrs
chat-language = Iaith
chat-why = Pam rydyn ni'n gofyn
chat-privacy = Rydyn ni'n cadw eich atebion yn ddiogel a byth yn rhannu eich enw. Dim cyfrif a dim tracio: mae un cwci yn cadw'r sgwrs hon ar y ddyfais hon am 30 diwrnod.
chat-conversation = Sgwrs
chat-you = Dywedoch chi:
chat-bot = Dywedon ni:
chat-start-hint = Pwyswch Dechrau, neu teipiwch eich neges isod.
chat-start = Dechrau
chat-message = Eich neges
chat-send = Anfon
chat-keywords = Anfonwch STOP i stopio, DILEU i ddileu eich atebion, CYMORTH am help.
chat-error-empty = Teipiwch neges yn gyntaf, os gwelwch yn dda.
chat-error-long = Cadwch eich neges o dan { $max } nod, os gwelwch yn dda.
chat-error-bad = Doedd dim modd anfon y neges. Rhowch gynnig arall arni.
chat-closed = Dydy'r ymgynghoriad hwn ddim ar agor ar hyn o bryd. Diolch am eich diddordeb.
chat-not-found = Allwn ni ddim dod o hyd i'r ymgynghoriad hwnnw.
chat-list-title = Dweud eich dweud
chat-list-empty = Does dim ymgynghoriadau ar agor ar hyn o bryd.
chat-all = Pob ymgynghoriad agored
chat-sending = Yn anfon
