"""Is this request really from Twilio? The X-Twilio-Signature check, shared by SMS and voice.

Twilio signs the public URL it called plus the POST parameters with the account's auth token.
Behind a proxy the URL the server sees differs, so the operator sets RECALLBOT_PUBLIC_URL (e.g.
https://bot.dealer.example) and the signed URL is that plus the request's path and query.
"""

from __future__ import annotations

import logging
import os
from urllib.parse import parse_qs

from sanic import response
from sanic.request import Request
from sanic.response import HTTPResponse
from twilio.request_validator import RequestValidator

logger = logging.getLogger(__name__)


def skip_signature_check() -> bool:
    """Only for local development with a tool that cannot sign; never set in production."""
    return os.environ.get("RECALLBOT_TWILIO_SKIP_SIGNATURE", "").lower() in ("1", "true", "yes")


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
    """403 (and a log line) for a webhook Twilio did not sign; None when it did."""
    if is_from_twilio(request):
        return None
    logger.warning("%s webhook: missing or invalid X-Twilio-Signature from %s", what, request.ip)
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
