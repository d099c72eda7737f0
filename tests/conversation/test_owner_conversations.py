"""Whole owner conversations through the real Rasa server and action server (REST channel).

Asserts on what the owner reads and on what the recall database holds afterwards.
"""

from __future__ import annotations

import re
import uuid

import pytest

from bot.recall import campaigns, escalations, scheduling, vehicles
from tests.helpers import short_when, vins_with_status, when
from tests.servers import alive, seeded


@pytest.fixture(scope="module")
def servers(tmp_path_factory):
    srv = seeded(tmp_path_factory.mktemp("conversations"), {})
    yield srv
    rasa, actions = srv.pid("rasa"), srv.pid("actions")
    assert srv.stop() == 0
    assert not alive(rasa) and not alive(actions), "Ctrl-C must stop both servers"


@pytest.fixture
def db(servers, monkeypatch):
    """Point this test's own service calls at the servers' recall database."""
    monkeypatch.setenv("RECALLBOT_DATABASE_URL", servers.db_url)
    return servers


def owner() -> str:
    return f"owner-{uuid.uuid4().hex[:8]}"


def menu(replies: list[str]) -> list[str]:
    """The numbered times a reply offers, as the owner reads them."""
    return re.findall(r"^\d\) (.+)$", "\n".join(replies), re.M)


def booked_by_a_new_owner(db, vin: str):
    """An owner who sends the VIN, says yes and takes the first time; returns (conversation, appointment)."""
    me = owner()
    db.say(me, vin)
    db.say(me, "yes")
    db.say(me, "1")
    [appt] = scheduling.list_appointments(vin=vin)
    return me, appt


def test_an_owner_books_the_remedy_in_a_few_turns(db):
    vin = vins_with_status("open", "TX501")[0]
    me = owner()
    assert "VIN" in db.say(me, "hi i got a recall letter for my lexus")[0]
    checked = " ".join(db.say(me, vin))
    assert "has Safety Recall BLC open" in checked
    assert campaigns.facts("BLC").remedy in checked
    assert "book" in checked
    offered = menu(db.say(me, "yes please"))
    assert len(offered) == 3
    booked = " ".join(db.say(me, "2"))
    assert "You're booked" in booked and "Preston Lexus (demo)" in booked
    [appt] = scheduling.list_appointments(vin=vin)
    assert (appt.dealer_code, appt.status, appt.channel, appt.conversation_id) == (
        "TX501",
        "booked",
        "chat",
        db.web_ids[me],
    )
    assert short_when(appt.local_start()) == offered[1]
    assert f"Confirmation number {appt.id}" in booked
    status = " ".join(db.say(me, "when is my appt?"))
    assert when(appt.local_start()) in status and str(appt.id) in status


def test_a_time_wish_is_read_in_the_dealers_time_zone(db):
    vin = vins_with_status("open", "IL301")[0]
    me = owner()
    db.say(me, vin)
    db.say(me, "book it")
    offered = menu(db.say(me, "next tuesday after 3"))
    assert offered and all(t.startswith("Tue") for t in offered)
    assert all(re.search(r"(3|4|5):00 PM", t) for t in offered)
    db.say(me, "1")
    [appt] = scheduling.list_appointments(vin=vin)
    local = appt.local_start()
    assert (local.strftime("%A"), local.hour >= 15, str(local.tzinfo)) == ("Tuesday", True, "America/Chicago")


def test_a_zip_code_finds_another_dealer(db):
    vin = vins_with_status("open", "TX501")[1]
    me = owner()
    db.say(me, vin)
    db.say(me, "yes")
    found = " ".join(db.say(me, "actually I'm in LA now, 90025"))
    assert "Pacific Coast Lexus (demo)" in found and len(menu([found])) == 3
    db.say(me, "3")
    [appt] = scheduling.list_appointments(vin=vin)
    assert appt.dealer_code == "CA401" and str(appt.local_start().tzinfo) == "America/Los_Angeles"


def test_remedied_unlisted_and_mistyped_vins(db):
    remedied = vins_with_status("remedied")[0]
    record = vehicles.lookup(remedied)
    done = " ".join(db.say(owner(), f"my vin is {remedied}"))
    assert "already done" in done and record.recalls[0].remedied_by in done
    unlisted = " ".join(db.say(owner(), "1HGCM82633A004352"))
    assert "not on the Safety Recall BLC list" in unlisted
    assert campaigns.facts("BLC").customer_line in unlisted
    me = owner()
    assert "you sent 16" in " ".join(db.say(me, "JTJHA31U74001234"))
    assert "check digit" in " ".join(db.say(me, "JTJHA31U740012346"))
    third = " ".join(db.say(me, "JTJHA31U7400123"))
    assert "person from the dealership" in third


def test_questions_are_answered_from_the_campaign_facts(db):
    facts = campaigns.facts("BLC")
    me = owner()
    assert facts.defect_summary in " ".join(db.say(me, "what is wrong with my car"))
    assert "free" in " ".join(db.say(me, "do i have to pay for this")).lower()
    assert "your dealer will confirm" in " ".join(db.say(me, "how long does the repair take"))
    assert facts.related_recalls in " ".join(db.say(me, "i already had the clips replaced back in 2006"))
    db.say(me, vins_with_status("open", "NY101")[0])
    assert "Hudson Lexus (demo) estimates" in " ".join(db.say(me, "how long will it take"))


