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
    assert (appt.channel, appt.conversation_id, appt.dealer_code) == ("sms", phone, "TX501")
    from actions.replies import short_when

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

    for key, value in {"TWILIO_ACCOUNT_SID": ACCOUNT, "TWILIO_AUTH_TOKEN": TOKEN, "TWILIO_NUMBER": "",
                       "TWILIO_MESSAGING_SERVICE_SID": "MG" + "1" * 32, "TWILIO_API_BASE_URL": recorder.url,
                       "RECALLBOT_DATABASE_URL": "sqlite://"}.items():
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
