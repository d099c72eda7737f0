"""Owners handed to dealer staff over SMS, through the real servers: the escalation recorded, what the
owner is told, the text to the dealer's escalation contact, the paused conversation and its resumption
through Rasa's HTTP API."""

from __future__ import annotations

import http.cookiejar
import json
import urllib.parse
import urllib.request
from datetime import datetime, timezone

import pytest

from actions.replies import staff_reply_time
from bot.channels.twilio_sms import with_staff
from bot.messages import render
from bot.recall import dealers, escalations
from tests import helpers
from tests.servers import seeded
from tests.sms_client import stranger, text, twilio_env

RASA_TOKEN = "handoff-test-token"
CONSOLE = "https://console.dealer.example"


@pytest.fixture(scope="module")
def handoff_servers(tmp_path_factory, recorder):
    srv = seeded(
        tmp_path_factory.mktemp("handoff"),
        {**twilio_env(recorder), "RECALLBOT_RASA_TOKEN": RASA_TOKEN, "RECALLBOT_CONSOLE_URL": CONSOLE},
    )
    yield srv
    srv.stop()


@pytest.fixture
def srv(handoff_servers, monkeypatch):
    monkeypatch.setenv("RECALLBOT_DATABASE_URL", handoff_servers.db_url)
    return handoff_servers


def api(srv, conversation_id: str, suffix: str, events: list[dict] | None = None) -> dict:
    """Rasa's HTTP API, as the staff console calls it (token in the query)."""
    # Sanic hands Rasa the path undecoded: "%2B1214..." would name another conversation than "+1214...".
    url = f"{srv.url}/conversations/{urllib.parse.quote(conversation_id, safe='+:')}/{suffix}?token={RASA_TOKEN}"
    body = json.dumps(events).encode() if events is not None else None
    req = urllib.request.Request(url, body, {"Content-Type": "application/json"})
    with urllib.request.urlopen(req, timeout=30) as resp:
        return json.load(resp)


def escalation_of(conversation_id: str):
    [esc] = [e for e in escalations.list_escalations() if e.conversation_id == conversation_id]
    return esc


def owner_on_file(dealer_code: str) -> str:
    """The phone number of an owner whose one open vehicle that dealer serviced last."""
    return helpers.owner_on_file(dealer_code)[0]


def test_an_owner_who_asks_for_a_person_gets_the_dealer_then_silence_until_staff_hand_back(srv, recorder):
    phone = owner_on_file("TX501")
    dealer = dealers.get("TX501")
    before = render(staff_reply_time(dealer, datetime.now(timezone.utc)))
    text(srv, phone, "can i talk to a real person please")
    after = render(staff_reply_time(dealer, datetime.now(timezone.utc)))
    [told] = recorder.wait_for(phone, 1)
    assert "Preston Lexus (demo)" in told and (before in told or after in told)
    assert "right here in this text thread" in told

    esc = escalation_of(f"sms:{phone}")
    assert (esc.dealer_code, esc.reason, esc.priority, esc.channel, esc.status) == (
        "TX501",
        "requested_person",
        "normal",
        "sms",
        "open",
    )
    assert esc.summary == "can i talk to a real person please"
    [alert] = recorder.wait_for(dealer.escalation_phone, 1)
    assert alert == (
        f"Lexus recall BLC: Escalation #{esc.id} from an owner (SMS, asked for a person). "
        f"Open: {CONSOLE}/escalations/{esc.id}"
    )

    text(srv, phone, "hello? is anyone there")
    # Paused: the bot does not answer, but the owner hears once that a person has the message.
    assert recorder.wait_for(phone, 2) == [told, render(with_staff("Preston Lexus (demo)"))]
    text(srv, phone, "hello???")
    assert len(recorder.wait_for(phone, 3, timeout=3)) == 2  # once, not after every message
    tracker = api(srv, f"sms:{phone}", "tracker")
    assert tracker["paused"] is True
    owner_said = [e.get("text") for e in tracker["events"] if e["event"] == "user"]
    assert "hello? is anyone there" in owner_said and "hello???" in owner_said

    api(srv, f"sms:{phone}", "tracker/events", [{"event": "resume"}])  # what the console's hand-back posts
    text(srv, phone, "what is this recall about")
    assert "Safety Recall BLC" in recorder.wait_for(phone, 3)[2]


def test_an_angry_legal_message_is_a_high_priority_complaint(srv, recorder):
    phone = stranger()
    text(srv, phone, "80224")
    assert "Front Range Lexus (demo)" in recorder.wait_for(phone, 1)[0]
    text(srv, phone, "this is bs, I'll call my lawyer")
    told = recorder.wait_for(phone, 3)[-1]
    assert told.startswith("I'm sorry about this.") and "Front Range Lexus (demo)" in told
    esc = escalation_of(f"sms:{phone}")
    assert (esc.reason, esc.priority, esc.dealer_code) == ("complaint", "high", "CO701")
    alert = recorder.wait_for(dealers.get("CO701").escalation_phone, 1)
    assert any(f"High-priority escalation #{esc.id}" in a and f"/escalations/{esc.id}" in a for a in alert)


