"""Escalations: conversations handed to dealer staff, with reason, priority and transcript.

Staff of a dealer see and change only that dealer's escalations (dealer_code given); an
admin (dealer_code None) sees every one. Each staff action is one short write unit with its
audit row, the actor being the staff member.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime, timedelta

from sqlalchemy import case, select
from sqlalchemy.orm import Session

from bot.recall import audit, quotas, routing
from bot.recall.db import unit_of_work
from bot.recall.errors import EscalationClosed, UnknownEscalation
from bot.recall.models import AuditEntry, Dealer, Escalation, Vehicle, utcnow
from bot.recall.records import DealerInfo, EscalationInfo
from bot.recall.vocab import SERVED, EscalationStatus, Priority

_PRIORITY_ORDER = case({Priority.URGENT: 0, Priority.HIGH: 1, Priority.NORMAL: 2}, value=Escalation.priority, else_=3)


def create(
    conversation_id: str,
    *,
    channel: str,
    reason: str,
    priority: str = Priority.NORMAL,
    dealer_code: str | None = None,
    vin: str | None = None,
    summary: str = "",
    transcript: list[dict] | None = None,
    actor: str = "bot",
) -> EscalationInfo:
    with unit_of_work(write=True) as s:
        return EscalationInfo.of(
            _insert(
                s,
                conversation_id,
                channel=channel,
                reason=reason,
                priority=priority,
                dealer_code=dealer_code,
                vin=vin,
                summary=summary,
                transcript=transcript,
                actor=actor,
            )
        )


def _insert(
    s: Session,
    conversation_id: str,
    *,
    channel: str,
    reason: str,
    priority: str,
    dealer_code: str | None,
    vin: str | None,
    summary: str,
    transcript: list[dict] | None,
    actor: str,
    alerted_at: datetime | None = None,
) -> Escalation:
    dealer_id = vehicle_id = None
    if dealer_code:
        dealer_id = s.execute(select(Dealer.id).where(Dealer.code == dealer_code.upper())).scalar_one_or_none()
    if vin:
        vehicle_id = s.execute(select(Vehicle.id).where(Vehicle.vin == vin)).scalar_one_or_none()
    esc = Escalation(
        conversation_id=conversation_id,
        channel=channel,
        dealer_id=dealer_id,
        vehicle_id=vehicle_id,
        reason=reason,
        priority=priority,
        status=EscalationStatus.OPEN,
        summary=summary,
        transcript=transcript or [],
        dealer_alerted_at=alerted_at if dealer_id else None,
    )
    s.add(esc)
    s.flush()
    audit.record(s, actor, "escalation.create", "escalation", esc.id, reason=reason, priority=priority)
    s.flush()
    s.refresh(esc)
    return esc


@dataclass(frozen=True)
class OwnerEscalation:
    """What came of an owner's hand-off: the escalation (None: the conversation or its number has
    had its escalations for the day, bot.recall.quotas, and nothing was recorded), whether the
    dealer's escalation contact should be texted about it (at most once an hour per conversation:
    later escalations are in the console's queue, without a text), and the dealer it went to (by
    `open_for`'s routing; what the owner is told names it, even when nothing new was recorded)."""

    escalation: EscalationInfo | None
    alert_dealer: bool = False
    dealer: DealerInfo | None = None


def open_for(
    conversation_id: str,
    *,
    channel: str,
    reason: str,
    priority: str = Priority.NORMAL,
    vin: str | None = None,
    phone: str | None = None,
    chosen_dealer: str | None = None,
    zip_typed: str | None = None,
    summary: str = "",
    transcript: list[dict] | None = None,
    campaign: str = SERVED,
) -> OwnerEscalation:
    """The bot's hand-off, routed and recorded in one unit of work: the vehicle (the VIN given,
    else the one vehicle on the campaign's list whose owner has `phone`), the dealer who owns the
    escalation (bot.recall.routing), then the limits on strangers and the escalation."""
    with unit_of_work(write=True) as s:
        vehicle = routing.vehicle_of(s, vin, phone, campaign)
        dealer, miles = routing.dealer_for(s, vehicle, campaign, chosen_dealer, zip_typed)
        opened = _open(
            s,
            conversation_id,
            channel,
            reason,
            priority,
            dealer.code if dealer else None,
            vehicle.vin if vehicle else vin,
            summary,
            transcript,
        )
        return replace(opened, dealer=DealerInfo.of(dealer, miles) if dealer else None)


