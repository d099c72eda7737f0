"""Owners texting, through the real servers: requests signed with Twilio's RequestValidator, replies
sent by the real `twilio` client to a recording server on 127.0.0.1."""

from __future__ import annotations

import re
import uuid

import pytest

from bot.recall import scheduling, sms, vehicles
from tests.helpers import vins_with_status
from tests.servers import seeded
from tests.sms_client import (
    ACCOUNT,
    BOT_NUMBER,
    PATH,
    TOKEN,
    post,
    sign,
    stranger,
    text,
    twilio_env,
)


@pytest.fixture(scope="module")
def sms_servers(tmp_path_factory, recorder):
    srv = seeded(tmp_path_factory.mktemp("sms"), twilio_env(recorder))
    yield srv
    srv.stop()


@pytest.fixture
def texting(sms_servers, monkeypatch):
    monkeypatch.setenv("RECALLBOT_DATABASE_URL", sms_servers.db_url)
    return sms_servers


def test_forged_missing_or_misdirected_signatures_get_403_and_nothing_happens(texting, recorder):
    phone = stranger()
    params = {"MessageSid": f"SM{uuid.uuid4().hex}", "From": phone, "To": BOT_NUMBER, "Body": "hi"}
    assert post(texting, params, signature="forged+signature=")[0] == 403
    assert post(texting, params, signature=None)[0] == 403
    assert post(texting, params, signature=sign(params, url="https://evil.example" + PATH))[0] == 403
    assert post(texting, params, signature=sign(params, token="not-the-token"))[0] == 403
    assert post(texting, {**params, "Body": "hi there"}, signature=sign(params))[0] == 403  # tampered body
    assert recorder.wait_for(phone, 1, timeout=2) == []


def test_an_owner_books_over_sms_from_the_number_on_file(texting, recorder):
    vin = vins_with_status("open", "TX501")[2]
    record = vehicles.lookup(vin)
    phone = record.owner_phone
    text(texting, phone, "hi i got a recall letter")
    [ask] = recorder.wait_for(phone, 1)
    assert ask == f"Is this about the {record.model_year} {record.model} ending in {vin[-4:]}? (yes/no)"
    text(texting, phone, "yes")
    replies = recorder.wait_for(phone, 3)
    assert "has Safety Recall BLC open" in replies[1] and "book" in replies[2]
    text(texting, phone, "yes")
    menu = recorder.wait_for(phone, 4)[3]
    offered = re.findall(r"^\d\) (.+)$", menu, re.M)
    text(texting, phone, "2")
    booked = recorder.wait_for(phone, 5)[4]
    assert "You're booked" in booked
    [appt] = scheduling.list_appointments(vin=vin)
    assert (appt.channel, appt.conversation_id, appt.dealer_code) == ("sms", f"sms:{phone}", "TX501")
    from tests.helpers import short_when

    assert short_when(appt.local_start()) == offered[1]
    assert all(m["From"] == BOT_NUMBER and m["account"] == ACCOUNT for m in recorder.messages if m["To"] == phone)


def test_a_retried_message_sid_gets_one_reply(texting, recorder):
    phone = stranger()
    params = text(texting, phone, "is this recall repair free?")
    assert len(recorder.wait_for(phone, 1)) >= 1
    count = len(recorder.to(phone))
    for _ in range(3):  # Twilio's retries and a replay
        assert post(texting, params)[0] == 200
    assert len(recorder.wait_for(phone, count + 1, timeout=3)) == count
    texting.stop()  # the MessageSid is remembered in the recall database, not in memory
    texting.start()
    assert post(texting, params)[0] == 200
    assert len(recorder.wait_for(phone, count + 1, timeout=3)) == count


def test_stop_stops_every_text_and_start_restores_them(texting, recorder):
    phone = stranger()
    text(texting, phone, "STOP")
    [confirm] = recorder.wait_for(phone, 1)
    assert "unsubscribed" in confirm and "START" in confirm
    assert sms.is_opted_out(phone)
    text(texting, phone, "hi")
    text(texting, phone, "what is this recall about")
    assert len(recorder.wait_for(phone, 2, timeout=3)) == 1  # nothing more went out
    text(texting, phone, "start")
    assert "subscribed again" in recorder.wait_for(phone, 2)[1]
    assert not sms.is_opted_out(phone)
    text(texting, phone, "what is this recall about")
    assert "Safety Recall BLC" in recorder.wait_for(phone, 3)[2]


def test_cancel_alone_opts_out_but_cancel_my_appointment_is_a_request(texting, recorder):
    phone = stranger()
    text(texting, phone, "cancel my appointment")
    assert "VIN" in recorder.wait_for(phone, 1)[0] and not sms.is_opted_out(phone)
    text(texting, phone, "Cancel")
    assert "unsubscribed" in recorder.wait_for(phone, 2)[1] and sms.is_opted_out(phone)
    text(texting, phone, "HELP")  # still answered after STOP
    assert "Reply STOP to opt out" in recorder.wait_for(phone, 3)[2]


