# Messages only the Telegram channel sends. The conversation itself lives in
# the engine's catalogues; these cover what Telegram lets people do that SMS
# does not (photos, stickers, editing, buttons, groups).

telegram-send-text = Sorry, I can only read typed messages. Please reply in words.
telegram-edited = I keep the first version of each message. If you want to change something, please send it as a new message.
telegram-stale-button = That button has expired. Please type your reply instead.
telegram-private-only = Please message me directly, not in a group, so your answers stay private.

## The "/" command menu (short: Telegram shows them in one line)

telegram-command-start = Start or carry on
telegram-command-help = What this is and how to stop
telegram-command-cymraeg = Siarad Cymraeg
telegram-command-english = Carry on in English
telegram-command-stop = Stop all messages
telegram-command-delete = Delete my answers
