"""The channels the service runs: adding one is a folder under bot/channels/ and a line here.

The web app mounts each channel's receive routes; playback rounds, feedback,
invitations, the metrics and the console (through the services container) read
this registry instead of naming a channel.
"""

from __future__ import annotations

from bot.channels.contract import ChannelRegistry
from bot.channels.sms.channel import CHANNEL as SMS
from bot.channels.telegram.channel import CHANNEL as TELEGRAM
from bot.channels.web import CHANNEL as WEB

CHANNELS = ChannelRegistry(
    [
        WEB,
        SMS,
        TELEGRAM,
    ]
)
