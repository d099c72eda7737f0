"""Replies as a caller hears them."""

from __future__ import annotations

from actions.replies import spoken


def test_menus_become_spoken_options_with_keypad_hints():
    said = spoken(
        "Here are the next open times at Preston Lexus (demo) in Dallas:\n1) Mon Nov 30, 7:00 AM\n"
        '2) Tue Dec 1, 3:30 PM\nReply 1 or 2, tell me a day or time that suits you (like "Saturday '
        'morning"), or send a ZIP code or city for another dealer.'
    )
    assert "Option 1: Monday, November 30 at 7 AM." in said
    assert "Option 2: Tuesday, December 1 at 3:30 PM." in said
    assert "Say or press 1 or 2" in said and "\n" not in said and ")" not in said.split("(demo)")[1][:40]


def test_yes_no_dates_phones_and_vins_are_said_plainly():
    said = spoken(
        "Your 2004 RX 330 (VIN ending 368054) is booked on Tuesday, December 1 at 3:00 PM CST. "
        "The dealer's phone is (214) 555-0101. Want to change it? (yes/no) 🚗"
    )
    assert "VIN ending 3 6 8 0 5 4" in said and "3 PM Central time" in said
    assert "2 1 4, 5 5 5, 0 1 0 1" in said and "press 1 for yes" in said and "🚗" not in said
    assert spoken("ending in 0754? (yes/no)").startswith("ending in 0 7 5 4?")
