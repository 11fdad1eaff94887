"""Twilio's REST API at the HTTP layer: records requests, answers as Twilio does."""

from __future__ import annotations

import json
import logging
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from twilio.http import HttpClient
from twilio.http.response import Response
from twilio.rest import Client

ACCOUNT_SID = "AC" + "0123456789abcdef" * 2


class SimulatedCrash(BaseException):
    """The process dies (kill -9, power cut): nothing after this line runs."""


@dataclass(frozen=True)
class RecordedRequest:
    method: str
    uri: str
    data: dict[str, str]
    at: float


class FakeTime:
    """A monotonic clock, its sleep, and the wall clock, all driven by the test."""

    def __init__(self, start: datetime) -> None:
        self.elapsed = 0.0
        self.start = start
        self.sleeps: list[float] = []

    def monotonic(self) -> float:
        return self.elapsed

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.elapsed += seconds

    def now(self) -> datetime:
        return (self.start + timedelta(seconds=self.elapsed)).astimezone(UTC)


class RecordingTwilioApi(HttpClient):  # type: ignore[misc]
    def __init__(self, clock: Callable[[], float] = lambda: 0.0) -> None:
        super().__init__(logger=logging.getLogger("fake-twilio"), is_async=False)
        self.requests: list[RecordedRequest] = []
        self._script: list[tuple[int, int | None]] = []
        self._clock = clock
        self.crash_on_request: int | None = None  # 1-based request number
        # Network failures the HTTP layer raises instead of answering (requests' errors).
        self._errors: list[BaseException] = []

    def fail_next(self, status: int, code: int | None = None, times: int = 1) -> None:
        self._script.extend([(status, code)] * times)

    def raise_next(self, error: BaseException) -> None:
        self._errors.append(error)

    def message_requests(self) -> list[RecordedRequest]:
        return [r for r in self.requests if r.uri.endswith("/Messages.json")]

    def request(
        self,
        method: str,
        uri: str,
        params: dict[str, object] | None = None,
        data: dict[str, object] | None = None,
        headers: dict[str, str] | None = None,
        auth: tuple[str, str] | None = None,
        timeout: float | None = None,
        allow_redirects: bool = False,
    ) -> Response:
        assert auth is not None and auth[0] == ACCOUNT_SID, "requests carry the account's auth"
        record = RecordedRequest(
            method, uri, {k: str(v) for k, v in (data or {}).items()}, self._clock()
        )
        self.requests.append(record)
        if self._errors:
            raise self._errors.pop(0)
        if self._script:
            status, code = self._script.pop(0)
            return Response(status, json.dumps(_error(status, code)))
        response = Response(201, json.dumps(_message(uri, record.data)))
        if self.crash_on_request == len(self.requests):
            # Twilio accepted the message; we die before hearing the answer.
            raise SimulatedCrash
        return response


def _error(status: int, code: int | None) -> dict[str, Any]:
    return {
        "code": code,
        "message": {429: "Too Many Requests", 503: "Service Unavailable"}.get(status, "Error"),
        "more_info": f"https://www.twilio.com/docs/errors/{code}",
        "status": status,
    }


def _message(uri: str, data: dict[str, str]) -> dict[str, Any]:
    sid = "SM" + secrets.token_hex(16)
    now = datetime.now(UTC).strftime("%a, %d %b %Y %H:%M:%S +0000")
    return {
        "account_sid": ACCOUNT_SID,
        "api_version": "2010-04-01",
        "body": data.get("Body", ""),
        "date_created": now,
        "date_sent": None,
        "date_updated": now,
        "direction": "outbound-api",
        "error_code": None,
        "error_message": None,
        "from": data.get("From"),
        "messaging_service_sid": data.get("MessagingServiceSid"),
        "num_media": "0",
        "num_segments": "1",
        "price": None,
        "price_unit": "GBP",
        "sid": sid,
        "status": "accepted" if "MessagingServiceSid" in data else "queued",
        "subresource_uris": {"media": f"{uri[:-5]}/{sid}/Media.json"},
        "to": data.get("To"),
        "uri": f"/2010-04-01/Accounts/{ACCOUNT_SID}/Messages/{sid}.json",
    }


def client_for(api: RecordingTwilioApi) -> Client:
    return Client(ACCOUNT_SID, "auth-token-for-tests", http_client=api)
