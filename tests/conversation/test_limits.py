"""Limits per client address on the public doors (issue 11, finding 8), on real servers started
with small limits: web chat and refused (unsigned) webhook calls are cut off with 429 and
Retry-After, while signed Twilio traffic has its own, larger allowance."""

from __future__ import annotations

import json
import urllib.error
import urllib.request
import uuid

import pytest

from tests.servers import seeded
from tests.sms_client import BOT_NUMBER, post, stranger, text, twilio_env

LIMIT = 5


@pytest.fixture(scope="module")
def strict(tmp_path_factory, recorder):
    srv = seeded(
        tmp_path_factory.mktemp("limits"),
        {
            **twilio_env(recorder),
            "RECALLBOT_LIMIT_WEB_CHAT": f"{LIMIT}/minute",
            "RECALLBOT_LIMIT_REFUSED": f"{LIMIT}/minute",
        },
    )
    yield srv
    srv.stop()


def chat(srv, message: str) -> tuple[int, dict]:
    req = urllib.request.Request(
        f"{srv.url}/webhooks/rest/webhook",
        json.dumps({"message": message}).encode(),
        {"Content-Type": "application/json"},
    )
    try:
        with urllib.request.urlopen(req, timeout=60) as resp:
            return resp.status, dict(resp.headers)
    except urllib.error.HTTPError as err:
        return err.code, dict(err.headers)


def test_web_chat_from_one_address_is_cut_off_politely(strict):
    answers = [chat(strict, "hi") for _ in range(LIMIT + 2)]
    assert [status for status, _ in answers] == [200] * LIMIT + [429, 429]
    assert answers[-1][1]["Retry-After"] == "60"


def test_refused_webhook_calls_are_cut_off_but_twilio_still_gets_through(strict, recorder):
    forged = {"MessageSid": f"SM{uuid.uuid4().hex}", "From": stranger(), "To": BOT_NUMBER, "Body": "hi"}
    statuses = [post(strict, forged, signature="forged")[0] for _ in range(LIMIT + 2)]
    assert statuses == [403] * LIMIT + [429, 429]
    phone = stranger()
    text(strict, phone, "what is this recall about")  # signed: its own allowance
    assert "Safety Recall BLC" in " ".join(recorder.wait_for(phone, 1))
