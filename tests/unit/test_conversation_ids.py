"""Conversation ids and what each channel proves (issue 11): only a signed Twilio channel's own id
carries a phone number, a call's number needs the carrier's A-level attestation, web chat none."""

from __future__ import annotations

import pytest
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.turn import Turn
from bot import conversations
from bot.channels import owner_text

PHONE = "+12145550134"
SID = "CA" + "0123456789abcdef" * 2


def turn(sender: str, channel: str, metadata: dict | None = None) -> Turn:
    tracker = Tracker(
        sender_id=sender,
        slots={},
        latest_message={"text": "hi", "intent": {"name": "greet"}},
        events=[{"event": "user", "text": "hi", "input_channel": channel, "metadata": metadata or {}}],
        paused=False,
        followup_action=None,
        active_loop={},
        latest_action_name="action_listen",
    )
    return Turn(CollectingDispatcher(), tracker)


@pytest.mark.parametrize(
    "sender,channel,metadata,phone",
    [
        (f"sms:{PHONE}", "twilio", None, PHONE),
        (f"voice:{PHONE}", "twilio_voice", {"stir_verstat": "TN-Validation-Passed-A"}, PHONE),
        # A caller ID the carrier did not vouch for (B, C, failed, none) can be anyone's.
        (f"voice:{PHONE}", "twilio_voice", {"stir_verstat": "TN-Validation-Passed-B"}, None),
        (f"voice:{PHONE}", "twilio_voice", {"stir_verstat": "TN-Validation-Failed-A"}, None),
        (f"voice:{PHONE}", "twilio_voice", None, None),
        (f"voice:call:{SID}", "twilio_voice", {"stir_verstat": "TN-Validation-Passed-A"}, None),
        # Web chat (Rasa's REST channel) never vouches, whatever id or metadata a request carried.
        (PHONE, "rest", None, None),
        (f"sms:{PHONE}", "rest", None, None),
        (f"voice:{PHONE}", "rest", {"stir_verstat": "TN-Validation-Passed-A"}, None),
        (f"x:{PHONE}", "twilio", None, None),
        # An id of one channel arriving on another, or not in the channel's exact form.
        (f"voice:{PHONE}", "twilio", None, None),
        (f"sms:{PHONE}", "twilio_voice", {"stir_verstat": "TN-Validation-Passed-A"}, None),
        ("sms:+1 (214) 555-0134", "twilio", None, None),
        ("web:abc", "twilio", None, None),
    ],
)
def test_the_phone_number_counts_only_when_the_channel_proves_it(sender, channel, metadata, phone):
    assert turn(sender, channel, metadata).caller_phone == phone


def test_ids_are_made_and_read_in_one_place():
    attested = "TN-Validation-Passed-A"
    assert conversations.sms("(214) 555-0134") == f"sms:{PHONE}"
    assert conversations.caller("(214) 555-0134", SID, attested) == f"voice:{PHONE}"
    for withheld in ("Anonymous", "Restricted", "", "+266696687", "not a number"):
        assert conversations.caller(withheld, SID, attested) == f"voice:call:{SID}"
    for unproven in (None, "TN-Validation-Passed-B", "TN-Validation-Passed-C", "TN-Validation-Failed-A", "No-TN"):
        assert conversations.caller(PHONE, SID, unproven) == f"voice:call:{SID}"  # a call of its own
    with pytest.raises(ValueError):
        conversations.caller("Anonymous", "not-a-call-sid", None)
    assert conversations.parse(PHONE).sms_thread == f"sms:{PHONE}"  # stored before ids had a channel
    assert conversations.parse(f"voice:{PHONE}").sms_thread == f"sms:{PHONE}"
    assert conversations.parse(f"voice:call:{SID}").sms_thread is None
    assert conversations.parse("web:whatever").channel == "chat"


def test_web_ids_are_issued_by_the_server_only():
    issued = conversations.new_web("secret")
    assert conversations.is_issued_web(issued, "secret")
    assert not conversations.is_issued_web(issued, "another secret")
    assert not conversations.is_issued_web(
        issued[:-4] + "ffff" if not issued.endswith("ffff") else issued[:-4] + "0000", "secret"
    )
    assert not conversations.is_issued_web(f"sms:{PHONE}", "secret")
    assert issued != conversations.new_web("secret")


def test_owner_text_is_never_a_command():
    assert owner_text("/restart") == "restart"
    assert owner_text("  //greet hi") == "greet hi"
    assert owner_text("my vin is 2T2GA31U04C368054 / thanks") == "my vin is 2T2GA31U04C368054 / thanks"
    assert not owner_text("/").startswith("/")
