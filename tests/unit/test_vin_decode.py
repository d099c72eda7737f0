"""Decoding the affected RX layout, and refusing to guess outside it."""

import pytest

from bot.vin import Decoded, decode, with_check_digit


def test_japanese_rx330_awd_2004():
    result = decode(with_check_digit("JTJHA31U_40012345"))
    assert result == Decoded(
        model="RX 330",
        model_year=2004,
        assembly="Japan",
        drive="AWD",
        engine="3.3 L V6 (3MZ-FE)",
    )
    assert result.known


def test_canadian_rx350_2wd_2007():
    result = decode(with_check_digit("2T2GK31U_7C000123"))
    assert (result.model, result.model_year, result.assembly, result.drive, result.engine) == (
        "RX 350",
        2007,
        "Canada",
        "2WD",
        "3.5 L V6 (2GR-FE)",
    )
    assert result.known


def test_hybrid_2006_and_lowercase_input():
    result = decode(with_check_digit("JTJGW31U_60107355").lower())
    assert result.model == "RX 400h"
    assert result.engine == "hybrid"
    assert result.model_year == 2006
    assert result.drive == "2WD"


@pytest.mark.parametrize(
    "vin",
    [
        "1HGCM82633A004352",  # a Honda Accord
        "1G4AH59H45G118341",
        with_check_digit("JTJHA10U_40012345"),  # a Lexus WMI, but not the RX series
        with_check_digit("JTHBA31U_40012345"),  # the RX series code under another WMI
        "JTJHA31U74001234",  # 16 characters
        "",
    ],
)
def test_outside_the_layout_is_unknown(vin):
    result = decode(vin)
    assert result == Decoded(None, None, None, None, None)
    assert not result.known


def test_unknown_year_code_is_left_empty():
    result = decode(with_check_digit("JTJHA31U_90012345"))
    assert result.model == "RX 330"
    assert result.assembly == "Japan"
    assert result.model_year is None
    assert not result.known


def test_canadian_hybrid_is_not_guessed():
    result = decode(with_check_digit("2T2HW31U_6C012345"))
    assert result.model is None and result.engine is None
    assert result.assembly == "Canada"
    assert not result.known
