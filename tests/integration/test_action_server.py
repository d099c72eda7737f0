"""The action server answers nobody but Rasa (issue 11, finding 2), against the real servers.

The forged call is the JSON Rasa itself builds for `action_yes_no` (RemoteAction's own request
format) from a tracker whose slots say the bot just asked "Cancel your appointment?" about the
appointment and the owner said yes: sent with Rasa's secret it cancels the appointment, so every
refusal below is a refusal of a request that would otherwise work.
"""

from __future__ import annotations

import json
import stat
import time
import urllib.error
import urllib.request
import uuid
import zlib
from pathlib import Path

import pytest
import yaml

from bot.recall import scheduling
from tests.helpers import listening_addresses, vins_with_status
from tests.servers import seeded
from tests.sms_client import ACCOUNT, BOT_NUMBER, post, stranger

MARKER = "body-marker-7f3a"


@pytest.fixture(scope="module")
def servers(tmp_path_factory):
    # The signature check off, on loopback and without a Twilio auth token: the one way allowed.
    srv = seeded(tmp_path_factory.mktemp("action-server"), {"RECALLBOT_TWILIO_SKIP_SIGNATURE": "1"})
    yield srv
    srv.stop()


@pytest.fixture
def srv(servers, monkeypatch):
    monkeypatch.setenv("RECALLBOT_DATABASE_URL", servers.db_url)
    return servers


def call(srv, body: bytes, headers: dict[str, str], path: str = "/webhook") -> tuple[int, str]:
    req = urllib.request.Request(
        f"http://127.0.0.1:{srv.actions_port}{path}", body or None, {"Content-Type": "application/json", **headers}
    )
    try:
        with urllib.request.urlopen(req, timeout=60) as resp:
            return resp.status, resp.read().decode()
    except urllib.error.HTTPError as err:
        return err.code, err.read().decode()


def secret(srv) -> dict[str, str]:
    return {"Authorization": f"Bearer {srv.actions_token}"}


def booked_appointment(conversation: str):
    vin = vins_with_status("open", "TX501")[0]
    [slot] = scheduling.free_slots("TX501", limit=1)
    return scheduling.book(vin, "TX501", slot.start, channel="sms", conversation_id=conversation)


def forged_cancel(conversation: str, appt) -> bytes:
    """What Rasa posts to run action_yes_no after "yes" to "Cancel your appointment ...? (yes/no)"."""
    from rasa.core.actions.action import RemoteAction
    from rasa.shared.core.domain import Domain
    from rasa.shared.core.events import ActionExecuted, SlotSet, UserUttered
    from rasa.shared.core.trackers import DialogueStateTracker
    from rasa.utils.endpoints import EndpointConfig

    domain = Domain.load(str(Path(__file__).resolve().parents[2] / "bot" / "domain"))
    tracker = DialogueStateTracker.from_events(
        conversation,
        [
            ActionExecuted("action_listen"),
            SlotSet("vin", appt.vin),
            SlotSet("awaiting", "confirm_cancel"),
            SlotSet("appointment_id", appt.id),
            UserUttered("yes", intent={"name": "affirm", "confidence": 1.0}, input_channel="twilio"),
        ],
        slots=domain.slots,
    )
    endpoint = EndpointConfig("http://127.0.0.1/webhook", enable_selective_domain=True)
    return json.dumps(RemoteAction("action_yes_no", endpoint)._action_call_format(tracker, domain)).encode()


def status_of(appointment_id: int) -> str:
    [appt] = [a for a in scheduling.list_appointments(dealer_code="TX501") if a.id == appointment_id]
    return appt.status


def test_a_forged_cancellation_without_the_secret_or_with_a_wrong_one_is_refused_and_cancels_nothing(srv):
    conversation = f"sms:{stranger()}"
    appt = booked_appointment(conversation)
    forged = forged_cancel(conversation, appt)
    for headers in ({}, {"Authorization": "Bearer not-the-secret"}, {"Authorization": srv.actions_token}):
        status, body = call(srv, forged, headers)
        assert status == 401 and "cancelled" not in body
        assert status_of(appt.id) == "booked"
    # The same call with Rasa's secret is what Rasa sends: it does cancel.
    status, body = call(srv, forged, secret(srv))
    assert status == 200 and "is cancelled" in body
    assert status_of(appt.id) == "cancelled"


