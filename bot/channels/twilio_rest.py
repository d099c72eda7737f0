"""Outbound texts through Twilio's REST API, with the official `twilio` client, without blocking.

Credentials come only from the environment: TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN, and either
TWILIO_NUMBER or TWILIO_MESSAGING_SERVICE_SID. TWILIO_API_BASE_URL sends the calls to another
server (a mock, a staging proxy, the tests' recording server) instead of api.twilio.com.
"""

from __future__ import annotations

import asyncio
import logging
import os

from twilio.base.exceptions import TwilioRestException
from twilio.http.async_http_client import AsyncTwilioHttpClient
from twilio.rest import Client

logger = logging.getLogger(__name__)

RETRY_DELAYS = (0.5, 1.0, 2.0, 4.0)  # seconds between attempts on 429 and 5xx


def _retryable(exc: Exception) -> bool:
    if isinstance(exc, TwilioRestException):
        return exc.status == 429 or exc.status >= 500
    return isinstance(exc, (OSError, asyncio.TimeoutError))


class TwilioSender:
    def __init__(self) -> None:
        self.account_sid = os.environ.get("TWILIO_ACCOUNT_SID", "")
        self.auth_token = os.environ.get("TWILIO_AUTH_TOKEN", "")
        self.number = os.environ.get("TWILIO_NUMBER", "")
        self.messaging_service_sid = os.environ.get("TWILIO_MESSAGING_SERVICE_SID", "")
        self.base_url = os.environ.get("TWILIO_API_BASE_URL", "").strip().rstrip("/")
        self._client: Client | None = None

    @property
    def configured(self) -> bool:
        return bool(self.account_sid and self.auth_token and (self.number or self.messaging_service_sid))

    def _get_client(self) -> Client:
        # Built on first use, inside the running event loop the aiohttp session belongs to.
        if self._client is None:
            client = Client(self.account_sid, self.auth_token, http_client=AsyncTwilioHttpClient(timeout=10))
            if self.base_url:
                client.api.base_url = self.base_url
            self._client = client
        return self._client

    async def send(self, to: str, body: str) -> str | None:
        """Sends one SMS; returns its SID, or None after a permanent error (logged)."""
        if not self.configured:
            logger.error("SMS to %s not sent: set TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN and TWILIO_NUMBER "
                         "(or TWILIO_MESSAGING_SERVICE_SID)", to)
            return None
        sender = ({"messaging_service_sid": self.messaging_service_sid} if self.messaging_service_sid
                  else {"from_": self.number})
        for attempt, delay in enumerate((*RETRY_DELAYS, None), start=1):
            try:
                message = await self._get_client().messages.create_async(to=to, body=body, **sender)
                return message.sid
            except Exception as exc:  # noqa: BLE001 - classified below, never swallowed silently
                if delay is None or not _retryable(exc):
                    logger.error("SMS to %s failed for good after %d attempt(s): %s", to, attempt, exc)
                    return None
                logger.warning("SMS to %s: attempt %d failed (%s); retrying in %.1f s", to, attempt, exc, delay)
                await asyncio.sleep(delay)
        return None