def _open(
    s: Session,
    conversation_id: str,
    channel: str,
    reason: str,
    priority: str,
    dealer_code: str | None,
    vin: str | None,
    summary: str,
    transcript: list[dict] | None,
) -> OwnerEscalation:
    now = utcnow()
    if quotas.escalation_refusal(s, conversation_id, now):
        return OwnerEscalation(None)
    alert = bool(dealer_code) and quotas.dealer_alert_due(s, conversation_id, reason, now)
    esc = _insert(
        s,
        conversation_id,
        channel=channel,
        reason=reason,
        priority=priority,
        dealer_code=dealer_code,
        vin=vin,
        summary=summary,
        transcript=transcript,
        actor="bot",
        alerted_at=now if alert else None,
    )
    return OwnerEscalation(EscalationInfo.of(esc), alert_dealer=alert and esc.dealer_id is not None)


def list_escalations(
    dealer_code: str | None = None, *, status: str | None = None, active: bool = False
) -> list[EscalationInfo]:
    """Urgent first, then oldest first: the order staff should work them in.

    dealer_code None is an admin's view (every dealer); `active` leaves out resolved ones.
    """
    with unit_of_work() as s:
        q = select(Escalation).outerjoin(Dealer).order_by(_PRIORITY_ORDER, Escalation.created_at, Escalation.id)
        # `is not None`: an empty dealer code must match nothing, never widen to every dealer.
        if dealer_code is not None:
            q = q.where(Dealer.code == dealer_code.upper())
        if status:
            q = q.where(Escalation.status == status)
        if active:
            q = q.where(Escalation.status != EscalationStatus.RESOLVED)
        return [EscalationInfo.of(e) for e in s.execute(q).unique().scalars()]


def _scoped(s: Session, escalation_id: int, dealer_code: str | None, *, lock: bool = False) -> Escalation:
    """The escalation, if this dealer's staff may see it (dealer_code None: an admin sees all).

    Another dealer's escalation raises the same UnknownEscalation as a missing one, so staff
    cannot even learn that it exists.
    """
    q = select(Escalation).where(Escalation.id == escalation_id)
    if lock:
        # Two staff acting at once change the row one after the other (a no-op on SQLite,
        # where BEGIN IMMEDIATE already serializes writers). OF: the eager joins are outer.
        q = q.with_for_update(of=Escalation)
    esc = s.execute(q).unique().scalar_one_or_none()
    if esc is None or (dealer_code is not None and (esc.dealer is None or esc.dealer.code != dealer_code.upper())):
        raise UnknownEscalation(f"no escalation {escalation_id}")
    return esc


def get(escalation_id: int, *, dealer_code: str | None = None) -> EscalationInfo:
    with unit_of_work() as s:
        return EscalationInfo.of(_scoped(s, escalation_id, dealer_code))


def _change(
    escalation_id: int,
    staff: str,
    dealer_code: str | None,
    action: str,
    apply: Callable[[Escalation, datetime], dict],
) -> EscalationInfo:
    """One staff action: one short write unit, the change and its audit row together."""
    with unit_of_work(write=True) as s:
        esc = _scoped(s, escalation_id, dealer_code, lock=True)
        detail = apply(esc, utcnow())
        audit.record(s, staff, action, "escalation", esc.id, **detail)
        s.flush()
        return EscalationInfo.of(esc)


def _take(esc: Escalation, staff: str, now: datetime) -> dict:
    previous = esc.assigned_to
    esc.assigned_to, esc.assigned_at = staff, now
    if esc.status != EscalationStatus.RESOLVED:  # assigning never reopens a resolved escalation
        esc.status = EscalationStatus.ASSIGNED
    return {"previous": previous}


def assign(escalation_id: int, staff: str, *, dealer_code: str | None = None) -> EscalationInfo:
    return _change(escalation_id, staff, dealer_code, "escalation.assign", lambda esc, now: _take(esc, staff, now))


