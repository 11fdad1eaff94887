"""The residents' web chat: /chat/<KEYWORD> on any phone, with or without JavaScript.

Separate from the phone simulator (bot/simulator, a developer tool): its own
channel ("webchat"), the same engine and keywords as SMS and Telegram.
"""
