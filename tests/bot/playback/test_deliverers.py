"""The real deliverer: Twilio for SMS and WhatsApp, one shared pace, clear failures."""

from __future__ import annotations

from twilio.rest import Client

from bot.channels.sms.channel import TwilioChannelSender
from bot.conversation.messages import Reply, ReplyOption
from storage.models import Channel
from tests.bot.outbound.fake_twilio_api import ACCOUNT_SID, RecordingTwilioApi
from usecases.delivery.deliverers import ChannelDeliverer
from usecases.delivery.sender import Outcome, TokenBucket, TwilioSender

REPLY = Reply(
    text="We heard these things matter most: 1 Buses 2 Parks.",
    key="playback-question",
    options=(ReplyOption("1", "1 Buses"), ReplyOption("2", "2 Parks")),
)


def _deliverer(api: RecordingTwilioApi, waits: list[float]) -> ChannelDeliverer:
    now = [0.0]

    def sleep(seconds: float) -> None:
        waits.append(seconds)
        now[0] += seconds

    bucket = TokenBucket(2.0, clock=lambda: now[0], sleep=sleep)
    client = Client(ACCOUNT_SID, "token", http_client=api)
    twilio = TwilioSender(client, sender="+447400123456", bucket=bucket, sleep=sleep)
    return ChannelDeliverer(bucket=bucket, senders=[TwilioChannelSender(twilio)])


def test_sms_and_whatsapp_go_through_twilio_at_one_pace() -> None:
    api, waits = RecordingTwilioApi(), []  # type: ignore[var-annotated]
    deliverer = _deliverer(api, waits)
    results = []
    for channel, address in [(Channel.SMS, "+447911123456"), (Channel.WHATSAPP, "+447911123457")]:
        deliverer.wait_turn()
        results.append(deliverer.deliver(channel, address, REPLY))
    assert [r.outcome for r in results] == [Outcome.SENT, Outcome.SENT]
    sent = api.message_requests()
    assert [r.data["To"] for r in sent] == ["+447911123456", "whatsapp:+447911123457"]
    assert sent[0].data["Body"] == REPLY.text
    # Two messages at 2/s: the second waited half a second, and only once.
    assert waits == [0.5]


def test_a_channel_without_a_sender_fails_clearly_and_sends_nothing() -> None:
    api, waits = RecordingTwilioApi(), []  # type: ignore[var-annotated]
    deliverer = _deliverer(api, waits)
    deliverer.wait_turn()
    result = deliverer.deliver(Channel.TELEGRAM, "12345", REPLY)
    assert result.outcome is Outcome.FAILED and "no sender configured" in (result.error or "")
    assert api.message_requests() == []
