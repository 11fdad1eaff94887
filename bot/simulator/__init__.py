"""The built-in phone simulator: play a resident over SMS, WhatsApp or Telegram looks."""
