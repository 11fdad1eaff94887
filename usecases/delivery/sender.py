"""Sending one SMS through Twilio's REST API at a steady rate, retrying what is retryable.

The clock and sleep are injected so tests (and the benchmark) can drive time;
nothing here reads the wall clock directly.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum

from twilio.base.exceptions import TwilioException, TwilioRestException
from twilio.http.http_client import TwilioHttpClient
from twilio.rest import Client

log = logging.getLogger(__name__)

# Twilio error codes that mean "this number will never work" / "they said STOP".
INVALID_NUMBER_CODES = frozenset({21211, 21214, 21217, 21401, 21407, 21408, 21612, 21614})
OPTED_OUT_CODES = frozenset({21610})


def make_http_client() -> TwilioHttpClient:
    """The HTTP layer under the twilio client (tests swap in a recorder here)."""
    return TwilioHttpClient(timeout=30)


class TokenBucket:
    """At most `rate` acquisitions per second on average, bursts of at most `burst`.

    The default burst of 1 spaces messages evenly: a 10,000-person wave goes
    out as a steady trickle, not a thundering herd at Twilio or at our own
    webhook when the replies come back.
    """

    def __init__(
        self,
        rate: float,
        *,
        burst: float = 1.0,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        if rate <= 0:
            raise ValueError("rate must be positive (messages per second)")
        if burst < 1:
            raise ValueError("burst must be at least 1")
        self.rate = rate
        self.burst = burst
        self._clock = clock
        self._sleep = sleep
        self._tokens = burst
        self._last = clock()

    def acquire(self) -> None:
        now = self._clock()
        self._tokens = min(self.burst, self._tokens + (now - self._last) * self.rate)
        self._last = now
        if self._tokens >= 1:
            self._tokens -= 1
            return
        wait = (1 - self._tokens) / self.rate
        self._sleep(wait)
        # The token that accrued during the sleep is ours. Booking it at the
        # instant it became due (rather than re-reading the clock and looping)
        # keeps float rounding from leaving us a hair short forever, and an
        # oversleep still accrues towards the next token.
        self._tokens = 0.0
        self._last = now + wait


class Outcome(StrEnum):
    SENT = "sent"
    FAILED = "failed"
    INVALID = "invalid"
    OPTED_OUT = "opted_out"


@dataclass(frozen=True, slots=True)
class SendResult:
    outcome: Outcome
    attempts: int
    sid: str | None = None
    status: str | None = None
    error_code: int | None = None
    error: str | None = None


class TwilioSender:
    """Sends with retries on 429 and 5xx (exponential backoff, capped)."""

    def __init__(
        self,
        client: Client,
        *,
        sender: str,
        bucket: TokenBucket,
        status_callback: str | None = None,
        max_attempts: int = 5,
        backoff_base: float = 1.0,
        backoff_cap: float = 60.0,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self._client = client
        self._sender = sender
        self._bucket = bucket
        self._status_callback = status_callback
        self._max_attempts = max_attempts
        self._backoff_base = backoff_base
        self._backoff_cap = backoff_cap
        self._sleep = sleep
        self._turn_held = False

    def wait_turn(self) -> None:
        """Wait for the next sending slot; the following `send` uses it.

        A wave waits *before* checking quiet hours, so a message is never sent
        at 21:00:00 because its slot was granted at 20:59:59.
        """
        self._bucket.acquire()
        self._turn_held = True

    def _create(self, to: str, body: str, sender: str | None = None) -> tuple[str, str]:
        options: dict[str, str] = {"to": to, "body": body}
        sender = sender or self._sender
        # A Messaging Service SID (MG...) lets Twilio pick the number and queue.
        if sender.startswith("MG"):
            options["messaging_service_sid"] = sender
        else:
            options["from_"] = sender
        if self._status_callback:
            options["status_callback"] = self._status_callback
        message = self._client.messages.create(**options)
        return str(message.sid), str(message.status)

    def send(self, to: str, body: str, *, sender: str | None = None) -> SendResult:
        """Send one message; `sender` overrides the From (WhatsApp's "whatsapp:+44...")."""
        attempt = 0
        while True:
            attempt += 1
            if self._turn_held:
                self._turn_held = False
            else:
                self._bucket.acquire()  # a retry spends a token too: it is a request
            try:
                sid, status = self._create(to, body, sender)
            except TwilioRestException as error:
                retryable = error.status == 429 or error.status >= 500
                if retryable and attempt < self._max_attempts:
                    delay = min(self._backoff_cap, self._backoff_base * 2 ** (attempt - 1))
                    log.info("Twilio answered %s; retrying in %.1fs", error.status, delay)
                    self._sleep(delay)
                    continue
                return SendResult(
                    outcome=_classify(error.code),
                    attempts=attempt,
                    error_code=error.code,
                    error=f"HTTP {error.status}: {error.msg}"[:300],
                )
            except (TwilioException, OSError) as error:  # requests errors are OSErrors
                if _never_connected(error) and attempt < self._max_attempts:
                    # No connection was made, so Twilio cannot have the message: a
                    # network blip costs a retry after a pause, not the resident's message.
                    delay = min(self._backoff_cap, self._backoff_base * 2 ** (attempt - 1))
                    log.info(
                        "Twilio unreachable (%s); retrying in %.1fs", type(error).__name__, delay
                    )
                    self._sleep(delay)
                    continue
                # Any other transport failure: Twilio may or may not have the message,
                # and retrying could send twice. Report it; do not retry.
                return SendResult(
                    outcome=Outcome.FAILED,
                    attempts=attempt,
                    error=f"transport error, delivery unknown: {error}"[:300],
                )
            return SendResult(outcome=Outcome.SENT, attempts=attempt, sid=sid, status=status)


def _never_connected(error: BaseException) -> bool:
    """Whether the request never reached Twilio (a refused or timed-out connection, or a
    name that did not resolve), as opposed to one cut off after it was sent."""
    from requests.exceptions import ConnectionError as RequestsConnectionError
    from requests.exceptions import ConnectTimeout
    from urllib3.exceptions import NewConnectionError

    if isinstance(error, ConnectTimeout):
        return True
    if isinstance(error, RequestsConnectionError) and error.args:
        return isinstance(getattr(error.args[0], "reason", None), NewConnectionError)
    return False


def _classify(code: int | None) -> Outcome:
    if code in INVALID_NUMBER_CODES:
        return Outcome.INVALID
    if code in OPTED_OUT_CODES:
        return Outcome.OPTED_OUT
    return Outcome.FAILED
