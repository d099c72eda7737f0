"""ZIP codes and phone numbers, through the libraries that own those rules."""

from __future__ import annotations

import pytest

from bot import geo
from bot.phone import BadPhone, to_e164


@pytest.mark.parametrize("raw", ["(214) 555-0134", "214.555.0134", "+1 214 555 0134", "1-214-555-0134", "2145550134"])
def test_common_us_formats_become_e164(raw):
    assert to_e164(raw) == "+12145550134"


@pytest.mark.parametrize("raw", ["", "555-0134", "12", "call me", "+44 20"])
def test_non_numbers_are_refused(raw):
    with pytest.raises(BadPhone):
        to_e164(raw)


def test_zip_places_and_distance():
    dallas, la = geo.locate_zip("75201"), geo.locate_zip("90025-1234")
    assert (dallas.city, dallas.state) == ("Dallas", "TX")
    assert la.state == "CA"
    assert 1200 < geo.miles_between(dallas, la) < 1300  # Dallas to Los Angeles is about 1,240 miles
    assert geo.miles_between(dallas, dallas) == 0


@pytest.mark.parametrize("raw", ["00000", "7520", "abcde", ""])
def test_unknown_zips_are_refused(raw):
    with pytest.raises(geo.UnknownZip):
        geo.locate_zip(raw)
