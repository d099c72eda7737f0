"""Is this request really from Twilio? The X-Twilio-Signature check, shared by SMS and voice.

Twilio signs the public URL it called plus the POST parameters with the account's auth token.
Behind a proxy the URL the server sees differs, so the operator sets RECALLBOT_PUBLIC_URL (e.g.
https://bot.dealer.example) and the signed URL is that plus the request's path and query.
"""

from __future__ import annotations

import ipaddress
import logging
import os
from urllib.parse import parse_qs

from sanic import response
from sanic.request import Request
from sanic.response import HTTPResponse
from twilio.request_validator import RequestValidator

from bot import throttle

logger = logging.getLogger(__name__)


def skip_signature_check() -> bool:
    """Only for local development with a tool that cannot sign; never set in production."""
    return os.environ.get("RECALLBOT_TWILIO_SKIP_SIGNATURE", "").lower() in ("1", "true", "yes")


def skip_signature_refusal(interface: str) -> str | None:
    """Why Rasa must not start listening on `interface`, or None when it may.

    With the check off anyone who reaches the webhooks can text as any phone number, and the
    owner's number is what proves who they are. So it is allowed only where that cannot matter:
    Rasa reachable from this machine only, and no real Twilio account (an auth token means
    Twilio, hence the internet, is meant to reach it)."""
    if not skip_signature_check():
        return None
    problems = []
    if not _is_loopback(interface):
        problems.append(f"Rasa would listen on {interface}, not on this machine only (RECALLBOT_RASA_INTERFACE)")
    if os.environ.get("TWILIO_AUTH_TOKEN", "").strip():
        problems.append("TWILIO_AUTH_TOKEN is set")
    if not problems:
        return None
    return (
        "RECALLBOT_TWILIO_SKIP_SIGNATURE turns the Twilio signature check off, for local development only, but "
        + " and ".join(problems)
        + ". Refusing to start: unset RECALLBOT_TWILIO_SKIP_SIGNATURE."
    )


def _is_loopback(host: str) -> bool:
    if host.strip().lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip().strip("[]")).is_loopback
    except ValueError:
        return False  # a host name: it may well resolve to a public address


def signed_url(request: Request) -> str:
    public = os.environ.get("RECALLBOT_PUBLIC_URL", "").strip().rstrip("/")
    if not public:
        return request.url
    query = f"?{request.query_string}" if request.query_string else ""
    return f"{public}{request.path}{query}"


def form_params(request: Request) -> dict[str, str]:
    """The POST parameters exactly as Twilio signed them. Sanic's `request.form` drops empty
    values (an MMS arrives with Body=""), which would break the signature and lose fields."""
    if (request.content_type or "").split(";")[0].strip() != "application/x-www-form-urlencoded":
        return {}
    try:
        parsed = parse_qs(request.body.decode("utf-8"), keep_blank_values=True)
    except (UnicodeDecodeError, ValueError):
        return {}
    return {key: values[0] for key, values in parsed.items()}


def refuse_unsigned(request: Request, what: str) -> HTTPResponse | None:
    """403 (and a log line) for a webhook Twilio did not sign, 429 for an address over its limit
    (bot.throttle); None when the request may go on."""
    address = throttle.client_address(request)
    if is_from_twilio(request):
        if throttle.allow(throttle.SIGNED, f"twilio-{what}", address):
            return None
        logger.warning("%s webhook: %s is over the limit of signed requests", what, address)
        return throttle.too_many()
    if not throttle.allow(throttle.REFUSED, "twilio-refused", address):
        return throttle.too_many()
    logger.warning("%s webhook: missing or invalid X-Twilio-Signature from %s", what, address)
    return response.text("Forbidden: invalid Twilio signature", status=403)


def is_from_twilio(request: Request) -> bool:
    if skip_signature_check():
        logger.warning("Twilio signature check is OFF (RECALLBOT_TWILIO_SKIP_SIGNATURE): development only")
        return True
    token = os.environ.get("TWILIO_AUTH_TOKEN", "")
    signature = request.headers.get("X-Twilio-Signature", "")
    if not token or not signature:
        return False
    return RequestValidator(token).validate(signed_url(request), form_params(request), signature)