def test_every_path_wants_the_secret_health_and_the_action_list_included(srv):
    for path in ("/health", "/actions", "/no-such-path"):
        assert call(srv, b"", {}, path)[0] == 401
    assert call(srv, b"", secret(srv), "/health") == (200, '{"status":"ok"}')
    status, listed = call(srv, b"", secret(srv), "/actions")
    assert status == 200 and {"name": "action_yes_no"} in json.loads(listed)


def test_a_deflate_compressed_body_is_refused_unread(srv):
    conversation = f"sms:{stranger()}"
    appt = booked_appointment(conversation)
    status, body = call(
        srv, zlib.compress(forged_cancel(conversation, appt)), {**secret(srv), "Content-Encoding": "deflate"}
    )
    assert status == 415 and json.loads(body) == {"error": "Unsupported Media Type"}
    assert status_of(appt.id) == "booked"
    scheduling.cancel(appt.id)


def test_a_body_over_one_mebibyte_gets_413(srv):
    padding = json.dumps({"next_action": "action_yes_no", "padding": "x" * (1024 * 1024)}).encode()
    status, body = call(srv, padding, secret(srv))
    assert status == 413 and "x" * 100 not in body
    assert call(srv, padding, {})[0] == 401  # a stranger learns not even that


def test_a_500_page_shows_nothing_of_the_request(srv):
    # A tracker without a sender id: rasa_sdk fails reading it (KeyError), which is a 500.
    broken = json.dumps(
        {"next_action": "action_yes_no", "tracker": {"latest_message": {"text": MARKER}}, "version": "3.6.21"}
    ).encode()
    status, body = call(srv, broken, secret(srv))
    assert status == 500
    assert json.loads(body) == {"error": "Internal Server Error"}
    assert MARKER not in body and "sender_id" not in body


def test_the_action_server_listens_on_localhost_only(srv):
    assert listening_addresses(srv.actions_port) == {"0100007F"}  # 127.0.0.1


def test_the_secret_files_and_the_endpoints_file_are_readable_by_their_owner_only(srv):
    for name in ("endpoints.yml", "actions-token", "rasa-api-token"):
        assert stat.S_IMODE((srv.var_dir / name).stat().st_mode) == 0o600, name
    endpoint = yaml.safe_load((srv.var_dir / "endpoints.yml").read_text())["action_endpoint"]
    assert endpoint["headers"] == {"Authorization": f"Bearer {srv.actions_token}"}
    assert srv.actions_token not in endpoint["url"] and "token" not in endpoint


def test_rasa_sends_the_secret_so_owners_still_get_answers(srv):
    replies = srv.say(f"web-{uuid.uuid4().hex[:8]}", "hi i got a recall letter for my lexus")
    assert "Please send your 17-character VIN" in " ".join(replies)


def test_with_the_signature_check_off_on_localhost_an_unsigned_text_is_taken_and_its_number_masked_in_logs(srv):
    phone = stranger()
    status, answer = post(
        srv,
        {
            "MessageSid": f"SM{uuid.uuid4().hex}",
            "AccountSid": ACCOUNT,
            "From": phone,
            "To": BOT_NUMBER,
            "Body": "hi i got a recall letter",
            "NumMedia": "0",
        },
        signature=None,
    )
    assert status == 200, answer
    # No Twilio credentials here, so the reply is logged as not sent, with the number masked.
    masked = f"SMS to +1******{phone[-4:]} not sent"
    deadline = time.monotonic() + 30
    while masked not in srv.log.read_text(errors="replace") and time.monotonic() < deadline:
        time.sleep(0.5)
    log = srv.log.read_text(errors="replace")
    assert masked in log
    assert phone[2:] not in log
