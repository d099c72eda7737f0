"""Replies as a caller hears them: the catalog's voice renderings and values said for speech."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from actions import replies
from bot.messages import msg, render
from bot.messages.values import Characters, Phone, when
from bot.recall.records import Slot
from bot.recall.vocab import Channel
from tests.unit.test_handoff import DEALER

CHICAGO = ZoneInfo("America/Chicago")


def _slot(*args: int) -> Slot:
    return Slot(dealer_code="TX501", start=datetime(*args, tzinfo=CHICAGO), timezone="America/Chicago", free=1)


def test_menus_become_spoken_options_with_keypad_hints():
    menu = replies.slot_menu(DEALER, [_slot(2026, 11, 30, 7), _slot(2026, 12, 1, 15, 30)])
    said = render(menu, Channel.VOICE)
    assert "Option 1: Monday, November 30 at 7 AM." in said
    assert "Option 2: Tuesday, December 1 at 3:30 PM." in said
    assert "Say or press 1 or 2" in said and "\n" not in said and ")" not in said.split("(demo)")[1][:40]
    texted = render(menu, Channel.SMS)
    assert "\n1) Mon Nov 30, 7:00 AM\n2) Tue Dec 1, 3:30 PM\nReply 1 or 2, tell me" in texted


def test_yes_no_dates_phones_and_vins_are_said_plainly():
    moment = datetime(2026, 12, 1, 15, tzinfo=CHICAGO)
    assert render(when(moment), Channel.VOICE) == "Tuesday, December 1 at 3 PM Central Standard Time"
    assert render(when(moment), Channel.SMS) == "Tuesday, December 1 at 3:00 PM CST"
    assert render(Phone("+12145550101"), Channel.VOICE) == "2 1 4, 5 5 5, 0 1 0 1"
    assert render(Phone("+12145550101"), Channel.SMS) == "(214) 555-0101"
    described = render(replies.vehicle("RX 330", 2004, "JTJHA31U740368054"), Channel.VOICE)
    assert described == "2004 RX 330 (VIN ending 3 6 8 0 5 4)"
    asked = render(msg("vehicle.confirm", vehicle="2005 RX 330", tail=Characters("0754")), Channel.VOICE)
    assert asked.startswith("Is this about the 2005 RX 330 ending in 0 7 5 4?") and "press 1 for yes" in asked
    assert render(replies.OFFER_PERSON, Channel.SMS).endswith("(yes/no)")


def test_a_message_without_voice_words_is_said_as_written():
    assert render(msg("vin.none_found"), Channel.VOICE) == render(msg("vin.none_found"), Channel.SMS)
