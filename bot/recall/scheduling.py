"""Dealer appointments: free slots from hours and capacity, book, reschedule, cancel, list, day loads.

A booking is one transaction: claim a seat in the slot with a conditional UPDATE
(`booked < capacity`), reserve a parts kit the same way (a kit can be at the dealer by then:
the rule in bot.recall.kits), insert the appointment. The CHECK constraints and the partial
unique index in models.py are the backstop when two conversations race for the last seat or
book the same vehicle twice.

An owner's booking also passes the limits on strangers (bot.recall.quotas: appointments made
lately per conversation, phone number and vehicle), counted in the same transaction. Changes to
an existing appointment are checked where the data lives: an owner's conversation names its
vehicle (`vin`), staff their dealer (`dealer_code`), and an appointment of any other vehicle or
dealer is UnknownAppointment, exactly as a missing one.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable
from datetime import date, datetime, time, timedelta, timezone
from zoneinfo import ZoneInfo

from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from bot.recall import audit, campaigns, dealers, kits, quotas
from bot.recall import hours as opening_rules
from bot.recall.db import insert_for, unit_of_work
from bot.recall.errors import (
    AlreadyBooked,
    NoPartsKit,
    NotBookable,
    NotEligible,
    SlotFull,
    TooManyBookings,
    UnknownAppointment,
    UnknownCampaign,
)
from bot.recall.models import (
    Appointment,
    AppointmentSlot,
    Campaign,
    Dealer,
    Owner,
    Vehicle,
    VehicleCampaign,
)
from bot.recall.records import AppointmentInfo, DayLoad, Slot
from bot.recall.vocab import SERVED, AppointmentStatus, CampaignStatus, Channel

# An owner cannot be offered a slot that starts before the service desk could prepare for it.
MIN_LEAD = timedelta(hours=2)


def _now() -> datetime:
    return datetime.now(timezone.utc)


def _day_starts(dealer: Dealer, day: date) -> tuple[list[datetime], int]:
    """Slot starts (aware, local) of one day at a dealer, and how many owners each takes: the
    dealer's opening hours that day (bot.recall.hours), cut into its slots."""
    opening = opening_rules.window(dealer.hours, day, ZoneInfo(dealer.timezone))
    cap = next((c for c in dealer.capacity if c.weekday == day.weekday()), None)
    if opening is None or cap is None or cap.per_slot <= 0:
        return [], 0
    start, end = opening
    step = timedelta(minutes=cap.slot_minutes)
    starts = []
    while start + step <= end:
        starts.append(start)
        start += step
    return starts, cap.per_slot


def _capacity_at(dealer: Dealer, start: datetime) -> int:
    """Seats of the slot starting at `start`; NotBookable when no slot starts then."""
    local = start.astimezone(ZoneInfo(dealer.timezone))
    starts, per_slot = _day_starts(dealer, local.date())
    if local not in starts:
        raise NotBookable("That time is not one of the dealer's appointment times.")
    if start < _now() + MIN_LEAD:
        raise NotBookable("That time has passed or is too soon to book.")
    return per_slot


def free_slots(
    dealer_code: str,
    *,
    after: datetime | None = None,
    limit: int = 3,
    days_ahead: int = 28,
    one_per_day: bool = False,
    accept: Callable[[datetime], bool] | None = None,
    campaign: str = SERVED,
) -> list[Slot]:
    """The next slots with a free seat for which a parts kit can be there (bot.recall.kits), soonest
    first; when kits are short they start where the kits do (`Slot.waits_for_parts`).

    `accept`, given the slot's start in the dealer's time zone, narrows the choice to an
    owner's wish ("Saturday morning").
    """
    now = _now()
    earliest = max(after or now, now + MIN_LEAD)
    with unit_of_work() as s:
        dealer = dealers.row(s, dealer_code)
        try:
            campaign_id = campaigns.campaign_id(s, campaign)
        except UnknownCampaign:
            return []
        kit_ready = kits.ready_at(s, dealer, campaign_id, now)
        waits_for_parts = kit_ready is not None and kit_ready > earliest
        if kit_ready is not None and waits_for_parts:
            earliest = kit_ready
        tz = ZoneInfo(dealer.timezone)
        first_day = earliest.astimezone(tz).date()
        horizon = datetime.combine(first_day + timedelta(days=days_ahead), datetime.min.time(), tz)
        taken = {
            row.start: row.capacity - row.booked
            for row in s.execute(
                select(AppointmentSlot).where(
                    AppointmentSlot.dealer_id == dealer.id,
                    AppointmentSlot.start >= earliest,
                    AppointmentSlot.start < horizon,
                )
            ).scalars()
        }
        found: list[Slot] = []
        for offset in range(days_ahead):
            starts, per_slot = _day_starts(dealer, first_day + timedelta(days=offset))
            for local in starts:
                start = local.astimezone(timezone.utc)
                if start < earliest or (accept and not accept(local)):
                    continue
                free = taken.get(start, per_slot)
                if free > 0:
                    found.append(Slot(dealer.code, start, dealer.timezone, free, waits_for_parts))
                    if len(found) >= limit:
                        return found
                    if one_per_day:
                        break
        return found


