"""Picking a VIN out of chat messages."""

import pytest

from bot.vin import find_in_text, validate
from tests.helpers import texts

MESSAGES = [
    ("hi my vin is jtjhk31u 3 7 2 0 0 4 5 6 7 thanks", "JTJHK31U372004567"),
    ("2T2HK31U67C771204.", "2T2HK31U67C771204"),
    ("JTJ-HA31U-X40012345", "JTJHA31UX40012345"),
    ("VIN: JTJGA31U950034781", "JTJGA31U950034781"),
    ("Hello, my 2005 RX 330 has VIN 2T2HA31U15C002917. Is it affected?", "2T2HA31U15C002917"),
    ("jtjha31u740012345 is my vin, I got the letter yesterday", "JTJHA31U740012345"),
    ("It's JTJHW31U 86 0107355 - got the letter today", "JTJHW31U860107355"),
    ("my vin is JTJHA31U74OO12345", "JTJHA31U740012345"),
    ("My VIN is JTJ HA31U 7 400 12345. My phone is 555 1234", "JTJHA31U740012345"),
    ("Order #12345, VIN JTJGK31U871003399", "JTJGK31U871003399"),
    ("Here it is: 'JTJGW31U772018846' (from the door sticker)", "JTJGW31U772018846"),
    ("vin =2t2ga31u76c041220 pls check", "2T2GA31U76C041220"),
    ("my vin is JTJHA31U74001234", "JTJHA31U74001234"),
    ("vin JTJHA31U7400123456 thanks", "JTJHA31U7400123456"),
    ("I typed 11111111111111111 because I don't have it", "11111111111111111"),
]


@pytest.mark.parametrize(("message", "expected"), MESSAGES)
def test_finds_the_vin(message, expected):
    assert find_in_text(message) == expected


@pytest.mark.parametrize(
    "message",
    [
        "",
        "no vin here, just checking on my 2006 lexus",
        "Call me at 555-123-4567",
        "is my RX 350 affected by the recall?",
        "lexus dealr nerest 33701",  # misspelled words beside a ZIP code
        # words beside a year or a number are words, not a VIN of 13 or 15 characters
        "Car was totaled in 2016, rear ended on I-64. Insurance took it.",
        "that car's long gone, we sold it to Earl's cousin Dwayne in Dumas 2 years back",
    ],
)
def test_no_vin(message):
    assert find_in_text(message) is None


def test_short_and_long_runs_are_reported_with_their_length():
    short = find_in_text("my vin is JTJHA31U74001234")
    assert texts(validate(short).errors) == ("A VIN has 17 characters; you sent 16.",)
    long = find_in_text("vin JTJHA31U7400123456 thanks")
    assert texts(validate(long).errors) == ("A VIN has 17 characters; you sent 18.",)


def test_wrong_check_digit_is_still_returned():
    found = find_in_text("my vin is JTJHA31U840012345 thanks")
    assert found == "JTJHA31U840012345"
    assert not validate(found).valid
