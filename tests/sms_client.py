"""An owner's phone for the tests: SMS webhooks signed with Twilio's RequestValidator, as Twilio
sends them, and the servers' Twilio settings pointing replies at a recording server."""

from __future__ import annotations

import urllib.error
import urllib.parse
import urllib.request
import uuid
import xml.etree.ElementTree as ET

from twilio.request_validator import RequestValidator

from tests.twilio_recorder import Recorder

ACCOUNT = "AC" + "0" * 32
TOKEN = "test-auth-token"
PUBLIC = "https://bot.dealer.example"
PATH = "/webhooks/twilio/webhook"
BOT_NUMBER = "+15005550006"


def twilio_env(recorder: Recorder) -> dict[str, str]:
    """The servers' Twilio settings: this account, signatures against PUBLIC, texts to the recorder."""
    return {
        "TWILIO_ACCOUNT_SID": ACCOUNT,
        "TWILIO_AUTH_TOKEN": TOKEN,
        "TWILIO_NUMBER": BOT_NUMBER,
        "TWILIO_API_BASE_URL": recorder.url,
        "RECALLBOT_PUBLIC_URL": PUBLIC,
    }


def sign(params: dict, url: str = PUBLIC + PATH, token: str = TOKEN) -> str:
    return RequestValidator(token).compute_signature(url, params)


def post(srv, params: dict, signature: str | None = "auto") -> tuple[int, str]:
    if signature == "auto":
        signature = sign(params)
    headers = {"Content-Type": "application/x-www-form-urlencoded"}
    if signature is not None:
        headers["X-Twilio-Signature"] = signature
    req = urllib.request.Request(srv.url + PATH, urllib.parse.urlencode(params).encode(), headers)
    try:
        with urllib.request.urlopen(req, timeout=60) as resp:
            return resp.status, resp.read().decode()
    except urllib.error.HTTPError as err:
        return err.code, err.read().decode()


def text(srv, phone: str, body: str, **extra) -> dict:
    params = {
        "MessageSid": f"SM{uuid.uuid4().hex}",
        "AccountSid": ACCOUNT,
        "From": phone,
        "To": BOT_NUMBER,
        "Body": body,
        "NumMedia": "0",
        **extra,
    }
    status, answer = post(srv, params)
    assert status == 200, answer
    assert ET.fromstring(answer).tag == "Response"  # valid, empty TwiML: replies go by REST
    return params


def stranger() -> str:
    return f"+1312555{uuid.uuid4().int % 10000:04d}"