def _claim(s: Session, dealer: Dealer, campaign_id: int, start: datetime) -> int:
    """Takes one seat in the slot and one parts kit; returns the slot id."""
    capacity = _capacity_at(dealer, start)
    s.execute(
        insert_for(s)(AppointmentSlot)
        .values(dealer_id=dealer.id, start=start, capacity=capacity, booked=0)
        .on_conflict_do_nothing(index_elements=["dealer_id", "start"])
    )
    slot_id = s.execute(
        select(AppointmentSlot.id).where(AppointmentSlot.dealer_id == dealer.id, AppointmentSlot.start == start)
    ).scalar_one()
    seat = s.execute(
        update(AppointmentSlot)
        .where(AppointmentSlot.id == slot_id, AppointmentSlot.booked < AppointmentSlot.capacity)
        .values(booked=AppointmentSlot.booked + 1)
    )
    if seat.rowcount != 1:
        raise SlotFull("That time was just taken.")
    if not kits.reserve(s, dealer, campaign_id, start, _now()):
        raise NoPartsKit("No remedy kit can be at the dealer by that time; later times are still open.")
    return slot_id


def _release(s: Session, appt: Appointment) -> None:
    s.execute(
        update(AppointmentSlot).where(AppointmentSlot.id == appt.slot_id).values(booked=AppointmentSlot.booked - 1)
    )
    kits.release(s, appt.dealer_id, appt.campaign_id)


def book(
    vin: str,
    dealer_code: str,
    start: datetime,
    *,
    channel: str,
    conversation_id: str | None = None,
    campaign: str = SERVED,
    actor: str = "bot",
) -> AppointmentInfo:
    """Books the vehicle. Owners' bookings (every channel but "staff") are limited per
    conversation, phone number and vehicle: TooManyBookings, and nothing changes."""
    with unit_of_work(write=True) as s:
        vc = (
            s.execute(
                select(VehicleCampaign)
                .join(Vehicle)
                .join(Campaign)
                .where(Vehicle.vin == vin, Campaign.code == campaign)
                # Held until the booking commits: staff completing the remedy at this moment wait, then
                # find (and close) this appointment instead of leaving it on a remedied vehicle.
                .with_for_update(of=VehicleCampaign)
            )
            .unique()
            .scalar_one_or_none()
        )
        if vc is None:
            raise NotEligible(f"{vin} is not on the {campaign} list")
        if vc.status != CampaignStatus.OPEN:
            raise NotEligible(f"{vin} has already had the {campaign} remedy")
        if _booked(s, vc.vehicle_id, vc.campaign_id) is not None:
            raise AlreadyBooked(f"{vin} already has an appointment")
        # Counted while the vehicle's campaign row is locked: one vehicle's bookings are counted one
        # at a time (one conversation's are too: Rasa runs a conversation's turns one at a time).
        refused = channel != Channel.STAFF and quotas.booking_refusal(s, vc.vehicle_id, conversation_id, _now())
        if refused:
            raise TooManyBookings(refused)
        dealer = dealers.row(s, dealer_code)
        start = start.astimezone(timezone.utc)
        slot_id = _claim(s, dealer, vc.campaign_id, start)
        appt = Appointment(
            vehicle_id=vc.vehicle_id,
            campaign_id=vc.campaign_id,
            dealer_id=dealer.id,
            slot_id=slot_id,
            start=start,
            status=AppointmentStatus.BOOKED,
            channel=channel,
            conversation_id=conversation_id,
        )
        s.add(appt)
        try:
            s.flush()
        except IntegrityError as exc:  # another conversation booked this vehicle a moment ago
            raise AlreadyBooked(f"{vin} already has an appointment") from exc
        audit.record(
            s,
            actor,
            "appointment.book",
            "appointment",
            appt.id,
            vin=vin,
            dealer=dealer.code,
            start=start.isoformat(),
            channel=channel,
        )
        s.flush()
        s.refresh(appt)
        return AppointmentInfo.of(appt, campaign)


