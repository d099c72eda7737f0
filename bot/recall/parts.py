"""The parts ledger: a dealer's remedy kits, its order lines, and what to order.

It follows the dealer letter (Parts Ordering): check current stock levels (`status`), base
orders on customer appointments (`suggested_order`), replenish "sell one, buy one" (completing
a remedy orders one kit for the one it used, in remedies.complete).

Running totals per dealer and campaign (parts_stock), moved in the same transaction as the
order lines and appointments they count:
- on_hand: on the shelf; + a received line's quantity, - a kit fitted.
- reserved: one per booked appointment; it may exceed on_hand (see bot.recall.kits).
- on_order: the quantities of the lines still "ordered".
suggested_order = max(0, reserved - on_hand - on_order): the booked appointments that neither
the shelf nor an open order covers. Walk-ins and stock vehicles are not forecast: each kit
they use is replaced by its own replenish line.
"""

from __future__ import annotations

from collections import defaultdict
from zoneinfo import ZoneInfo

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from bot.recall import audit, campaigns, dealers, kits
from bot.recall.db import unit_of_work
from bot.recall.errors import OrderNotOpen, PartsError, UnknownPartsOrder
from bot.recall.models import Appointment, Campaign, Dealer, PartsOrder, PartsStock, utcnow
from bot.recall.records import PartsOrderLine, PartsStatus
from bot.recall.vocab import SERVED, AppointmentStatus, PartsOrderReason, PartsOrderStatus

# What staff may order for; "replenish" lines come only from completed remedies.
ORDER_REASONS = (PartsOrderReason.APPOINTMENTS.value, PartsOrderReason.MANUAL.value)


def status(dealer_code: str, campaign: str = SERVED) -> PartsStatus:
    with unit_of_work() as s:
        return _statuses(s, [dealers.row(s, dealer_code)], campaign)[0]


def status_all(campaign: str = SERVED) -> list[PartsStatus]:
    """Every dealer's status, by dealer code."""
    with unit_of_work() as s:
        return _statuses(s, s.execute(select(Dealer).order_by(Dealer.code)).scalars().all(), campaign)


def _statuses(s: Session, dealers: list[Dealer], campaign: str) -> list[PartsStatus]:
    """A few queries for all the dealers at once, not a few per dealer."""
    campaign_id, now, ids = campaigns.campaign_id(s, campaign), utcnow(), [d.id for d in dealers]
    stock = {
        row.dealer_id: row
        for row in s.execute(
            select(PartsStock).where(PartsStock.campaign_id == campaign_id, PartsStock.dealer_id.in_(ids))
        ).scalars()
    }
    lines: dict[int, list[PartsOrderLine]] = defaultdict(list)
    for o in s.execute(
        select(PartsOrder)
        .where(
            PartsOrder.campaign_id == campaign_id,
            PartsOrder.dealer_id.in_(ids),
            PartsOrder.status == PartsOrderStatus.ORDERED,
        )
        .order_by(PartsOrder.expected_at, PartsOrder.id)
    ).scalars():
        lines[o.dealer_id].append(PartsOrderLine.of(o, campaign))
    booked = Appointment.campaign_id == campaign_id, Appointment.status == AppointmentStatus.BOOKED
    ahead = dict(
        s.execute(
            select(Appointment.dealer_id, func.count(Appointment.id))
            .where(*booked, Appointment.dealer_id.in_(ids), Appointment.start >= now)
            .group_by(Appointment.dealer_id)
        ).all()
    )
    found = []
    for d in dealers:
        row = stock.get(d.id)
        on_hand, reserved, on_order = (row.on_hand, row.reserved, row.on_order) if row else (0, 0, 0)
        first_uncovered = None
        if reserved > on_hand + on_order:
            # Kits go to bookings in start order: the shelf's first, then those on order.
            first_uncovered = s.execute(
                select(Appointment.start)
                .where(*booked, Appointment.dealer_id == d.id)
                .order_by(Appointment.start, Appointment.id)
                .offset(on_hand + on_order)
                .limit(1)
            ).scalar_one_or_none()
        found.append(
            PartsStatus(
                dealer_code=d.code,
                dealer_name=d.name,
                dealer_timezone=d.timezone,
                campaign=campaign,
                lead_days=d.parts_lead_days,
                on_hand=on_hand,
                reserved=reserved,
                on_order=on_order,
                open_orders=tuple(lines[d.id]),
                booked_ahead=ahead.get(d.id, 0),
                first_uncovered=first_uncovered,
            )
        )
    return found


