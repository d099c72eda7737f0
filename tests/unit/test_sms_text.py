"""SMS keywords and splitting."""

from __future__ import annotations

import pytest

from bot.channels.sms_text import MAX_SMS, keyword, split


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("STOP", "stop"),
        ("stop.", "stop"),
        (" Unsubscribe ", "stop"),
        ("CANCEL", "stop"),
        ("quit!", "stop"),
        ("START", "start"),
        ("unstop", "start"),
        ("yes", "yes"),
        ("Yes.", "yes"),
        ("YES!", "yes"),
        ("HELP", "help"),
        ("info?", "help"),
        ("cancel my appointment", None),
        ("stop texting me please", None),
        ("hi", None),
        ("", None),
        ("🛑", None),
    ],
)
def test_keywords_are_whole_messages(text, expected):
    assert keyword(text) == expected


def test_short_text_is_one_message():
    assert split("Hello there.") == ["Hello there."]
    assert split("   ") == []


def test_split_at_sentences_and_words():
    long_sentence = "word " * 500
    parts = split("First sentence. " + long_sentence + " Last one.")
    assert all(len(p) <= MAX_SMS for p in parts)
    assert parts[0].startswith("First sentence.")
    assert " ".join(" ".join(parts).split()) == " ".join(("First sentence. " + long_sentence + " Last one.").split())
