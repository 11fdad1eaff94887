"""The channels the service runs: adding one is a folder under bot/channels/ and a line here.

The web app mounts each channel's receive routes; playback rounds, feedback,
invitations, the metrics and the console (through the services container) read
this registry instead of naming a channel.
"""

from __future__ import annotations

from bot.channels.contract import ChannelRegistry

# Each entry names a channel folder's CHANNEL; imported on first use (see ChannelRegistry).
CHANNELS = ChannelRegistry(
    [
        "bot.channels.web:CHANNEL",
        "bot.channels.sms.channel:CHANNEL",
        "bot.channels.telegram.channel:CHANNEL",
    ]
)
