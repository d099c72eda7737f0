"""VINs read aloud: parsing transcripts and repairing recognizer confusions."""

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from bot.vin import confusion_candidates, parse_spoken, validate, with_check_digit
from bot.vin.checkdigit import ALPHABET

try:
    from tests.unit.vin_spoken_cases import SPOKEN_CASES
except ImportError:  # tests/ is not a package: pytest put this directory on sys.path
    from vin_spoken_cases import SPOKEN_CASES

MIN_ACCURACY = 0.95


def test_spoken_cases_are_valid_affected_rx_vins():
    from bot.vin import decode

    assert len(SPOKEN_CASES) >= 75
    for _, vin in SPOKEN_CASES:
        assert validate(vin).valid, vin
        assert decode(vin).known, vin


def test_spoken_exact_accuracy(capsys):
    misses = []
    for transcript, expected in SPOKEN_CASES:
        candidates = parse_spoken(transcript)
        if not candidates or candidates[0] != expected:
            misses.append((transcript, expected, candidates[:3]))
    hits = len(SPOKEN_CASES) - len(misses)
    with capsys.disabled():
        print(f"\nspoken VIN exact accuracy: {hits}/{len(SPOKEN_CASES)}")
        for miss in misses:
            print("  miss:", miss)
    assert hits / len(SPOKEN_CASES) >= MIN_ACCURACY


@pytest.mark.parametrize(
    ("transcript", "expected"),
    [
        ("double you", "W"),
        ("double u", "W"),
        ("double seven", "77"),
        ("triple oh", "000"),
        ("thirty one", "31"),
        ("nineteen", "19"),
        ("twenty", "20"),
        ("seventy seven", "77"),
        ("for to won ate", "4218"),
        ("four too", "42"),
        ("H as in Henry", "H"),
        ("m as in mary", "M"),
        ("bee as in david", "D"),
        ("alfa juliett x-ray whisky", "AJXW"),
        ("alpha juliet xray whiskey", "AJXW"),
        ("zee zed", "ZZ"),
        ("ar are", "RR"),
        ("aitch ex why", "HXY"),
        ("see sea cee", "CCC"),
        ("tea tee", "TT"),
        ("um uh my vin is, okay, sorry, the number: one", "1"),
        ("J T J", "JTJ"),
        ("jtj", "JTJ"),
        ("2T2HK31U", "2T2HK31U"),
        ("oh", "0"),
        ("four hundred and twelve", "412"),
    ],
)
def test_spoken_fragments(transcript, expected):
    assert parse_spoken(transcript)[0] == expected


def test_candidates_are_deduplicated_and_limited():
    candidates = parse_spoken("a jay tee jay aitch ay three one you seven four oh oh one two three")
    assert len(candidates) == len(set(candidates))
    assert 1 <= len(candidates) <= 10


def test_ambiguous_word_resolved_by_check_digit():
    # "a" is an article here; reading it as the letter A would make 18 characters.
    transcript = "it's a J T J H A 3 1 U 7 4 0 0 1 2 3 4 5"
    assert parse_spoken(transcript)[0] == "JTJHA31U740012345"


def test_misheard_letter_is_repaired_first():
    # The caller said "gee" (G); the recognizer wrote "dee", which fails the check digit.
    transcript = "jay tee jay dee ay three one you nine five zero zero three four seven eight one"
    candidates = parse_spoken(transcript)
    assert validate(candidates[0]).valid
    assert "JTJGA31U950034781" in candidates


def test_nothing_heard():
    assert parse_spoken("") == []
    assert parse_spoken("um uh") == []


def test_confusion_candidates_find_the_original():
    original = "JTJGA31U950034781"
    misheard = "JTJDA31U950034781"  # G heard as D
    assert not validate(misheard).valid
    candidates = confusion_candidates(misheard)
    assert original in candidates
    assert candidates == sorted(candidates)
    assert all(validate(c).valid for c in candidates)
    assert all(sum(a != b for a, b in zip(c, misheard, strict=True)) == 1 for c in candidates)


def test_confusion_candidates_need_17_characters():
    assert confusion_candidates("JTJDA31U95003478") == []
    assert confusion_candidates("") == []


CONFUSION_GROUPS = ("BCDEGPTVZ3", "AHJK8", "FSX", "LMN", "U2", "59")


@given(body=st.text(alphabet=ALPHABET, min_size=17, max_size=17), data=st.data())
def test_any_single_confusion_is_repairable(body, data):
    vin = with_check_digit(body)
    groups = {char: group for group in CONFUSION_GROUPS for char in group}
    positions = [i for i, char in enumerate(vin) if char in groups]
    assume(positions and validate(vin).valid)
    position = data.draw(st.sampled_from(positions))
    others = [c for c in groups[vin[position]] if c != vin[position]]
    misheard = vin[:position] + data.draw(st.sampled_from(others)) + vin[position + 1 :]
    # Same-value swaps (A/J, H/8, ...) still pass: nothing to repair there.
    assume(not validate(misheard).valid)
    assert vin in confusion_candidates(misheard)
