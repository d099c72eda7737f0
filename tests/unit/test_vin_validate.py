"""Normalizing and validating typed VINs, with the messages an owner sees."""

import pytest

from bot.vin import Normalized, normalize, validate
from tests.helpers import texts

GOOD = "JTJHA31U740012345"


def test_normalize_strips_separators_and_upper_cases():
    assert normalize(" jtj-ha31u.740_012/345 ") == Normalized(vin=GOOD, notes=())


@pytest.mark.parametrize(
    ("typed", "letter", "digit"),
    [
        ("JTJHA31U74OO12345", "O", "0"),
        ("JTJHA31U74QQ12345", "Q", "0"),
        ("JTJHA3IU740012345", "I", "1"),
    ],
)
def test_normalize_notes_impossible_letters(typed, letter, digit):
    result = normalize(typed)
    expected_vin = typed.replace(letter, digit)
    assert result.vin == expected_vin
    assert texts(result.notes) == (f"VINs never contain the letter {letter}; I read it as the digit {digit}.",)


def test_one_note_per_distinct_letter():
    result = normalize("jtjha3iu74oo1234q")
    assert result.vin == "JTJHA31U740012340"
    assert len(result.notes) == 3


def test_validate_carries_notes_and_accepts_the_corrected_vin():
    result = validate("jtjha31u74oo12345")
    assert (result.vin, result.valid, result.errors) == (GOOD, True, ())
    assert texts(result.notes) == ("VINs never contain the letter O; I read it as the digit 0.",)


def test_sixteen_characters():
    result = validate(GOOD[:-1])
    assert not result.valid
    assert texts(result.errors) == ("A VIN has 17 characters; you sent 16.",)


def test_eighteen_characters_counted_after_normalizing():
    result = validate("JTJ-HA31U-740012345-6")
    assert texts(result.errors) == ("A VIN has 17 characters; you sent 18.",)


def test_bad_character():
    result = validate("JTJHA31U74001234#")
    assert not result.valid
    assert texts(result.errors) == ("A VIN uses only letters and digits; '#' is not one of them.",)


def test_several_bad_characters_in_one_message():
    result = validate("JTJHA31U7400123*#")
    assert texts(result.errors) == ("A VIN uses only letters and digits; '*' and '#' are not among them.",)


def test_empty():
    for text in ("", "   ", " - "):
        result = validate(text)
        assert not result.valid
        assert texts(result.errors) == ("I didn't find a VIN in that.",)


@pytest.mark.parametrize("filler", ["11111111111111111", "AAAAAAAAAAAAAAAAA", "12345678901234567"])
def test_placeholder_rejected(filler):
    result = validate(filler)
    assert not result.valid
    assert len(result.errors) == 1
    assert "placeholder" in texts(result.errors)[0]


def test_check_digit_mismatch():
    result = validate("JTJHA31U840012345")
    assert texts(result.errors) == (
        "The 9th character (the check digit) doesn't match the rest: please check for a typo.",
    )


def test_check_digit_only_checked_when_length_and_alphabet_are_fine():
    result = validate("JTJHA31U84001234")
    assert texts(result.errors) == ("A VIN has 17 characters; you sent 16.",)


def test_results_are_frozen():
    result = validate(GOOD)
    with pytest.raises(AttributeError):
        result.valid = False  # type: ignore[misc]
