"""Escalations: conversations handed to dealer staff, with reason, priority and transcript."""

from __future__ import annotations

from sqlalchemy import case, select

from bot.recall import audit
from bot.recall.db import unit_of_work
from bot.recall.models import Dealer, Escalation, Vehicle
from bot.recall.records import EscalationInfo

_PRIORITY_ORDER = case({"urgent": 0, "high": 1, "normal": 2}, value=Escalation.priority, else_=3)


def create(
    conversation_id: str,
    *,
    channel: str,
    reason: str,
    priority: str = "normal",
    dealer_code: str | None = None,
    vin: str | None = None,
    summary: str = "",
    transcript: list[dict] | None = None,
    actor: str = "bot",
) -> EscalationInfo:
    with unit_of_work(write=True) as s:
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
            status="open",
            summary=summary,
            transcript=transcript or [],
        )
        s.add(esc)
        s.flush()
        audit.record(s, actor, "escalation.create", "escalation", esc.id, reason=reason, priority=priority)
        s.flush()
        s.refresh(esc)
        return EscalationInfo.of(esc)


def list_escalations(dealer_code: str | None = None, *, status: str | None = None) -> list[EscalationInfo]:
    """Urgent first, then oldest first: the order staff should work them in."""
    with unit_of_work() as s:
        q = select(Escalation).outerjoin(Dealer).order_by(_PRIORITY_ORDER, Escalation.created_at, Escalation.id)
        if dealer_code:
            q = q.where(Dealer.code == dealer_code.upper())
        if status:
            q = q.where(Escalation.status == status)
        return [EscalationInfo.of(e) for e in s.execute(q).unique().scalars()]