def test_a_plain_words_opt_out_is_stop_recorded_and_confirmed_once(texting, recorder):
    phone = stranger()
    text(texting, phone, "can I stop by saturday? and please cancel my appointment")  # not an opt-out
    assert not sms.is_opted_out(phone) and len(recorder.wait_for(phone, 1)) == 1
    text(texting, phone, "please take this number off your list, I don't want these texts")
    confirm = recorder.wait_for(phone, 2)[1]
    assert "unsubscribed" in confirm and "START" in confirm and sms.is_opted_out(phone)
    text(texting, phone, "i said stop texting me")  # confirmed once: nothing more goes out
    text(texting, phone, "no me manden más mensajes")
    assert len(recorder.wait_for(phone, 3, timeout=3)) == 2
    text(texting, phone, "START")
    assert "subscribed again" in recorder.wait_for(phone, 3)[2] and not sms.is_opted_out(phone)


def test_a_spanish_opt_out_in_plain_words_is_recorded(texting, recorder):
    phone = stranger()
    text(texting, phone, "ya no quiero recibir mensajes, quítenme de la lista por favor")
    assert "unsubscribed" in recorder.wait_for(phone, 1)[0] and sms.is_opted_out(phone)


def test_an_opt_out_that_says_more_gets_it_answered_in_the_one_confirmation(texting, recorder):
    """Carriers allow one text after an opt-out: "already fixed", "who is this?" and an apology go in it."""
    done, still_open = vins_with_status("remedied")[0], vins_with_status("open")[5]
    phone = stranger()
    text(texting, phone, f"had it fixed at the dealer years ago {done}, take me off your list")
    [confirm] = recorder.wait_for(phone, 1)
    assert f"Our records agree: the Safety Recall BLC remedy was already done on the VIN ending {done[-4:]}" in confirm
    assert "unsubscribed" in confirm
    assert sms.is_opted_out(phone)
    phone = stranger()
    text(texting, phone, f"{still_open} was already done, stop texting me")
    [confirm] = recorder.wait_for(phone, 1)
    assert "Our records still show Safety Recall BLC open" in confirm and "1-800-255-3987" in confirm
    assert confirm.endswith("Reply START to resubscribe.")
    phone = stranger()
    text(texting, phone, "Who is this?? I never gave you this number. Do not text me again")
    [confirm] = recorder.wait_for(phone, 1)
    assert confirm.startswith("I'm sorry for the trouble.") and "Lexus customer line" in confirm
    assert "unsubscribed" in confirm and sms.is_opted_out(phone)


def test_pictures_empty_texts_and_odd_input_get_polite_answers(texting, recorder):
    phone = stranger()
    text(texting, phone, "", NumMedia="1", MediaUrl0="https://api.twilio.com/media/ME1")
    assert "only read text" in recorder.wait_for(phone, 1)[0]
    text(texting, phone, "   ")
    assert "didn't get any text" in recorder.wait_for(phone, 2)[1]
    text(texting, phone, "🚗🚗 ¿mi carro está bajo retiro? " + "x" * 3000)
    assert len(recorder.wait_for(phone, 3)) == 3
    assert post(texting, {"Body": "no sender"}, signature=sign({"Body": "no sender"}))[0] == 400
    assert post(texting, {}, signature=sign({}))[0] == 400


def test_long_replies_are_split_under_1600_characters_and_sent_in_order(recorder, monkeypatch):
    import asyncio

    from bot.channels.twilio_rest import TwilioSender
    from bot.channels.twilio_sms import TwilioSmsOutput

    for key, value in {
        "TWILIO_ACCOUNT_SID": ACCOUNT,
        "TWILIO_AUTH_TOKEN": TOKEN,
        "TWILIO_NUMBER": "",
        "TWILIO_MESSAGING_SERVICE_SID": "MG" + "1" * 32,
        "TWILIO_API_BASE_URL": recorder.url,
        "RECALLBOT_DATABASE_URL": "sqlite://",
    }.items():
        monkeypatch.setenv(key, value)
    monkeypatch.setattr(sms, "is_opted_out", lambda phone: False)
    sentences = [f"Sentence number {n} of a long reply." for n in range(150)]
    phone = stranger()
    asyncio.run(TwilioSmsOutput(TwilioSender()).send_text_message(phone, " ".join(sentences)))
    parts = recorder.to(phone)
    assert len(parts) == 4 and all(len(p) <= 1600 for p in parts)
    assert all(p.endswith(".") for p in parts)  # cut at sentence ends
    assert " ".join(parts) == " ".join(sentences)
    sent = [m for m in recorder.messages if m["To"] == phone]
    assert {m.get("MessagingServiceSid") for m in sent} == {"MG" + "1" * 32}