def test_appointment_details_need_the_owners_name_and_zip(db):
    vin = vins_with_status("open", "FL201")[0]
    _, appt = booked_by_a_new_owner(db, vin)
    record = vehicles.lookup(vin)
    stranger = owner()
    db.say(stranger, vin)
    asked = " ".join(db.say(stranger, "when is my appointment"))
    assert "last name" in asked and short_when(appt.local_start()) not in asked
    wrong = " ".join(db.say(stranger, "Smithers 99999"))
    assert "doesn't match" in wrong and str(appt.id) not in wrong
    last_name = record.owner_name.split()[-1]
    shown = " ".join(db.say(stranger, f"{last_name} {record.owner_zip}"))
    assert f"confirmation number {appt.id}" in shown


def test_a_stuffed_identity_answer_and_guessing_in_fresh_conversations_reveal_nothing(db):
    """Finding 3: a message listing many names and ZIP codes passed the check, and each new
    conversation could guess again without end."""
    vin = vins_with_status("open", "AZ601")[2]  # a vehicle no other test here uses
    _, appt = booked_by_a_new_owner(db, vin)
    record = vehicles.lookup(vin)
    last_name, zip_code = record.owner_name.split()[-1], record.owner_zip
    stuffed = f"smith, jones, garcia, {last_name}, lee {zip_code} 60601 75201"
    told = []
    for attempt in (stuffed, "Smithers 99999", "Jones 98101"):
        guesser = owner()  # a fresh conversation for every guess
        db.say(guesser, vin)
        assert "last name" in " ".join(db.say(guesser, "when is my appointment"))
        told.append(" ".join(db.say(guesser, attempt)))
    assert all(f"number {appt.id}" not in t and "match" in t for t in told), told  # each one counted
    # Three wrong answers for this vehicle: now even the right one is refused, in any conversation.
    owner_now = owner()
    db.say(owner_now, vin)
    asked = " ".join(db.say(owner_now, "when is my appointment"))
    answer = " ".join(db.say(owner_now, f"{last_name} {zip_code}"))
    assert f"number {appt.id}" not in asked + answer and "person" in asked + answer
    assert scheduling.booked_for_vin(vin).status == "booked"


def test_reschedule_then_cancel(db):
    vin = vins_with_status("open", "GA202")[0]
    me, first = booked_by_a_new_owner(db, vin)
    offered = menu(db.say(me, "i need to move my appointment"))
    db.say(me, "3")
    [moved] = scheduling.list_appointments(vin=vin)
    assert moved.id == first.id and short_when(moved.local_start()) == offered[2]
    assert "Cancel your appointment" in " ".join(db.say(me, "please cancel my appointment"))
    assert "cancelled" in " ".join(db.say(me, "yes"))
    assert scheduling.list_appointments(vin=vin)[0].status == "cancelled"


def test_two_misses_in_a_row_hand_over_to_a_person(db):
    me = owner()
    assert "didn't catch" in " ".join(db.say(me, "blorf zzkq"))
    assert "Safety Recall BLC" in " ".join(db.say(me, "what is this recall about"))
    assert "didn't catch" in " ".join(db.say(me, "wibble wobble frmp"))  # not two in a row
    assert not [e for e in escalations.list_escalations() if e.conversation_id == db.web_ids[me]]
    told = " ".join(db.say(me, "zzkq blorf"))
    assert "still not following" in told and "A member of the Lexus dealer team will contact you." in told
    [esc] = [e for e in escalations.list_escalations() if e.conversation_id == db.web_ids[me]]
    assert (esc.reason, esc.priority, esc.status) == ("not_understood", "normal", "open")
    assert db.say(me, "hello?") == []  # paused until staff hand back


def test_a_sticking_pedal_gets_the_safety_instruction_and_an_urgent_escalation(db):
    me = owner()
    db.say(me, vins_with_status("open", "CO701")[0])
    reply = " ".join(db.say(me, "my gas pedal got stuck on the carpet this morning"))
    assert "911" in reply and "do not drive" in reply and "Front Range Lexus (demo)" in reply
    [esc] = [e for e in escalations.list_escalations() if e.conversation_id == db.web_ids[me]]
    assert (esc.reason, esc.priority, esc.dealer_code) == ("warning_sign", "urgent", "CO701")


def test_a_crashed_rasa_or_action_server_loses_nothing(db):
    vin = vins_with_status("open", "WA801")[0]
    me = owner()
    db.say(me, vin)
    offered = menu(db.say(me, "yes"))
    db.kill("rasa")
    db.start()
    db.kill("actions")
    db.start()
    booked = " ".join(db.say(me, "2"))
    assert "You're booked" in booked
    [appt] = scheduling.list_appointments(vin=vin)
    assert short_when(appt.local_start()) == offered[1]