def test_a_warning_sign_gets_the_safety_instruction_first_then_an_urgent_escalation(srv, recorder):
    phone = owner_on_file("IL301")
    text(srv, phone, "my car won't slow down, the gas pedal is stuck")
    safety, told = recorder.wait_for(phone, 2)
    assert "call 911" in safety and "do not drive the vehicle if the pedal does not return" in safety
    assert "Lakeshore Lexus (demo)" in told
    esc = escalation_of(f"sms:{phone}")
    assert (esc.reason, esc.priority, esc.dealer_code) == ("warning_sign", "urgent", "IL301")
    alerts = recorder.wait_for(dealers.get("IL301").escalation_phone, 1)
    assert (
        f"Lexus recall BLC: URGENT escalation #{esc.id} from an owner (SMS, pedal/warning sign). "
        f"Open: {CONSOLE}/escalations/{esc.id}" in alerts
    )


@pytest.mark.parametrize(
    "words",
    [
        "HELP my husband says the RX is speeding up by itself on the interstate",  # no intent for this in NLU
        "el acelerador se quedó pegado y no frena, ayuda",
    ],
)
def test_an_emergency_in_any_words_gets_the_safety_instruction_and_an_urgent_escalation(srv, recorder, words):
    phone = stranger()
    text(srv, phone, words)
    safety = recorder.wait_for(phone, 2)[0]
    assert "call 911" in safety
    esc = escalation_of(f"sms:{phone}")
    assert (esc.reason, esc.priority) == ("warning_sign", "urgent")


@pytest.mark.parametrize(
    ("dealer", "words"),
    [
        (
            "GA202",
            "this morning the gas pedal stuck for a few seconds, I got it loose and the car is parked at home now. what should I do?",
        ),
        (
            "WA801",
            "hoy en la mañana se me pegó el pedal pero ya lo solté y estoy en la casa, el carro está estacionado. qué hago?",
        ),
    ],
)
def test_a_pedal_that_stuck_earlier_today_gets_an_urgent_person_not_the_emergency_answer(srv, recorder, dealer, words):
    phone = owner_on_file(dealer)  # one owner per case: a hand-off pauses the bot in that conversation
    text(srv, phone, words)
    said = " ".join(recorder.wait_for(phone, 3))
    assert "glad you're safe" in said and "Do not drive the vehicle if the pedal does not return" in said
    assert "call 911" not in said  # not an emergency now
    assert "floor carpet" in said  # what happened is what the recall is about
    assert "they will contact you about what happened" in said
    esc = escalation_of(f"sms:{phone}")
    assert (esc.reason, esc.priority, esc.dealer_code) == ("pedal_sticks", "urgent", dealer)


def test_two_misses_in_a_row_go_to_the_dealer_team(srv, recorder):
    phone = stranger()
    text(srv, phone, "blorf zzkq")
    assert "didn't catch" in recorder.wait_for(phone, 1)[0]
    text(srv, phone, "wibble wobble frmp")
    told = recorder.wait_for(phone, 2)[1]
    assert "still not following" in told
    assert "A member of the Lexus dealer team will text you back, right here in this text thread." in told
    esc = escalation_of(f"sms:{phone}")
    assert (esc.reason, esc.priority, esc.dealer_code) == ("not_understood", "normal", None)
    assert not any(f"#{esc.id} " in m["Body"] for m in recorder.messages)  # no dealer, no alert


class BehindTls(http.cookiejar.DefaultCookiePolicy):
    """Sends Secure cookies over plain http, as the TLS proxy in front of the console would."""

    def return_ok_secure(self, cookie, request) -> bool:
        return True


def test_staff_read_only_their_escalations_window_and_cannot_write_once_handed_back(srv, recorder):
    """Finding 7: staff kept reading an owner's conversation after their escalation ended (later
    bot answers, another dealer's replies and appointments) and could re-pause it by replying."""
    from bot.recall import staff
    from tests.console_client import ConsoleClient

    phone = owner_on_file("IL301")
    text(srv, phone, "can i talk to a real person please")
    recorder.wait_for(phone, 1)
    esc = escalation_of(f"sms:{phone}")
    email = f"bo-{esc.id}@il301.example"
    staff.add(email, "Bo Park", "correct horse battery", dealer_code="IL301")
    bo = ConsoleClient(srv.console_url)
    bo.jar.set_policy(BehindTls())  # the console's cookies are Secure (https URL); the test calls it directly
    assert bo.login(email, "correct horse battery") == 303
    assert "talk to a real person" in bo.get(f"/escalations/{esc.id}/messages")[1]
    bo.get(f"/escalations/{esc.id}")
    assert bo.post(f"/escalations/{esc.id}/reply", {"text": "Hi, this is Bo at Lakeshore."})[0] == 303
    assert bo.post(f"/escalations/{esc.id}/hand-back")[0] == 303
    sent = len(recorder.wait_for(phone, 3))  # the first answer, Bo's reply, "You're back with the assistant"

    text(srv, phone, "what is this recall about, my neighbour said blue carpet")
    assert "Safety Recall BLC" in " ".join(recorder.wait_for(phone, sent + 1)[sent:])
    status, page, _ = bo.get(f"/escalations/{esc.id}")
    messages = bo.get(f"/escalations/{esc.id}/messages")[1]
    assert "talk to a real person" in messages and "Hi, this is Bo at Lakeshore." in messages
    assert "blue carpet" not in messages and "blue carpet" not in page  # after the hand-back: not Bo's
    count = len(recorder.to(phone))
    status, page, _ = bo.post(f"/escalations/{esc.id}/reply", {"text": "One more thing"})
    assert status == 409 and "Nothing was sent" in page
    assert len(recorder.wait_for(phone, count + 1, timeout=2)) == count
    assert api(srv, f"sms:{phone}", "tracker")["paused"] is False