def _booked(s: Session, vehicle_id: int, campaign_id: int) -> Appointment | None:
    return (
        s.execute(
            select(Appointment).where(
                Appointment.vehicle_id == vehicle_id,
                Appointment.campaign_id == campaign_id,
                Appointment.status == AppointmentStatus.BOOKED,
            )
        )
        .unique()
        .scalar_one_or_none()
    )


def _live(s: Session, appointment_id: int, vin: str | None, dealer_code: str | None) -> Appointment:
    """The booked appointment, if it is the vehicle's (`vin`) and the dealer's (`dealer_code`); None
    for either means any (an operator). Another vehicle's or dealer's appointment raises the same
    UnknownAppointment as a missing one: an appointment number proves nothing about who asks."""
    appt = s.get(Appointment, appointment_id)
    if (
        appt is None
        or appt.status != AppointmentStatus.BOOKED
        or (vin is not None and appt.vehicle.vin != vin)
        or (dealer_code is not None and appt.dealer.code != dealer_code.upper())
    ):
        raise UnknownAppointment(f"no booked appointment {appointment_id}")
    return appt


def _cancel(s: Session, appt: Appointment, actor: str, **detail) -> None:
    """Cancels a booked appointment inside the caller's transaction: seat and kit go back."""
    _release(s, appt)
    appt.status = AppointmentStatus.CANCELLED
    audit.record(s, actor, "appointment.cancel", "appointment", appt.id, start=appt.start.isoformat(), **detail)


def cancel(
    appointment_id: int,
    *,
    vin: str | None = None,
    dealer_code: str | None = None,
    actor: str = "bot",
    campaign: str = SERVED,
) -> AppointmentInfo:
    """Cancels the booked appointment of this vehicle (owners) or dealer (staff); see _live."""
    with unit_of_work(write=True) as s:
        appt = _live(s, appointment_id, vin, dealer_code)
        _cancel(s, appt, actor)
        s.flush()
        return AppointmentInfo.of(appt, campaign)


def cancel_for_phone(
    phone: str, conversation_ids: list[str], *, actor: str, campaign: str = SERVED
) -> list[AppointmentInfo]:
    """Cancels the upcoming appointments of one proven number, in one transaction: those booked in
    its conversations and those of vehicles whose owner record carries it. For "cancel my
    appointment and stop texting me": after an opt-out nothing more can be asked, and the number
    is proof enough (the channel proved it; the record or the booking names it)."""
    with unit_of_work(write=True) as s:
        mine = Appointment.conversation_id.in_(conversation_ids) | Appointment.vehicle_id.in_(
            select(Vehicle.id).join(Owner).where(Owner.phone == phone)
        )
        found = s.execute(
            select(Appointment)
            .where(mine, Appointment.status == AppointmentStatus.BOOKED, Appointment.start > _now())
            .order_by(Appointment.start)
        )
        cancelled = []
        for appt in found.unique().scalars():
            _cancel(s, appt, actor, reason="opt_out")
            cancelled.append(appt)
        s.flush()
        return [AppointmentInfo.of(a, campaign) for a in cancelled]


def reschedule(
    appointment_id: int,
    new_start: datetime,
    *,
    vin: str | None = None,
    dealer_code: str | None = None,
    actor: str = "bot",
    campaign: str = SERVED,
) -> AppointmentInfo:
    """Moves a booking to another slot at the same dealer; the old seat is freed only if the new one
    is won. Only this vehicle's (owners) or dealer's (staff) appointment: see _live."""
    with unit_of_work(write=True) as s:
        appt = _live(s, appointment_id, vin, dealer_code)
        old_start = appt.start
        new_start = new_start.astimezone(timezone.utc)
        if new_start == old_start:
            return AppointmentInfo.of(appt, campaign)
        _release(s, appt)
        appt.slot_id = _claim(s, appt.dealer, appt.campaign_id, new_start)
        appt.start = new_start
        audit.record(
            s,
            actor,
            "appointment.reschedule",
            "appointment",
            appt.id,
            old=old_start.isoformat(),
            new=new_start.isoformat(),
        )
        s.flush()
        return AppointmentInfo.of(appt, campaign)


