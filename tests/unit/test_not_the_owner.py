"""'I sold it years ago', 'not my car', 'wrong number': acknowledged, and recorded against the
number the channel proves (bot.recall.contacts), so no follow-up about the vehicle goes to it."""

from __future__ import annotations

from actions import actions
from bot.recall import contacts
from tests.helpers import owner_on_file, vins_with_status
from tests.unit.test_actions import run, tracker


async def test_an_owner_who_sold_it_is_noted_for_that_vehicle_and_number(demo):
    phone, vin = owner_on_file()
    said, _ = await run(
        actions.ActionAnswerQuestion,
        tracker("i sold that car years ago", "sold_car", sender=f"sms:{phone}", channel="twilio"),
    )
    assert "won't get more follow-up" in said[0]
    assert contacts.excluded(phone, vin)
    other = vins_with_status("open")[-1]
    assert other != vin and not contacts.excluded(phone, other)


async def test_a_wrong_number_on_no_record_is_noted_for_every_vehicle(demo):
    phone = "+13125550987"
    await run(
        actions.ActionAnswerQuestion,
        tracker("wrong number, not my car", "sold_car", sender=f"sms:{phone}", channel="twilio"),
    )
    assert contacts.excluded(phone, vins_with_status("open")[0])


async def test_web_chat_proves_no_number_so_nothing_is_recorded(demo):
    said, _ = await run(actions.ActionAnswerQuestion, tracker("not my car anymore", "sold_car", sender="web:a.b"))
    assert "Lexus customer line" in said[0] and "noted" not in said[0]
