"""The identity answer (bot.recall.identity.matches): the last name or the name as on file and
the ZIP code, a few filler words, and nothing else."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.recall.identity import FILLER, matches

NAME, ZIP = "Maria Lopez-Garcia", "75254"


@pytest.mark.parametrize(
    "answer",
    [
        "Lopez-Garcia 75254",
        "lopez garcia, 75254",
        "75254 LOPEZ-GARCIA",
        "Maria Lopez-Garcia 75254-1234",
        "my last name is Lopez-Garcia and my zip is 75254",
        "Lopez-García 75254",
        "ok, lopez-garcia zip code 75254",
    ],
)
def test_the_name_on_file_and_the_zip_code_pass(answer):
    assert matches(answer, NAME, ZIP)


@pytest.mark.parametrize(
    "answer",
    [
        "smith jones garcia lee lopez-garcia 75254 60601 94105",  # stuffed
        "lopez-garcia 75254 60601",
        "smith lopez-garcia 75254",
        "lopez-garcia lopez-garcia 75254",
        "garcia 75254",  # half of a hyphenated name
        "maria 75254",
        "lopez-garcia",
        "75254",
        "lopez-garcia 75255",
        "lopez-garcia 752541234",
        "lopez-garcia 75254 apt 4",
        "lopez-garcia 75254 ٧٥٢٥٤",
        "Mary Lopez-Garcia 75254",
        "lopez-garcia 75254 " + "and " * 60,  # too long to be a short answer
    ],
)
def test_anything_more_or_less_fails(answer):
    assert not matches(answer, NAME, ZIP)


def test_nothing_on_file_matches_nothing():
    assert not matches("lee 75254", "", ZIP) and not matches("lee 75254", "Ann Lee", "")


def test_apostrophes_and_particles_as_on_file():
    assert matches("O'Neil 10019", "Pat O’Neil", "10019") and matches("oneil 10019", "Pat O'Neil", "10019")
    assert matches("de la Cruz 10019", "Juan de la Cruz", "10019") and matches("cruz 10019", "Juan de la Cruz", "10019")


surnames = st.sampled_from(["smith", "jones", "garcia", "lee", "nguyen", "brown", "chen", "young"])
zips = st.from_regex(r"\A[0-9]{5}\Z")


@given(st.lists(surnames, min_size=1, max_size=6), st.lists(zips, min_size=1, max_size=4))
def test_a_second_name_or_zip_code_always_fails(extra_names, extra_zips):
    """Whatever else is listed beside the right answer, one more name or ZIP code fails it."""
    assert not matches(" ".join(["lopez-garcia", *extra_names, ZIP]), NAME, ZIP)
    assert not matches(" ".join(["lopez-garcia", ZIP, *extra_zips]), NAME, ZIP)  # even the same ZIP twice


@given(st.lists(st.sampled_from(sorted(FILLER)), max_size=6), st.booleans())
def test_filler_words_around_the_answer_are_allowed(filler, zip_first):
    half = len(filler) // 2
    parts = [*filler[:half], ZIP if zip_first else "Lopez-Garcia", *filler[half:], "Lopez-Garcia" if zip_first else ZIP]
    assert matches(" ".join(parts), NAME, ZIP)
