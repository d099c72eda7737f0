"""Escalations as dealer staff work them: scoping to one dealer, assign, hand back, resolve,
replies, and the work list; on SQLite and PostgreSQL."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import select

from bot.recall import escalations
from bot.recall.db import unit_of_work
from bot.recall.errors import EscalationClosed, UnknownEscalation
from bot.recall.models import AuditEntry, Escalation
from tests.helpers import vins_with_status

TRANSCRIPT = [{"from": "owner", "text": "my pedal sticks"}, {"from": "bot", "text": "Please stop driving."}]


def _escalation(dealer_code: str | None = "IL301", **kw) -> int:
    vin = vins_with_status("open", dealer_code)[0] if dealer_code else None
    kw = {
        "channel": "sms",
        "reason": "pedal_sticks",
        "priority": "urgent",
        "dealer_code": dealer_code,
        "vin": vin,
        "summary": "Pedal sticks",
        "transcript": TRANSCRIPT,
        **kw,
    }
    return escalations.create(kw.pop("conversation_id", "+13125550100"), **kw).id


def _row(escalation_id: int) -> Escalation:
    with unit_of_work() as s:
        return s.get(Escalation, escalation_id)


def _audit(action: str) -> list[AuditEntry]:
    with unit_of_work() as s:
        return s.execute(select(AuditEntry).where(AuditEntry.action == action).order_by(AuditEntry.id)).scalars().all()


def test_get_returns_what_the_console_shows(demo_db):
    esc_id = _escalation()
    vin = vins_with_status("open", "IL301")[0]
    esc = escalations.get(esc_id)
    assert (esc.dealer_code, esc.dealer_name, esc.vin) == ("IL301", "Lakeshore Lexus (demo)", vin)
    assert list(esc.transcript) == TRANSCRIPT
    assert (esc.status, esc.assigned_to, esc.assigned_at, esc.handed_back_at, esc.resolved_by) == (
        "open",
        None,
        None,
        None,
        None,
    )
    assert esc.with_staff
    assert escalations.get(esc_id, dealer_code="il301") == esc
    data = json.loads(json.dumps(esc.as_json()))
    assert data["transcript"] == TRANSCRIPT and data["with_staff"] is True and data["vin"] == vin


def test_staff_never_see_another_dealers_escalation(demo_db):
    mine, theirs, nobodys = _escalation("IL301"), _escalation("TX501"), _escalation(None)
    for esc_id in (theirs, nobodys, 999999):
        with pytest.raises(UnknownEscalation):
            escalations.get(esc_id, dealer_code="IL301")
        for act in (escalations.assign, escalations.hand_back, escalations.resolve):
            with pytest.raises(UnknownEscalation):
                act(esc_id, "sam@il301", dealer_code="IL301")
        with pytest.raises(UnknownEscalation):
            escalations.record_reply(esc_id, "sam@il301", "hello", dealer_code="IL301")
    with pytest.raises(UnknownEscalation):
        escalations.get(mine, dealer_code="")  # an empty code is no dealer's, not everyone's
    # Nothing changed and nothing was written for the refused attempts.
    for esc_id in (theirs, nobodys):
        row = _row(esc_id)
        assert (row.status, row.assigned_to, row.handed_back_at) == ("open", None, None)
    with unit_of_work() as s:
        assert s.execute(select(AuditEntry).where(AuditEntry.actor == "sam@il301")).first() is None
    # An admin (no dealer) sees them all.
    assert escalations.get(theirs).dealer_code == "TX501"
    assert escalations.get(nobodys).dealer_code is None
    assert [e.id for e in escalations.list_escalations("IL301")] == [mine]
    assert escalations.list_escalations("") == []
    assert {e.id for e in escalations.list_escalations()} == {mine, theirs, nobodys}


def test_assign_takes_the_escalation(demo_db):
    esc_id = _escalation()
    esc = escalations.assign(esc_id, "sam@il301", dealer_code="IL301")
    assert (esc.status, esc.assigned_to) == ("assigned", "sam@il301")
    assert esc.assigned_at is not None and esc.with_staff
    row = _row(esc_id)
    assert (row.status, row.assigned_to, row.assigned_at) == ("assigned", "sam@il301", esc.assigned_at)
    again = escalations.assign(esc_id, "ana@il301", dealer_code="IL301")
    assert again.assigned_to == "ana@il301" and again.assigned_at >= esc.assigned_at
    [first, second] = _audit("escalation.assign")
    assert (first.actor, first.entity_id, first.detail) == ("sam@il301", str(esc_id), {"previous": None})
    assert (second.actor, second.detail) == ("ana@il301", {"previous": "sam@il301"})


def test_hand_back_returns_the_conversation_to_the_bot(demo_db):
    esc_id = _escalation()
    escalations.assign(esc_id, "sam@il301")
    esc = escalations.hand_back(esc_id, "sam@il301", dealer_code="IL301")
    assert esc.status == "assigned" and esc.handed_back_at is not None
    assert not esc.with_staff
    assert _row(esc_id).handed_back_at == esc.handed_back_at
    # A second click keeps the time the bot really took over.
    assert escalations.hand_back(esc_id, "sam@il301").handed_back_at == esc.handed_back_at
    assert [a.actor for a in _audit("escalation.hand_back")] == ["sam@il301", "sam@il301"]


def test_resolve_closes_it_and_hands_the_conversation_back(demo_db):
    esc_id = _escalation()
    esc = escalations.resolve(esc_id, "sam@il301", dealer_code="IL301")
    assert (esc.status, esc.resolved_by) == ("resolved", "sam@il301")
    assert esc.resolved_at is not None and esc.handed_back_at == esc.resolved_at
    assert not esc.with_staff
    row = _row(esc_id)
    assert (row.status, row.resolved_by, row.resolved_at) == ("resolved", "sam@il301", esc.resolved_at)
    # Assigning later records who took it but does not reopen it; the first resolver stays.
    assert escalations.assign(esc_id, "ana@il301").status == "resolved"
    late = escalations.resolve(esc_id, "ana@il301")
    assert (late.resolved_by, late.resolved_at) == ("sam@il301", esc.resolved_at)
    assert [a.detail for a in _audit("escalation.resolve")] == [{}, {"already_resolved_by": "sam@il301"}]


def test_resolve_keeps_an_earlier_hand_back_time(demo_db):
    esc_id = _escalation()
    handed = escalations.hand_back(esc_id, "sam@il301").handed_back_at
    assert escalations.resolve(esc_id, "sam@il301").handed_back_at == handed


def test_a_reply_is_audited_by_length_and_assigns_the_replier(demo_db):
    esc_id = _escalation()
    text = "Hi, this is Sam at Lakeshore Lexus. Can we call you at 3?"
    esc = escalations.record_reply(esc_id, "sam@il301", text, dealer_code="IL301")
    assert (esc.status, esc.assigned_to) == ("assigned", "sam@il301")
    escalations.record_reply(esc_id, "ana@il301", "Ana here too.")
    assert escalations.get(esc_id).assigned_to == "sam@il301"  # a second replier does not take it over
    audits = _audit("escalation.reply")
    assert [(a.actor, a.detail) for a in audits] == [
        ("sam@il301", {"chars": len(text)}),
        ("ana@il301", {"chars": len("Ana here too.")}),
    ]
    assert "Lakeshore" not in json.dumps([a.detail for a in audits])
    with pytest.raises(ValueError):
        escalations.record_reply(esc_id, "sam@il301", "   ")


def test_once_handed_back_or_resolved_staff_can_no_longer_write_into_the_conversation(demo_db):
    """Issue 11, finding 7: a reply after the hand-back re-paused the owner's conversation."""
    esc = _escalation()
    assert escalations.open_for_reply(esc).id == esc
    escalations.record_reply(esc, "Ann", "Hi, this is Ann.")
    escalations.hand_back(esc, "Ann")
    assert not escalations.get(esc).with_staff
    for attempt in (escalations.open_for_reply, lambda e: escalations.record_reply(e, "Ann", "One more thing")):
        with pytest.raises(EscalationClosed):
            attempt(esc)
    assert not escalations.get(esc).with_staff
    resolved = _escalation(conversation_id="other")
    escalations.resolve(resolved, "Ann")
    with pytest.raises(EscalationClosed):
        escalations.open_for_reply(resolved)


