"""Check digit arithmetic (49 CFR 565.15) and its properties."""

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from bot.vin import check_digit, validate, with_check_digit
from bot.vin.checkdigit import ALPHABET, VALUES
from tests.helpers import texts

PUBLIC_VECTORS = [
    ("1G4AH59H45G118341", "4"),
    ("1J9RP1A36A1644345", "6"),
    ("1M8GDM9AXKP042788", "X"),
    ("5N1NJ01CXST000001", "X"),
    ("1HGCM82633A004352", "3"),
]


@pytest.mark.parametrize(("vin", "digit"), PUBLIC_VECTORS)
def test_public_vectors_validate(vin, digit):
    assert check_digit(vin) == digit
    result = validate(vin)
    assert result.valid, result.errors
    assert texts(result.errors) == ()
    assert with_check_digit(vin) == vin


def test_check_digit_ignores_position_9():
    assert check_digit("1G4AH59H_5G118341") == "4"
    assert with_check_digit("1g4ah59h_5g118341") == "1G4AH59H45G118341"


@pytest.mark.parametrize("bad", ["1G4AH59H45G11834", "1G4AH59H45G1183411", "1G4AH59H45G11834I"])
def test_check_digit_rejects_wrong_length_or_characters(bad):
    with pytest.raises(ValueError):
        check_digit(bad)


def _filler(vin: str) -> bool:
    digits = "0123456789" * 3
    return len(set(vin)) == 1 or vin in digits or vin in digits[::-1]


vin_bodies = st.text(alphabet=ALPHABET, min_size=17, max_size=17)


@given(body=vin_bodies)
def test_with_check_digit_makes_valid_vins(body):
    vin = with_check_digit(body)
    assume(not _filler(vin))
    assert validate(vin).valid
    assert vin[:8] == body[:8] and vin[9:] == body[9:]


@given(body=vin_bodies, position=st.integers(0, 16), replacement=st.sampled_from(ALPHABET))
def test_single_change_is_caught_unless_same_value(body, position, replacement):
    vin = with_check_digit(body)
    assume(replacement != vin[position])
    changed = vin[:position] + replacement + vin[position + 1 :]
    assume(not _filler(vin) and not _filler(changed))
    # Position 9 holds the check digit itself; any other position has a non-zero weight
    # below 11, so only a character with the same value (A/J, H/8, ...) slips through.
    slips_through = position != 8 and VALUES[replacement] == VALUES[vin[position]]
    assert validate(changed).valid is slips_through