def orders(dealer_code: str, status: str | None = None, campaign: str = SERVED) -> list[PartsOrderLine]:
    """A dealer's order lines, newest first; `status` ordered, received or cancelled narrows them."""
    with unit_of_work() as s:
        dealer = dealers.row(s, dealer_code)
        q = select(PartsOrder).where(
            PartsOrder.dealer_id == dealer.id, PartsOrder.campaign_id == campaigns.campaign_id(s, campaign)
        )
        if status:
            q = q.where(PartsOrder.status == status)
        return [PartsOrderLine.of(o, campaign) for o in s.execute(q.order_by(PartsOrder.id.desc())).scalars()]


def place_order(
    dealer_code: str, quantity: int, *, actor: str, reason: str = PartsOrderReason.APPOINTMENTS, campaign: str = SERVED
) -> PartsOrderLine:
    """A new order line, expected after the dealer's parts lead time."""
    if quantity < 1:
        raise PartsError("An order needs at least one kit.")
    if reason not in ORDER_REASONS:
        raise PartsError(f"The reason for an order is one of: {', '.join(ORDER_REASONS)}.")
    with unit_of_work(write=True) as s:
        dealer = dealers.row(s, dealer_code)
        campaign_id = campaigns.campaign_id(s, campaign)
        kits.hold(s, dealer.id, campaign_id)
        line = kits.order(s, dealer, campaign_id, quantity, reason=reason, actor=actor, now=utcnow())
        return PartsOrderLine.of(line, campaign)


def receive(order_id: int, dealer_code: str, *, actor: str) -> PartsOrderLine:
    """The kits of an open line are on the shelf: on_hand up, on_order down, once only."""
    return _close(order_id, dealer_code, actor=actor, to=PartsOrderStatus.RECEIVED)


def cancel_order(order_id: int, dealer_code: str, *, actor: str) -> PartsOrderLine:
    """An open line will not come: on_order down. Bookings counting on it show up as suggested_order."""
    return _close(order_id, dealer_code, actor=actor, to=PartsOrderStatus.CANCELLED)


def _close(order_id: int, dealer_code: str, *, actor: str, to: str) -> PartsOrderLine:
    """Moves an open line to `to` with one UPDATE conditional on its status, so two people pressing
    the button at once (or a retried command) move its kits once; then the stock row follows."""
    with unit_of_work(write=True) as s:
        dealer = dealers.row(s, dealer_code)
        now = utcnow()
        extra = {"received_at": now, "received_by": actor} if to == PartsOrderStatus.RECEIVED else {}
        closed = s.execute(
            update(PartsOrder)
            .where(
                PartsOrder.id == order_id,
                PartsOrder.dealer_id == dealer.id,
                PartsOrder.status == PartsOrderStatus.ORDERED,
            )
            .values(status=to, **extra)
            .execution_options(synchronize_session=False)
        ).rowcount
        line = s.get(PartsOrder, order_id)
        if line is None or line.dealer_id != dealer.id:
            raise UnknownPartsOrder(f"There is no parts order {order_id} at {dealer.code}.")
        if closed != 1:
            raise OrderNotOpen(_closed_already(line))
        received = line.quantity if to == PartsOrderStatus.RECEIVED else 0
        s.execute(
            update(PartsStock)
            .where(PartsStock.dealer_id == dealer.id, PartsStock.campaign_id == line.campaign_id)
            .values(on_hand=PartsStock.on_hand + received, on_order=PartsStock.on_order - line.quantity)
        )
        audit.record(
            s,
            actor,
            "parts.receive" if received else "parts.cancel",
            "parts_order",
            line.id,
            dealer=dealer.code,
            quantity=line.quantity,
        )
        s.flush()
        return PartsOrderLine.of(line, s.get(Campaign, line.campaign_id).code)


def _closed_already(line: PartsOrder) -> str:
    if line.status == PartsOrderStatus.RECEIVED:
        day = line.received_at.astimezone(ZoneInfo(line.dealer.timezone))
        return f"Parts order {line.id} was already received on {day:%a %b %-d} by {line.received_by}."
    return f"Parts order {line.id} was cancelled; it cannot be received or cancelled again."