def list_appointments(
    dealer_code: str | None = None,
    *,
    vin: str | None = None,
    status: str | None = None,
    campaign: str = SERVED,
) -> list[AppointmentInfo]:
    with unit_of_work() as s:
        q = select(Appointment).join(Dealer).join(Vehicle).order_by(Appointment.start, Appointment.id)
        if dealer_code:
            q = q.where(Dealer.code == dealer_code.upper())
        if vin:
            q = q.where(Vehicle.vin == vin)
        if status:
            q = q.where(Appointment.status == status)
        return [AppointmentInfo.of(a, campaign) for a in s.execute(q).unique().scalars()]


def booked_for_vin(vin: str, campaign: str = SERVED) -> AppointmentInfo | None:
    found = list_appointments(vin=vin, status=AppointmentStatus.BOOKED, campaign=campaign)
    return found[0] if found else None


def booking_refusal(vin: str, conversation_id: str | None) -> str | None:
    """Which booking limit this owner's conversation has reached for the vehicle ("conversation",
    "phone", "vehicle"), or None: asked before times are offered, so nobody picks a time in vain.
    `book` counts again when it books."""
    with unit_of_work() as s:
        vehicle_id = s.execute(select(Vehicle.id).where(Vehicle.vin == vin)).scalar_one_or_none()
        return quotas.booking_refusal(s, vehicle_id, conversation_id, _now()) if vehicle_id else None


def dealer_days(dealer_code: str, first: date, days: int, *, campaign: str = SERVED) -> list[DayLoad]:
    """The dealer's schedule for `days` local days from `first`: what each day offers, what is
    booked and done, and the appointments in start order (cancelled ones left out)."""
    if days < 0:
        raise ValueError("days must not be negative")
    with unit_of_work() as s:
        dealer = dealers.row(s, dealer_code)
        tz = ZoneInfo(dealer.timezone)
        # Local midnights: starts are stored in UTC, but a dealer's day is its own.
        begin = datetime.combine(first, time.min, tz)
        end = datetime.combine(first + timedelta(days=days), time.min, tz)
        appts: dict[date, list[AppointmentInfo]] = defaultdict(list)
        for a in (
            s.execute(
                select(Appointment)
                .join(Campaign, Campaign.id == Appointment.campaign_id)
                .where(
                    Appointment.dealer_id == dealer.id,
                    Campaign.code == campaign,
                    Appointment.start >= begin,
                    Appointment.start < end,
                    Appointment.status != AppointmentStatus.CANCELLED,
                )
                .order_by(Appointment.start, Appointment.id)
            )
            .unique()
            .scalars()
        ):
            appts[a.start.astimezone(tz).date()].append(AppointmentInfo.of(a, campaign))
        remedied = Counter(
            at.astimezone(tz).date()
            for at in s.execute(
                select(VehicleCampaign.remedied_at)
                .join(Campaign, Campaign.id == VehicleCampaign.campaign_id)
                .where(
                    VehicleCampaign.remedied_by_dealer_id == dealer.id,
                    Campaign.code == campaign,
                    VehicleCampaign.remedied_at >= begin,
                    VehicleCampaign.remedied_at < end,
                )
            ).scalars()
        )
        loads = []
        for offset in range(days):
            day = first + timedelta(days=offset)
            starts, per_slot = _day_starts(dealer, day)
            on_day = appts.get(day, [])
            loads.append(
                DayLoad(
                    dealer_code=dealer.code,
                    day=day,
                    capacity=len(starts) * per_slot,
                    booked=sum(a.status == AppointmentStatus.BOOKED for a in on_day),
                    completed=sum(a.status == AppointmentStatus.COMPLETED for a in on_day),
                    remedied=remedied[day],
                    appointments=tuple(on_day),
                )
            )
        return loads
