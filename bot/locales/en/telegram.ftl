# Messages only the Telegram channel sends. The conversation itself lives in
# the engine's catalogues; these cover what Telegram lets people do that SMS
# does not (photos, stickers, editing, buttons, groups).

telegram-send-text = Sorry, I can only read typed messages. Please reply in words.
telegram-edited = I keep the first version of each message. If you want to change something, please send it as a new message.
telegram-stale-button = That button has expired. Please type your reply instead.
telegram-private-only = Please message me directly, not in a group, so your answers stay private.