# --- nobody but the owner (issue 11) ---------------------------------------------------------------


def web_post(srv, body: dict) -> tuple[list[str], str]:
    """A raw web-chat request, as a stranger could send it: the reply texts and the id the server used."""
    import json
    import urllib.request

    req = urllib.request.Request(
        f"{srv.url}/webhooks/rest/webhook", json.dumps(body).encode(), {"Content-Type": "application/json"}
    )
    with urllib.request.urlopen(req, timeout=60) as resp:
        return [m.get("text", "") for m in json.load(resp)], resp.headers["X-Conversation-Id"]


def stored_events(srv, sender: str) -> int:
    import sqlite3

    with sqlite3.connect(srv.var_dir / "tracker.db") as conn:
        return conn.execute("SELECT count(*) FROM events WHERE sender_id = ?", (sender,)).fetchone()[0]


@pytest.mark.parametrize("form", ["{phone}", "sms:{phone}", "x:{phone}", "voice:{phone}", "voice:call:CA{sid}"])
def test_web_chat_cannot_join_or_pass_as_an_owners_conversation(texting, form):
    """Finding 1: a POST naming an owner's number as `sender`, claiming the Twilio channel and a
    caller's attestation, read and cancelled that owner's appointment."""
    vin = next(v for v in vins_with_status("open", "IL301") if scheduling.booked_for_vin(v) is None)
    appt = scheduling.book(vin, "IL301", scheduling.free_slots("IL301")[0].start, channel="sms")
    phone = vehicles.lookup(vin).owner_phone
    sender = form.format(phone=phone, sid=uuid.uuid4().hex)
    forged = {"sender": sender, "input_channel": "twilio", "metadata": {"stir_verstat": "TN-Validation-Passed-A"}}
    seen = []
    for message in ("when is my appointment", "yes", "cancel my appointment", "yes", "/restart"):
        said, used = web_post(texting, {**forged, "message": message})
        assert used.startswith("web:") and used != sender
        seen += said
    words = " ".join(seen)
    assert vin[-4:] not in words and "Lakeshore" not in words and f"number {appt.id}" not in words
    assert scheduling.booked_for_vin(vin).id == appt.id  # still booked
    assert stored_events(texting, sender) == 0 and stored_events(texting, f"sms:{phone}") == 0


def test_a_web_chat_keeps_the_id_the_server_issued_and_refuses_one_it_did_not(texting):
    said, first = web_post(texting, {"message": "hi"})
    _, again = web_post(texting, {"sender": first, "message": "what is this recall about"})
    assert again == first and stored_events(texting, first) > 4
    _, made_up = web_post(texting, {"sender": "web:" + "a" * 22 + ".0123456789abcdef", "message": "hi"})
    assert made_up != first and made_up.startswith("web:")
    import json
    import urllib.request

    req = urllib.request.Request(f"{texting.url}/webhooks/rest/session", b"", method="POST")
    with urllib.request.urlopen(req, timeout=30) as resp:
        opened = json.load(resp)["sender"]
    assert web_post(texting, {"sender": opened, "message": "hello"})[1] == opened  # a page may ask first


def test_yes_from_a_subscribed_owner_answers_the_question(texting, recorder):
    """Finding 6: "Yes." or "YES!" was read as an opt-in, and the answer to the bot's question lost."""
    vin = vins_with_status("open", "TX501")[5]
    record = vehicles.lookup(vin)
    phone = record.owner_phone
    text(texting, phone, "hi i got a recall letter")
    assert "ending in" in recorder.wait_for(phone, 1)[0]
    text(texting, phone, "Yes.")
    answers = recorder.wait_for(phone, 3)[1:]
    assert not any("subscribed" in a for a in answers) and "has Safety Recall BLC open" in " ".join(answers)
    other = stranger()
    text(texting, other, "STOP")
    text(texting, other, "YES!")  # from a number that opted out, YES is the opt-in
    assert "subscribed again" in recorder.wait_for(other, 2)[1] and not sms.is_opted_out(other)


def test_a_leading_slash_is_text_not_a_command(texting, recorder):
    """Item 9: "/restart" restarted the conversation, also one that staff hold (paused)."""
    phone = stranger()
    text(texting, phone, "I want to talk to a real person please")
    assert "passed your conversation to a person" in " ".join(recorder.wait_for(phone, 1))
    count = len(recorder.to(phone))
    text(texting, phone, "/restart")
    text(texting, phone, "/greet what is this recall about")
    later = recorder.wait_for(phone, count + 2, timeout=4)[count:]
    assert all("your message is with" in m for m in later)  # still with staff: only the notice
