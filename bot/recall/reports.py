"""Dealer operations reports: open and remedied VINs per dealer, remedies per week, bookings by
channel, escalations by reason, capacity ahead. All read-only.

Each report is one short read unit of work that counts with GROUP BY in the database, so a
national campaign of many thousand VINs costs a few rows per dealer, not a row per VIN.
`dealer_code` None is every dealer (an admin, the operator); a code is one dealer (the console
passes the signed-in staff's). An unknown code raises UnknownDealer: it must never widen the
report to every dealer.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, fields
from datetime import date, datetime, time, timedelta, timezone, tzinfo
from zoneinfo import ZoneInfo

from sqlalchemy import and_, case, func, select
from sqlalchemy.orm import Session

from bot.recall import campaigns, dealers, scheduling
from bot.recall.db import unit_of_work
from bot.recall.models import Appointment, Dealer, Escalation, VehicleCampaign
from bot.recall.records import DealerSummary, WeekCount, WeekLoad
from bot.recall.vocab import SERVED, AppointmentStatus, CampaignStatus, Channel, EscalationStatus

VC = VehicleCampaign


def _dealer_rows(s: Session, dealer_code: str | None) -> list[tuple[int, str, str]]:
    """(id, code, name) of the dealer asked for, or of every dealer by code."""
    if dealer_code is not None:
        d = dealers.row(s, dealer_code)
        return [(d.id, d.code, d.name)]
    return [tuple(r) for r in s.execute(select(Dealer.id, Dealer.code, Dealer.name).order_by(Dealer.code))]


def _count_by(s: Session, key, *where) -> dict:
    """{key value: rows} for the rows matching `where`, counted by the database."""
    return dict(s.execute(select(key, func.count()).where(*where).group_by(key)).all())


def _count_if(condition):
    return func.count(case((condition, 1)))  # COUNT skips the NULL of the rows not matching


def dealer_summary(dealer_code: str | None = None, *, campaign: str = SERVED) -> list[DealerSummary]:
    """Every dealer (zeros included; only the one asked for with `dealer_code`), by code.

    As the dealer letter asks, a VIN is attributed to the last dealer that serviced it
    (`last_servicing_dealer`), open or remedied. It counts as open_booked when it has a booked
    appointment at any dealer (the demand is met wherever the owner booked), else open_unbooked:
    the demand still to come. A remedy done at a dealer makes that dealer the last servicing one,
    so remedied VINs move to the dealer that did the work. `remedied_here` counts the remedies a
    dealer did (remedied_by), which differs from `remedied` for VINs imported as remedied
    elsewhere. VINs with no servicing dealer on record are in no row.
    """
    with unit_of_work() as s:
        cid = campaigns.campaign_id(s, campaign)
        rows = _dealer_rows(s, dealer_code)
        ids = [r[0] for r in rows]
        # At most one booked appointment per vehicle and campaign (a unique index), so this outer
        # join never counts a VIN twice.
        booked = (
            select(Appointment.vehicle_id)
            .where(Appointment.campaign_id == cid, Appointment.status == AppointmentStatus.BOOKED)
            .subquery()
        )
        is_open, has_booking = VC.status == CampaignStatus.OPEN, booked.c.vehicle_id.is_not(None)
        attributed = {
            r[0]: r[1:]
            for r in s.execute(
                select(
                    VC.last_servicing_dealer_id,
                    _count_if(and_(is_open, ~has_booking)),
                    _count_if(and_(is_open, has_booking)),
                    _count_if(VC.status == CampaignStatus.REMEDIED),
                )
                .outerjoin(booked, booked.c.vehicle_id == VC.vehicle_id)
                .where(VC.campaign_id == cid, VC.last_servicing_dealer_id.in_(ids))
                .group_by(VC.last_servicing_dealer_id)
            )
        }
        here = _count_by(
            s,
            VC.remedied_by_dealer_id,
            VC.campaign_id == cid,
            VC.status == CampaignStatus.REMEDIED,
            VC.remedied_by_dealer_id.in_(ids),
        )
    summaries = []
    for dealer_id, code, name in rows:
        unbooked, open_booked, remedied = attributed.get(dealer_id, (0, 0, 0))
        summaries.append(
            DealerSummary.of(
                code,
                name,
                open_unbooked=unbooked,
                open_booked=open_booked,
                remedied=remedied,
                remedied_here=here.get(dealer_id, 0),
            )
        )
    return summaries


def demand_to_come(dealer_code: str, *, campaign: str = SERVED) -> int:
    """Open VINs attributed to the dealer with no booked appointment anywhere yet."""
    return dealer_summary(dealer_code, campaign=campaign)[0].open_unbooked


def _monday(day: date) -> date:
    return day - timedelta(days=day.weekday())


def completion_over_time(
    dealer_code: str | None = None, *, weeks: int = 12, today: date | None = None, campaign: str = SERVED
) -> list[WeekCount]:
    """Remedies per week (by remedied_at) for the last `weeks` weeks, this one included, oldest
    first, weeks without any included; `cumulative` also counts every remedy before the first.

    With a dealer: the remedies it did (remedied_by), in weeks of its own time zone. Without: every
    remedy, in UTC weeks (dealers span time zones; a remedy late on a Sunday in Los Angeles is in
    the next UTC week). A VIN imported as remedied without a date is in no week.
    """
    if weeks < 1:
        raise ValueError("weeks must be at least 1")
    with unit_of_work() as s:
        where = [VC.campaign_id == campaigns.campaign_id(s, campaign), VC.status == CampaignStatus.REMEDIED]
        tz: tzinfo = timezone.utc
        if dealer_code is not None:
            dealer = dealers.row(s, dealer_code)
            tz = ZoneInfo(dealer.timezone)
            where.append(VC.remedied_by_dealer_id == dealer.id)
        first = _monday(today or datetime.now(tz).date()) - timedelta(weeks=weeks - 1)
        mondays = [first + timedelta(weeks=n) for n in range(weeks + 1)]
        bounds = [datetime.combine(m, time.min, tz) for m in mondays]
        # The week's index, -1 before the first: computed in a subquery so that GROUP BY names a
        # column (PostgreSQL will not match two copies of a CASE with bound parameters).
        week = case(
            (VC.remedied_at < bounds[0], -1), *((VC.remedied_at < end, n) for n, end in enumerate(bounds[1:]))
        ).label("week")
        dated = select(week).where(*where, VC.remedied_at < bounds[-1]).subquery()
        per_week = dict(s.execute(select(dated.c.week, func.count()).group_by(dated.c.week)).all())
    running = per_week.get(-1, 0)
    counts = []
    for n, monday in enumerate(mondays[:-1]):
        running += per_week.get(n, 0)
        year, number, _ = monday.isocalendar()
        counts.append(WeekCount(monday, f"{year}-W{number:02d}", per_week.get(n, 0), running))
    return counts


def _bookings_by_channel(s: Session, dealer_code: str | None, status: str | None, campaign: str) -> dict[str, int]:
    where = [Appointment.campaign_id == campaigns.campaign_id(s, campaign)]
    if dealer_code is not None:
        where.append(Appointment.dealer_id == dealers.row(s, dealer_code).id)
    if status is not None:
        where.append(Appointment.status == status)
    counts = _count_by(s, Appointment.channel, *where)
    return {channel: counts.get(channel, 0) for channel in Channel.values()}


def bookings_by_channel(
    dealer_code: str | None = None, *, status: str | None = None, campaign: str = SERVED
) -> dict[str, int]:
    """Appointments made, by channel (sms, voice, chat, staff; every key present): every row,
    since a booking later cancelled, completed or missed was still made through that channel.
    `status` narrows to one outcome, e.g. "cancelled" for the cancellations. A reschedule moves a
    booking and is not a new one."""
    with unit_of_work() as s:
        return _bookings_by_channel(s, dealer_code, status, campaign)


@dataclass(frozen=True)
class ChannelRow:
    """A line of "bookings by channel", the same for `recallbot report channels` and the console."""

    channel: str
    bookings: int
    cancelled: int


def channel_rows(dealer_code: str | None = None, *, campaign: str = SERVED) -> list[ChannelRow]:
    """Every channel (in vocab.Channel order, zeros included): bookings made through it
    and how many of them were cancelled, both counted in one read so the two columns agree."""
    with unit_of_work() as s:
        made = _bookings_by_channel(s, dealer_code, None, campaign)
        cancelled = _bookings_by_channel(s, dealer_code, AppointmentStatus.CANCELLED, campaign)
    return [ChannelRow(channel, made[channel], cancelled[channel]) for channel in Channel.values()]


def _escalations_by_reason(s: Session, dealer_code: str | None, resolved: bool | None) -> dict[str, int]:
    where = []
    if dealer_code is not None:
        where.append(Escalation.dealer_id == dealers.row(s, dealer_code).id)
    if resolved is not None:
        where.append(
            Escalation.status == EscalationStatus.RESOLVED
            if resolved
            else Escalation.status != EscalationStatus.RESOLVED
        )
    counts = _count_by(s, Escalation.reason, *where)
    return dict(sorted(counts.items(), key=lambda item: (-item[1], item[0])))


def escalations_by_reason(dealer_code: str | None = None, *, resolved: bool | None = None) -> dict[str, int]:
    """Escalations by reason, most first (reasons are open-ended: only those that occurred).
    `resolved` True or False narrows to resolved or still unresolved (open or assigned) ones.
    Escalations belong to no campaign; without a dealer, those with none (the admin queue) count."""
    with unit_of_work() as s:
        return _escalations_by_reason(s, dealer_code, resolved)


@dataclass(frozen=True)
class ReasonRow:
    """A line of "escalations by reason"; `resolved` is derived, so the CSV keeps its three columns."""

    reason: str
    total: int
    unresolved: int

    @property
    def resolved(self) -> int:
        return self.total - self.unresolved


def reason_rows(dealer_code: str | None = None) -> list[ReasonRow]:
    """The reasons that occurred, most first (as escalations_by_reason), each with how many are
    still unresolved; one read, so total, unresolved and resolved always add up."""
    with unit_of_work() as s:
        every = _escalations_by_reason(s, dealer_code, None)
        unresolved = _escalations_by_reason(s, dealer_code, False)
    return [ReasonRow(reason, n, unresolved.get(reason, 0)) for reason, n in every.items()]


def capacity_ahead(
    dealer_code: str, *, weeks: int = 6, today: date | None = None, campaign: str = SERVED
) -> list[WeekLoad]:
    """The dealer's next `weeks` weeks (Monday-start, its own time zone; this week from today on):
    seats its hours and capacity offer, appointments booked and completed, seats free. Built on
    scheduling.dealer_days, the console's week view, so the two always agree."""
    if weeks < 1:
        raise ValueError("weeks must be at least 1")
    if today is None:  # the dealer's today, not the server's
        today = datetime.now(ZoneInfo(dealers.get(dealer_code).timezone)).date()
    end = _monday(today) + timedelta(weeks=weeks)
    days = scheduling.dealer_days(dealer_code, today, (end - today).days, campaign=campaign)
    loads = []
    for n in range(weeks):
        monday = _monday(today) + timedelta(weeks=n)
        week = [d for d in days if _monday(d.day) == monday]
        loads.append(
            WeekLoad(
                dealer=days[0].dealer_code,
                week_start=monday,
                offered=sum(d.capacity for d in week),
                booked=sum(d.booked for d in week),
                completed=sum(d.completed for d in week),
                free=sum(d.free for d in week),
            )
        )
    return loads


# A spreadsheet runs a cell that starts like a formula; staff open these exports in one.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _csv_value(value) -> str:
    if value is None:
        return ""
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return str(value)


def to_csv(rows: list, *, record_type: type | None = None) -> str:
    """Records (dataclasses) as CSV text: a header of their field names, a line each.
    `record_type` gives the header when there are no rows."""
    if not rows and record_type is None:
        return ""
    names = [f.name for f in fields(record_type or type(rows[0]))]
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")  # RFC 4180, as spreadsheets expect
    writer.writerow(names)
    for row in rows:
        writer.writerow([_csv_value(getattr(row, name)) for name in names])
    return out.getvalue()
