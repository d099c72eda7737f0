"""The dialogue state (actions.state) and its one transition table (actions.dialogue)."""

from __future__ import annotations

from actions import actions, dialogue
from actions.state import Awaiting, Pending
from tests.unit.test_actions import run, tracker


def test_every_yes_no_question_has_an_answer_for_yes_and_for_no():
    assert {state for state in Awaiting if state.is_yes_no} <= set(dialogue.ANSWERS)
    assert set(dialogue.CONTINUATIONS) == set(Pending)


def test_a_stored_state_an_older_release_wrote_reads_as_no_question():
    assert Awaiting.of("offer_booking") is Awaiting.OFFER_BOOKING
    assert Awaiting.of("something_retired") is None and Awaiting.of(None) is None
    assert Pending.of("reschedule") is Pending.RESCHEDULE and Pending.of("") is None


async def test_a_yes_to_an_unknown_state_is_the_fallback_not_an_error(demo):
    texts, slots = await run(actions.ActionYesNo, tracker("yes", "affirm", {"awaiting": "something_retired"}))
    assert "didn't catch that" in texts[0] and slots["misses"] == 1


async def test_the_keypad_answers_a_yes_no_question_on_any_channel(demo):
    texts, slots = await run(actions.ActionInContext, tracker("2", "choose_option", {"awaiting": "offer_booking"}))
    assert texts == ['No problem. Whenever you\'re ready, just say "book".'] and slots["awaiting"] is None
