"""Callers, through the real servers: signed Twilio Voice webhooks, the TwiML answers parsed."""

from __future__ import annotations

import urllib.error
import urllib.parse
import urllib.request
import uuid
import xml.etree.ElementTree as ET
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from twilio.request_validator import RequestValidator

from actions.vehicle import read_back
from bot.channels.twilio_voice import render
from bot.recall import dealers, escalations, vehicles
from bot.vin import confusion_candidates, validate
from tests.helpers import vins_with_status
from tests.servers import seeded

TOKEN = "voice-test-token"
PUBLIC = "https://bot.dealer.example/prefix"
PATH = "/webhooks/twilio_voice/webhook"


@pytest.fixture(scope="module")
def voice_servers(tmp_path_factory):
    srv = seeded(tmp_path_factory.mktemp("voice"), {"TWILIO_AUTH_TOKEN": TOKEN, "RECALLBOT_PUBLIC_URL": PUBLIC})
    yield srv
    srv.stop()


@pytest.fixture
def calling(voice_servers, monkeypatch):
    monkeypatch.setenv("RECALLBOT_DATABASE_URL", voice_servers.db_url)
    return voice_servers


def post(srv, params: dict, query: str = "", signature: str | None = "auto") -> tuple[int, str]:
    """Twilio calls PUBLIC (behind a proxy that strips /prefix); the signature covers that URL."""
    if signature == "auto":
        signature = RequestValidator(TOKEN).compute_signature(PUBLIC + PATH + query, params)
    headers = {"Content-Type": "application/x-www-form-urlencoded"}
    if signature:
        headers["X-Twilio-Signature"] = signature
    req = urllib.request.Request(srv.url + PATH + query, urllib.parse.urlencode(params).encode(), headers)
    try:
        with urllib.request.urlopen(req, timeout=60) as resp:
            return resp.status, resp.read().decode()
    except urllib.error.HTTPError as err:
        return err.code, err.read().decode()


ATTESTED = "TN-Validation-Passed-A"  # what Twilio sends when the carrier fully vouches for the caller ID


class Call:
    """One call. By default the carrier attests the caller ID at level A (STIR/SHAKEN), as for
    most calls from a US mobile; `verstat=None` is a call without that verdict."""

    def __init__(self, srv, phone: str | None = None, verstat: str | None = ATTESTED):
        self.srv = srv
        self.phone = phone or f"+1602555{uuid.uuid4().int % 10000:04d}"
        self.sid = f"CA{uuid.uuid4().hex}"
        self.verstat = verstat

    def webhook(self, query: str = "", **heard) -> ET.Element:
        proof = {"StirVerstat": self.verstat} if self.verstat else {}
        status, body = post(
            self.srv, {"CallSid": self.sid, "From": self.phone, "To": "+15005550006", **proof, **heard}, query
        )
        assert status == 200, body
        root = ET.fromstring(body)
        assert root.tag == "Response" and len(root), "TwiML must never be empty"
        return root


def said(root: ET.Element) -> str:
    return " ".join(el.text or "" for el in root.iter("Say"))


def test_a_forged_or_missing_signature_gets_403(calling):
    params = {"CallSid": "CA1", "From": "+16025550000"}
    assert post(calling, params, signature="bad")[0] == 403
    assert post(calling, params, signature=None)[0] == 403


def test_a_ringing_call_is_greeted_inside_a_speech_and_keypad_gather(calling):
    root = Call(calling).webhook()
    gather = root.find("Gather")
    assert gather is not None
    assert gather.get("input") == "speech dtmf" and gather.get("action") == "webhook"  # relative: any prefix
    assert "juliet" in gather.get("hints") and gather.get("speechTimeout") == "auto"
    assert "recall assistant" in said(root) and "VIN" in said(root)
    assert root.find("Redirect").text == "webhook?silence=1"


def test_silence_reprompts_then_says_goodbye(calling):
    call = Call(calling)
    first = call.webhook(query="?silence=1")
    assert "didn't hear" in said(first) and first.find("Gather") is not None
    assert first.find("Redirect").text == "webhook?silence=2"
    second = call.webhook(query="?silence=2")
    assert second.find("Gather") is None and second.find("Hangup") is not None
    assert "person" in said(second) and "Goodbye" in said(second)


def test_a_spoken_vin_is_read_back_confirmed_and_checked(calling):
    vin = vins_with_status("open", "AZ601")[0]
    call = Call(calling)
    call.webhook()
    heard = call.webhook(SpeechResult=" ".join(vin), Confidence="0.91")
    assert f"I heard {read_back(vin)}. Is that right?" in said(heard)
    assert "has Safety Recall BLC open" in said(call.webhook(Digits="1"))


def misheard_vin() -> tuple[str, str]:
    """An open VIN and a rhyming mishearing of one letter that fails the check digit and that
    only one VIN on the list could have been."""
    rhymes = {"B": "DEPTV", "D": "BEPTV", "E": "BDGPT", "G": "BDEPT", "P": "BDETV", "T": "BDEPV", "M": "N", "N": "M"}
    for vin in vins_with_status("open"):
        for i, ch in enumerate(vin):
            for wrong in rhymes.get(ch, ""):
                heard = vin[:i] + wrong + vin[i + 1 :]
                if not validate(heard).valid and vehicles.existing_vins(confusion_candidates(heard)) == {vin}:
                    return vin, heard
    raise AssertionError("no suitable VIN in the demo data")


