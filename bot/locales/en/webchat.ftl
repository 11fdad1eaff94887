# The residents' web chat page (/chat/<KEYWORD>), English. Every id must exist in ../cy/webchat.ftl.
# The conversation itself comes from conversation.ftl, as on every channel.

chat-site = What Matters
chat-skip = Skip to the conversation
chat-language = Language
chat-why = Why we are asking
chat-privacy = We keep your answers safe and never share your name. No account and no tracking: one cookie keeps this chat on this device for 30 days.
chat-conversation = Conversation
chat-you = You said:
chat-bot = We said:
chat-start-hint = Press Start, or type your message below.
chat-start = Start
chat-message = Your message
chat-send = Send
chat-keywords = Send STOP to stop, DELETE to erase your answers, HELP for help.
chat-error-empty = Please type a message first.
chat-error-long = Please keep your message under { $max } characters.
chat-error-bad = That message could not be sent. Please try again.
chat-closed = This consultation is not open just now. Thank you for your interest.
chat-not-found = We could not find that consultation.
chat-list-title = Have your say
chat-list-empty = No consultations are open just now.
chat-all = All open consultations
chat-sending = Sending