def _hand_back(esc: Escalation, now: datetime) -> dict:
    # The first hand-back is when the bot took over again; a second click changes nothing.
    if esc.handed_back_at is None:
        esc.handed_back_at = now
    return {}


def hand_back(escalation_id: int, staff: str, *, dealer_code: str | None = None) -> EscalationInfo:
    """The conversation goes back to the bot; the escalation stays open until resolved."""
    return _change(escalation_id, staff, dealer_code, "escalation.hand_back", _hand_back)


def _resolve(esc: Escalation, staff: str, now: datetime) -> dict:
    if esc.status == EscalationStatus.RESOLVED:  # two staff resolving at once: the first stays on record
        return {"already_resolved_by": esc.resolved_by}
    esc.status, esc.resolved_at, esc.resolved_by = EscalationStatus.RESOLVED, now, staff
    _hand_back(esc, now)  # a resolved conversation is the bot's again
    return {}


def resolve(escalation_id: int, staff: str, *, dealer_code: str | None = None) -> EscalationInfo:
    return _change(escalation_id, staff, dealer_code, "escalation.resolve", lambda esc, now: _resolve(esc, staff, now))


def _reply(esc: Escalation, staff: str, now: datetime, chars: int) -> dict:
    _still_with_staff(esc)
    if esc.assigned_to is None:  # whoever answers first owns the escalation
        _take(esc, staff, now)
    return {"chars": chars}


def _still_with_staff(esc: Escalation) -> None:
    if esc.status == EscalationStatus.RESOLVED or esc.handed_back_at is not None:
        raise EscalationClosed(f"escalation #{esc.id} was handed back to the assistant")


def open_for_reply(escalation_id: int, *, dealer_code: str | None = None) -> EscalationInfo:
    """The escalation, if staff may still write into its conversation; EscalationClosed once it
    was handed back or resolved. Checked before the console sends anything."""
    with unit_of_work() as s:
        esc = _scoped(s, escalation_id, dealer_code)
        _still_with_staff(esc)
        return EscalationInfo.of(esc)


def record_reply(escalation_id: int, staff: str, text: str, *, dealer_code: str | None = None) -> EscalationInfo:
    """Notes that staff sent the owner a message. The audit row keeps its length, not its words:
    the text is in Rasa's transcript, and the audit log should not become a second copy of
    owners' conversations."""
    if not text.strip():
        raise ValueError("a reply needs some text")
    return _change(
        escalation_id, staff, dealer_code, "escalation.reply", lambda esc, now: _reply(esc, staff, now, len(text))
    )


# An owner who texts while staff have the conversation (the bot is paused) hears back once in
# this long, until staff reply themselves: silence would read as "nobody got it".
ACK_EVERY = timedelta(minutes=30)


def acknowledge_waiting(conversation_ids: list[str]) -> EscalationInfo | None:
    """The escalation an owner's new message is waiting on, when the owner should be told it
    arrived: with staff, no staff reply yet, and no such notice in the last ACK_EVERY. Records the
    notice (audit "escalation.owner_ack"); None when nothing should be sent."""
    now = utcnow()
    with unit_of_work(write=True) as s:
        esc = (
            s.execute(
                select(Escalation)
                .where(
                    Escalation.conversation_id.in_(conversation_ids),
                    Escalation.status != EscalationStatus.RESOLVED,
                    Escalation.handed_back_at.is_(None),
                )
                .order_by(Escalation.created_at.desc())
                .limit(1)
            )
            .unique()
            .scalar_one_or_none()
        )
        if esc is None:
            return None
        recent = s.execute(
            select(AuditEntry.action, AuditEntry.at).where(
                AuditEntry.entity == "escalation",
                AuditEntry.entity_id == str(esc.id),
                AuditEntry.action.in_(("escalation.reply", "escalation.owner_ack")),
            )
        ).all()
        if any(a.action == "escalation.reply" or now - a.at < ACK_EVERY for a in recent):
            return None
        audit.record(s, "bot", "escalation.owner_ack", "escalation", esc.id)
        return EscalationInfo.of(esc)
