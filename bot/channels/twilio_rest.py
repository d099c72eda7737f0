"""Outbound texts through Twilio's REST API, with the official `twilio` client, without blocking.

Credentials come only from the environment: TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN, and either
TWILIO_NUMBER or TWILIO_MESSAGING_SERVICE_SID. TWILIO_API_BASE_URL sends the calls to another
server (a mock, a staging proxy, the tests' recording server) instead of api.twilio.com.

When to try again. Creating a message is not idempotent: Twilio has no idempotency key for it,
so a second POST of a message Twilio already accepted texts the owner twice (a booking
confirmation twice, a "reply STOP" twice). A send is therefore retried only when Twilio cannot
have accepted it:
- Twilio answered 429 Too Many Requests: it refused the request and queued nothing;
- the request never left this machine: the connection could not be made (refused, DNS, a
  connect that timed out). The async client lets aiohttp's errors through unchanged
  (twilio/http/async_http_client.py), and a connection refused and a read timeout are both just
  aiohttp errors, so the sender watches aiohttp's "request headers sent" signal instead of
  guessing from the exception's type.
Everything else after the request was sent is final: a timeout or a dropped connection while
waiting for the answer, and a 5xx answer (Twilio's docs: the request may or may not have been
processed). Those are logged as "may or may not have been sent", for a person to check in
Twilio's message log, rather than risking a duplicate text. A 4xx other than 429 is a permanent
error (a bad number, an opted-out recipient) and is logged as one.
"""

from __future__ import annotations

import asyncio
import contextvars
import logging
import os
from types import SimpleNamespace

import aiohttp
from twilio.base.exceptions import TwilioRestException
from twilio.http.async_http_client import AsyncTwilioHttpClient
from twilio.rest import Client

logger = logging.getLogger(__name__)

RETRY_DELAYS = (0.5, 1.0, 2.0, 4.0)  # seconds between attempts Twilio cannot have taken
TIMEOUT = 10.0  # seconds for one attempt, connecting included

# The attempt in progress in this task; aiohttp's trace signal marks it once the request leaves.
_attempt: contextvars.ContextVar[SimpleNamespace] = contextvars.ContextVar("twilio_attempt")


async def _request_leaving(_session: object, _ctx: object, _params: object) -> None:
    attempt = _attempt.get(None)
    if attempt is not None:
        attempt.sent = True


class _HttpClient(AsyncTwilioHttpClient):
    """twilio's async client with its timeout applied: twilio 8.2 stores the constructor's timeout
    but passes only the per-request one (always None from `messages.create_async`) to aiohttp,
    which then waits forever on a server that accepts the connection and never answers."""

    def __init__(self, timeout: float) -> None:
        trace = aiohttp.TraceConfig()
        # aiohttp's Signal annotation wraps the callback type once too often; the callback has the documented form.
        trace.on_request_headers_sent.append(_request_leaving)  # type: ignore[arg-type]
        super().__init__(timeout=timeout, trace_configs=[trace])

    async def request(self, *args, timeout: float | None = None, **kwargs):
        return await super().request(*args, timeout=timeout or self.timeout, **kwargs)


def _verdict(exc: Exception, sent: bool) -> str:
    """'retry', 'unknown' (may or may not have been sent) or 'failed' (certainly not sent)."""
    if isinstance(exc, TwilioRestException):
        if exc.status == 429:
            return "retry"
        return "unknown" if exc.status >= 500 else "failed"
    if isinstance(exc, (aiohttp.ClientError, asyncio.TimeoutError)):
        return "unknown" if sent else "retry"
    return "unknown" if sent else "failed"  # not a network error: a bug, never retried


class TwilioSender:
    def __init__(self, *, timeout: float = TIMEOUT) -> None:
        self.account_sid = os.environ.get("TWILIO_ACCOUNT_SID", "")
        self.auth_token = os.environ.get("TWILIO_AUTH_TOKEN", "")
        self.number = os.environ.get("TWILIO_NUMBER", "")
        self.messaging_service_sid = os.environ.get("TWILIO_MESSAGING_SERVICE_SID", "")
        self.base_url = os.environ.get("TWILIO_API_BASE_URL", "").strip().rstrip("/")
        self.timeout = timeout
        self._client: Client | None = None

    @property
    def configured(self) -> bool:
        return bool(self.account_sid and self.auth_token and (self.number or self.messaging_service_sid))

    def _get_client(self) -> Client:
        # Built on first use, inside the running event loop the aiohttp session belongs to.
        if self._client is None:
            client = Client(self.account_sid, self.auth_token, http_client=_HttpClient(self.timeout))
            if self.base_url:
                client.api.base_url = self.base_url
            self._client = client
        return self._client

    async def send(self, to: str, body: str) -> str | None:
        """Sends one SMS; returns its SID, or None when it was not sent or may not have been (logged).
        Retried with backoff only where Twilio cannot have accepted it (see the module docstring)."""
        if not self.configured:
            logger.error(
                "SMS to %s not sent: set TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN and TWILIO_NUMBER "
                "(or TWILIO_MESSAGING_SERVICE_SID)",
                to,
            )
            return None
        sender = (
            {"messaging_service_sid": self.messaging_service_sid}
            if self.messaging_service_sid
            else {"from_": self.number}
        )
        for attempt_no, delay in enumerate((*RETRY_DELAYS, None), start=1):
            attempt = SimpleNamespace(sent=False)
            token = _attempt.set(attempt)
            try:
                message = await self._get_client().messages.create_async(to=to, body=body, **sender)
                return message.sid
            except Exception as exc:  # noqa: BLE001 - classified below, never swallowed silently
                verdict = _verdict(exc, attempt.sent)
                reason = str(exc) or type(exc).__name__
            finally:
                _attempt.reset(token)
            if verdict == "unknown":
                logger.error(
                    "SMS to %s may or may not have been sent (attempt %d: %s); not retried, so the "
                    "owner never gets it twice: check Twilio's message log",
                    to,
                    attempt_no,
                    reason,
                )
                return None
            if verdict == "failed" or delay is None:
                logger.error("SMS to %s failed for good after %d attempt(s): %s", to, attempt_no, reason)
                return None
            logger.warning(
                "SMS to %s: attempt %d was not accepted (%s); retrying in %.1f s", to, attempt_no, reason, delay
            )
            await asyncio.sleep(delay)
        return None
