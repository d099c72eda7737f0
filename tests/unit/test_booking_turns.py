"""The pure helpers of bench.booking_turns: the played owner's answers and the figures."""

from __future__ import annotations

import pytest

from bench.booking_turns import Owner, Played, answer, figures, nearest_rank

OWNER = Owner(vin="JTJGA31U340012345", last_name="Young", zip="85016", dealer_zip="75201")


@pytest.mark.parametrize(
    ("said", "expected"),
    [
        ("Please send your 17-character VIN. You'll find it on your recall letter.", ("JTJGA31U340012345", "vin")),
        ("A VIN has 17 characters; you sent 16. Please check it and send it again.", ("JTJGA31U340012345", "vin")),
        ("Send the other vehicle's VIN and I'll check it.", ("JTJGA31U340012345", "vin")),
        (
            "Your RX 330 (VIN ending 012345) has Safety Recall BLC open. Would you like to book the free remedy "
            "at a Lexus dealer now? (yes/no)",
            ("yes", "yes/no"),
        ),
        (
            "Here are the next open times:\n1) Wed Dec 2, 7:00 AM\n2) Thu Dec 3, 7:00 AM\nReply 1 or 2, or send a ZIP code or city",
            ("1", "numbered choice"),
        ),
        ("Please reply with a number from 1 to 3.", ("1", "numbered choice")),
        ("Which area suits you? Send a ZIP code or city and I'll find the nearest Lexus dealer.", ("75201", "area")),
        (
            "To protect the owner's privacy, please reply with the last name and the ZIP code on the recall letter.",
            ("Young 85016", "identity"),
        ),
        ("Is this about the RX 330 ending in 012345? (yes/no)", ("yes", "which vehicle")),
        ("Is this about the RX 350 ending in 999999? (yes/no)", ("no", "which vehicle")),
        (
            "That VIN still doesn't check out. Would you like a person from the dealership to help you? (yes/no)",
            (None, "offered a person"),
        ),
        (
            "Sorry, I didn't catch that. I can check your VIN for Safety Recall BLC. Could you say it another way?",
            (None, "not understood (fallback)"),
        ),
        (
            "You're unsubscribed from the Lexus recall assistant and will get no more texts from this number.",
            (None, "opted out"),
        ),
        ('No problem. Whenever you\'re ready, just say "book".', (None, 'told to say "book"')),
        ("It's free. The dealer replaces the cover.", (None, "answered, asked nothing")),
        ("", (None, "no reply")),
    ],
)
def test_the_owner_answers_what_was_asked(said, expected):
    assert answer(said, OWNER) == expected


def test_figures_count_turns_among_the_booked_only():
    played = [Played("s", "t", turns=[("t", [])] * n, booked=True) for n in (2, 3, 3, 4, 5, 2, 3, 4, 8, 3)]
    played.append(Played("s", "t", turns=[("t", [])], why="not understood (fallback)"))
    f = figures(played)
    assert (f["texts"], f["booked"], f["booked_pct"]) == (11, 10, 90.9)
    assert (f["median_turns"], f["p90_turns"]) == (3, 5)
    assert f["turns"] == {"2": 2, "3": 4, "4": 2, "5": 1, "8": 1}
    assert f["not_booked"] == {"not understood (fallback)": 1}
    assert nearest_rank([7], 0.9) == 7
    assert figures([])["median_turns"] is None