def test_the_work_list_is_urgent_first_then_oldest(demo_db):
    normal_old = _escalation(priority="normal", conversation_id="a")
    urgent_new = _escalation(priority="urgent", conversation_id="b")
    high = _escalation(priority="high", conversation_id="c")
    urgent_newer = _escalation(priority="urgent", conversation_id="d")
    elsewhere = _escalation("TX501", priority="urgent", conversation_id="e")
    ids = lambda found: [e.id for e in found]  # noqa: E731
    assert ids(escalations.list_escalations("IL301")) == [urgent_new, urgent_newer, high, normal_old]
    assert ids(escalations.list_escalations()) == [urgent_new, urgent_newer, elsewhere, high, normal_old]
    escalations.resolve(urgent_new, "sam@il301")
    escalations.assign(high, "sam@il301")
    assert ids(escalations.list_escalations("IL301", active=True)) == [urgent_newer, high, normal_old]
    assert ids(escalations.list_escalations("IL301", status="resolved")) == [urgent_new]
    assert ids(escalations.list_escalations(status="assigned", active=True)) == [high]


def test_an_owner_waiting_on_staff_is_told_now_and_then_until_staff_reply(demo_db):
    from datetime import timedelta

    from sqlalchemy import update

    from bot.recall.models import utcnow

    esc = _escalation()
    conversation = escalations.get(esc).conversation_id
    assert escalations.acknowledge_waiting([conversation]).id == esc
    assert escalations.acknowledge_waiting([conversation]) is None  # not after every message
    with unit_of_work(write=True) as s:  # half an hour later
        s.execute(
            update(AuditEntry)
            .where(AuditEntry.action == "escalation.owner_ack")
            .values(at=utcnow() - escalations.ACK_EVERY - timedelta(seconds=1))
        )
    assert escalations.acknowledge_waiting([conversation]).id == esc
    with unit_of_work(write=True) as s:
        s.execute(
            update(AuditEntry)
            .where(AuditEntry.action == "escalation.owner_ack")
            .values(at=utcnow() - escalations.ACK_EVERY - timedelta(seconds=1))
        )
    escalations.record_reply(esc, "Ann", "On it.")
    assert escalations.acknowledge_waiting([conversation]) is None  # staff are talking to them
    escalations.hand_back(esc, "Ann")
    assert escalations.acknowledge_waiting(["+19995550000", conversation]) is None
