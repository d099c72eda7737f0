"""Remedy kits inside the caller's transaction: which times a booking may take, and the ledger
steps that scheduling, remedies and parts share.

The rule. A booking holds one kit of the dealer's count (reserved), not a dated kit. A time t is
bookable when a kit can be at the dealer by t:
- reserved < on_hand + kits on open order lines expected by t (an unheld kit on the shelf is
  there already), or
- t is at least the dealer's parts lead time from now: the parts desk can still order for it.
Bookings of the second kind make reserved exceed on_hand + on_order; that gap is what the parts
status suggests ordering (bot.recall.parts).
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from bot.recall import audit
from bot.recall.db import insert_for
from bot.recall.models import Dealer, PartsOrder, PartsStock
from bot.recall.vocab import PartsOrderStatus


def lead_time_end(dealer: Dealer, now: datetime) -> datetime:
    """When a kit ordered now would be on the shelf."""
    return now + timedelta(days=dealer.parts_lead_days)


def _stock(dealer_id: int, campaign_id: int):
    return PartsStock.dealer_id == dealer_id, PartsStock.campaign_id == campaign_id


def hold(s: Session, dealer_id: int, campaign_id: int) -> None:
    """Locks the dealer's stock row until commit, creating it at zero when missing.

    Why a lock before the guarded UPDATE in `reserve`: on PostgreSQL an UPDATE that waited for a
    concurrent ledger change re-checks its WHERE against the new row, but reads parts_orders from
    its old snapshot: a line cancelled meanwhile would still count as arriving, and a kit received
    meanwhile could count twice (on the shelf and on its line). Once the lock is held, the guarded
    UPDATE is a new statement that sees every committed change, and as every ledger change also
    updates this row, none can commit in between. (An upsert: a dealer that never stocked the kit
    gets its row.)
    """
    s.execute(
        insert_for(s)(PartsStock)
        .values(dealer_id=dealer_id, campaign_id=campaign_id, on_hand=0, reserved=0, on_order=0)
        .on_conflict_do_update(index_elements=["dealer_id", "campaign_id"], set_={"reserved": PartsStock.reserved})
    )


def _arriving_by(dealer_id: int, campaign_id: int, t: datetime):
    """Kits on the dealer's open order lines expected by `t`, as a scalar subquery."""
    return (
        select(func.coalesce(func.sum(PartsOrder.quantity), 0))
        .where(
            PartsOrder.dealer_id == dealer_id,
            PartsOrder.campaign_id == campaign_id,
            PartsOrder.status == PartsOrderStatus.ORDERED,
            PartsOrder.expected_at <= t,
        )
        .scalar_subquery()
    )


def reserve(s: Session, dealer: Dealer, campaign_id: int, start: datetime, now: datetime) -> bool:
    """Holds one kit for a booking at `start`; False when the rule says no kit can be there by then."""
    hold(s, dealer.id, campaign_id)
    q = update(PartsStock).where(*_stock(dealer.id, campaign_id))
    if start < lead_time_end(dealer, now):
        # The guard, in the database so that two bookings never count on the same kit.
        q = q.where(PartsStock.reserved < PartsStock.on_hand + _arriving_by(dealer.id, campaign_id, start))
    # No PartsStock objects live in these sessions, and a subquery cannot be evaluated in Python.
    q = q.values(reserved=PartsStock.reserved + 1).execution_options(synchronize_session=False)
    return s.execute(q).rowcount == 1


def release(s: Session, dealer_id: int, campaign_id: int) -> None:
    """A booking's kit goes back (cancelled, or moved: `reserve` takes it again)."""
    s.execute(update(PartsStock).where(*_stock(dealer_id, campaign_id)).values(reserved=PartsStock.reserved - 1))


def ready_at(s: Session, dealer: Dealer, campaign_id: int, now: datetime) -> datetime | None:
    """The earliest start the rule lets a new booking take: None while a kit on the shelf is free
    (any time), else when open order lines bring the next kit, else the end of the lead time.

    One pass over the open lines, so free_slots filters every slot with this one time; it agrees
    with `reserve`: sum(lines expected by t) > reserved - on_hand exactly from this time on.
    """
    row = s.execute(
        select(PartsStock.on_hand, PartsStock.reserved).where(*_stock(dealer.id, campaign_id))
    ).one_or_none()
    on_hand, reserved = (row.on_hand, row.reserved) if row else (0, 0)
    if reserved < on_hand:
        return None
    end = lead_time_end(dealer, now)
    missing = reserved - on_hand + 1
    lines = s.execute(
        select(PartsOrder.expected_at, PartsOrder.quantity)
        .where(
            PartsOrder.dealer_id == dealer.id,
            PartsOrder.campaign_id == campaign_id,
            PartsOrder.status == PartsOrderStatus.ORDERED,
            PartsOrder.expected_at < end,
        )
        .order_by(PartsOrder.expected_at)
    )
    for expected_at, quantity in lines:
        missing -= quantity
        if missing <= 0:
            return expected_at
    return end


def order(
    s: Session,
    dealer: Dealer,
    campaign_id: int,
    quantity: int,
    *,
    reason: str,
    actor: str,
    now: datetime,
    appointment_id: int | None = None,
    vehicle_id: int | None = None,
) -> PartsOrder:
    """Adds an order line, expected after the dealer's lead time, and counts it in on_order.
    The stock row must exist (`hold` it, or it was just updated in this transaction)."""
    line = PartsOrder(
        dealer_id=dealer.id,
        campaign_id=campaign_id,
        quantity=quantity,
        status=PartsOrderStatus.ORDERED,
        reason=reason,
        appointment_id=appointment_id,
        vehicle_id=vehicle_id,
        created_at=now,
        created_by=actor,
        expected_at=lead_time_end(dealer, now),
    )
    s.add(line)
    s.execute(update(PartsStock).where(*_stock(dealer.id, campaign_id)).values(on_order=PartsStock.on_order + quantity))
    s.flush()
    audit.record(
        s,
        actor,
        "parts.order",
        "parts_order",
        line.id,
        dealer=dealer.code,
        quantity=quantity,
        reason=reason,
        expected_at=line.expected_at.isoformat(),
    )
    return line