def test_a_misheard_letter_is_corrected_against_the_recall_list(calling):
    vin, heard = misheard_vin()
    call = Call(calling)
    call.webhook()
    assert f"I heard {read_back(vin)}." in said(call.webhook(SpeechResult=" ".join(heard)))


def test_the_caller_can_repeat_just_a_part(calling):
    vin = vins_with_status("open", "TX501")[0]
    wrong_tail = vin[:-6] + ("000000" if vin[-6:] != "000000" else "111111")
    call = Call(calling)
    call.webhook()
    call.webhook(SpeechResult=" ".join(wrong_tail))
    assert "the last six are" in said(call.webhook(SpeechResult="no"))
    fixed = call.webhook(SpeechResult="the last six are " + " ".join(vin[-6:]))
    assert f"I heard {read_back(vin)}." in said(fixed)
    assert "has Safety Recall BLC open" in said(call.webhook(SpeechResult="yes that's right"))


def test_a_caller_who_asks_for_a_person_is_put_through_or_called_back(calling):
    vin = vins_with_status("open", "IL301")[0]
    record = vehicles.lookup(vin)
    call = Call(calling, phone=record.owner_phone)
    call.webhook()
    call.webhook(SpeechResult=" ".join(vin))
    call.webhook(Digits="1")
    root = call.webhook(SpeechResult="I want to talk to a real person")
    dealer = dealers.get("IL301")
    [esc] = [e for e in escalations.list_escalations() if e.conversation_id == f"voice:{record.owner_phone}"]
    assert (esc.dealer_code, esc.channel) == ("IL301", "voice")
    if dealer.open_at(datetime.now(ZoneInfo(dealer.timezone))):
        assert root.find("Dial").text == dealer.escalation_phone and "connecting you" in said(root)
    else:
        assert root.find("Dial") is None and "contact you" in said(root) and root.find("Gather") is not None


def test_render_never_crashes_and_is_never_empty():
    for messages in (
        [],
        [{"custom": {"unknown": 1}}],
        [{"image": "x"}],
        [{"custom": "not a dict"}],
        [{"text": "Hello"}, {"custom": {"hangup": True}}],
    ):
        root = ET.fromstring(render(messages))
        assert root.tag == "Response" and len(root)
    dial = ET.fromstring(render([{"text": "Connecting."}, {"custom": {"dial": "+13125550112"}}]))
    assert dial.find("Dial").text == "+13125550112" and said(dial).startswith("Connecting.")


# --- who a caller is (issue 11) ----------------------------------------------------------------------


def booked_owner(dealer: str) -> tuple[str, str]:
    """An open VIN with an appointment booked, and its owner's phone number."""
    from bot.recall import scheduling

    vin = next(v for v in vins_with_status("open", dealer) if scheduling.booked_for_vin(v) is None)
    scheduling.book(vin, dealer, scheduling.free_slots(dealer)[0].start, channel="sms")
    return vin, vehicles.lookup(vin).owner_phone


def test_two_callers_with_withheld_numbers_never_share_a_conversation(calling):
    vin = vins_with_status("open", "AZ601")[1]
    first = Call(calling, phone="Anonymous", verstat=None)
    first.webhook()
    first.webhook(SpeechResult=" ".join(vin))
    assert "has Safety Recall BLC open" in said(first.webhook(Digits="1"))
    # A second anonymous caller (the withheld-number placeholder Twilio passes on) knows nothing of it.
    second = Call(calling, phone="+266696687", verstat=None)
    second.webhook()
    asked = said(second.webhook(SpeechResult="when is my appointment"))
    assert "VIN" in asked and "ending" not in asked and "open" not in asked  # nothing of the first call


def test_a_caller_id_the_carrier_does_not_attest_reveals_nothing(calling):
    vin, phone = booked_owner("CA401")
    spoofed = Call(calling, phone=phone, verstat="TN-Validation-Passed-C")  # gateway attestation: any number
    spoofed.webhook()
    asked = said(spoofed.webhook(SpeechResult="when is my appointment"))
    assert "ending in" not in asked and "VIN" in asked  # not even the vehicle on file is offered
    spoofed.webhook(SpeechResult=" ".join(vin))
    assert "last name" in said(spoofed.webhook(Digits="1"))  # the VIN alone is not enough
    # The same number, attested at level A, is the owner's phone: the appointment is told.
    owner = Call(calling, phone=phone)
    owner.webhook()
    assert f"ending in {' '.join(vin[-4:])}?" in said(owner.webhook(SpeechResult="when is my appointment"))
    assert "CA401" not in (told := said(owner.webhook(Digits="1"))) and "Pacific Coast Lexus" in told
    # A later spoofed call from that number inherits nothing the owner's call learned or verified.
    again = Call(calling, phone=phone, verstat=None)
    again.webhook()
    asked = said(again.webhook(SpeechResult="when is my appointment"))
    assert "Pacific Coast" not in asked and "ending in" not in asked and "VIN" in asked
