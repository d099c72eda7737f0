"""Limits per client address on the public doors (the Twilio webhooks and web chat).

The webhooks must be reachable by anyone, so they prove nothing about who calls; what a
stranger can do there is bounded by these limits before any work is done. Twilio itself sends
from a pool of shared addresses, so a signed request gets a generous ceiling; a request that is
refused (unsigned, forged) or comes through the public web chat gets a tight one.

The counters live in this process (`limits`' moving window in memory): with several replicas
each enforces its own share, which is still a bound on a single stranger. Business limits
(bookings, identity tries, escalations) are counted in the recall database instead, where they
hold across replicas and restarts.
"""

from __future__ import annotations

import os

from limits import parse
from limits.storage import MemoryStorage
from limits.strategies import MovingWindowRateLimiter
from sanic import response
from sanic.request import Request
from sanic.response import HTTPResponse


def _limit(variable: str, default: str):
    """A limit like "30/minute" (limits' notation), from the environment or the default."""
    return parse(os.environ.get(variable, "").strip() or default)


# Twilio's shared sending addresses: a ceiling well above a busy campaign's traffic per address.
SIGNED = _limit("RECALLBOT_LIMIT_SIGNED", "600/minute")
# What a stranger may send that is refused: enough for a developer's few mistakes, not a flood.
REFUSED = _limit("RECALLBOT_LIMIT_REFUSED", "20/minute")
# Web chat is open to anyone: a person types far fewer messages than this.
WEB_CHAT = _limit("RECALLBOT_LIMIT_WEB_CHAT", "30/minute")

# limits 2.x keeps only a weak reference to its storage: this module holds the strong one.
_storage = MemoryStorage()
_limiter = MovingWindowRateLimiter(_storage)


def client_address(request: Request) -> str:
    """The caller's address: the socket's peer, or the first X-Forwarded-For hop when a trusted
    reverse proxy in front says so (RECALLBOT_TRUST_PROXY=1: set it only behind such a proxy,
    which must overwrite the header; anyone can send one)."""
    if os.environ.get("RECALLBOT_TRUST_PROXY", "").lower() in ("1", "true", "yes"):
        forwarded = (request.headers.get("x-forwarded-for") or "").split(",")[0].strip()
        if forwarded:
            return forwarded
    return request.ip or "unknown"


def allow(limit, door: str, key: str) -> bool:
    """Counts one request of `key` at `door`; False when over the limit."""
    return _limiter.hit(limit, door, key)


def too_many(retry_after: int = 60) -> HTTPResponse:
    return response.text(
        "Too many requests. Please wait a minute and try again.", status=429, headers={"Retry-After": str(retry_after)}
    )


def reset() -> None:
    """Forget every counter (tests that start a fresh window)."""
    _storage.reset()
