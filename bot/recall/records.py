"""Frozen records that services return: plain values, safe to pass across threads and sessions."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date, datetime, time
from typing import Any
from zoneinfo import ZoneInfo

from bot.recall import hours as opening_rules
from bot.recall import models
from bot.recall.models import Campaign as _CampaignRow
from bot.recall.vocab import EscalationStatus


@dataclass(frozen=True)
class CampaignFacts:
    code: str
    nhtsa_campaign: str
    title: str
    component: str
    defect_summary: str
    consequence: str
    remedy: str
    owner_instructions: str
    related_recalls: str
    warning_sign: str
    models: str
    model_years: str
    customer_line: str
    nhtsa_hotline: str
    sources: tuple[dict, ...] = ()

    @classmethod
    def of(cls, c: _CampaignRow) -> CampaignFacts:  # (the field `models` hides the module in this class)
        return cls(
            code=c.code,
            nhtsa_campaign=c.nhtsa_campaign,
            title=c.title,
            component=c.component,
            defect_summary=c.defect_summary,
            consequence=c.consequence,
            remedy=c.remedy,
            owner_instructions=c.owner_instructions,
            related_recalls=c.related_recalls,
            warning_sign=c.warning_sign,
            models=c.models,
            model_years=c.model_years,
            customer_line=c.customer_line,
            nhtsa_hotline=c.nhtsa_hotline,
            sources=tuple(c.sources or ()),
        )


@dataclass(frozen=True)
class OpeningHours:
    weekday: int
    opens: time
    closes: time


@dataclass(frozen=True)
class DealerInfo:
    code: str
    name: str
    address: str
    city: str
    state: str
    zip: str
    timezone: str
    phone: str
    escalation_name: str
    escalation_phone: str
    repair_estimate_minutes: int | None
    hours: tuple[OpeningHours, ...] = ()
    distance_miles: float | None = None

    @classmethod
    def of(cls, d: models.Dealer, distance_miles: float | None = None) -> DealerInfo:
        return cls(
            code=d.code,
            name=d.name,
            address=d.address,
            city=d.city,
            state=d.state,
            zip=d.zip,
            timezone=d.timezone,
            phone=d.phone,
            escalation_name=d.escalation_name,
            escalation_phone=d.escalation_phone,
            repair_estimate_minutes=d.repair_estimate_minutes,
            hours=tuple(OpeningHours(h.weekday, h.opens, h.closes) for h in d.hours),
            distance_miles=distance_miles,
        )

    def as_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["hours"] = [
            {"weekday": h.weekday, "opens": h.opens.strftime("%H:%M"), "closes": h.closes.strftime("%H:%M")}
            for h in self.hours
        ]
        if self.distance_miles is None:
            data.pop("distance_miles")
        return data

    # The dealer's opening rules (bot.recall.hours), each moment read in the dealer's time zone.
    def local(self, moment: datetime) -> datetime:
        return moment.astimezone(ZoneInfo(self.timezone))

    def hours_on(self, day: date) -> OpeningHours | None:
        """That weekday's opening hours; None when the dealer is closed that day."""
        return opening_rules.on(self.hours, day)

    def open_at(self, moment: datetime) -> bool:
        return opening_rules.open_until(self.hours, self.local(moment)) is not None

    def answers_by(self, moment: datetime) -> datetime | None:
        """The closing time by which staff still answer today (local): open at `moment` and not
        within REPLY_MARGIN of closing; else None (the next opening is when they answer)."""
        local = self.local(moment)
        closes = opening_rules.open_until(self.hours, local)
        return closes if closes and local + opening_rules.REPLY_MARGIN <= closes else None

    def next_opening(self, moment: datetime) -> datetime | None:
        """When the dealer next opens after `moment` (local); None without opening hours on record."""
        return opening_rules.next_opening(self.hours, self.local(moment))


@dataclass(frozen=True)
class RecallStatus:
    campaign: str
    nhtsa_campaign: str
    status: str  # open | remedied
    remedied_at: datetime | None = None
    remedied_by: str | None = None  # dealer name
    last_servicing_dealer: str | None = None  # dealer code
    remedied_by_code: str | None = None  # so staff can tell "done here" from "done elsewhere"


@dataclass(frozen=True)
class VehicleRecord:
    vin: str
    model: str | None
    model_year: int | None
    assembly_country: str | None
    owner_name: str | None
    owner_phone: str | None
    owner_zip: str | None
    recalls: tuple[RecallStatus, ...] = field(default_factory=tuple)

    def status_in(self, campaign: str) -> RecallStatus | None:
        return next((r for r in self.recalls if r.campaign == campaign), None)


@dataclass(frozen=True)
class AppointmentInfo:
    id: int
    vin: str
    campaign: str
    dealer_code: str
    dealer_name: str
    dealer_timezone: str
    start: datetime  # aware, UTC
    status: str
    channel: str
    conversation_id: str | None
    created_at: datetime
    updated_at: datetime
    model: str | None = None
    model_year: int | None = None

    @classmethod
    def of(cls, a: models.Appointment, campaign_code: str) -> AppointmentInfo:
        return cls(
            id=a.id,
            vin=a.vehicle.vin,
            campaign=campaign_code,
            dealer_code=a.dealer.code,
            dealer_name=a.dealer.name,
            dealer_timezone=a.dealer.timezone,
            start=a.start,
            status=a.status,
            channel=a.channel,
            conversation_id=a.conversation_id,
            created_at=a.created_at,
            updated_at=a.updated_at,
            model=a.vehicle.model,
            model_year=a.vehicle.model_year,
        )

    def local_start(self) -> datetime:
        return self.start.astimezone(ZoneInfo(self.dealer_timezone))

    def as_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "vin": self.vin,
            "model": self.model,
            "model_year": self.model_year,
            "campaign": self.campaign,
            "dealer_code": self.dealer_code,
            "dealer_name": self.dealer_name,
            # In the dealer's own time zone, with its UTC offset: what the owner was told.
            "start": self.local_start().isoformat(),
            "status": self.status,
            "channel": self.channel,
            "conversation_id": self.conversation_id,
            "created_at": self.created_at.isoformat(),
            "updated_at": self.updated_at.isoformat(),
        }


@dataclass(frozen=True)
class Slot:
    dealer_code: str
    start: datetime  # aware, UTC
    timezone: str
    free: int
    # The dealer has no unheld kit on the shelf, so the offered times start where a kit can be there.
    waits_for_parts: bool = False

    def local_start(self) -> datetime:
        return self.start.astimezone(ZoneInfo(self.timezone))


@dataclass(frozen=True)
class EscalationInfo:
    id: int
    conversation_id: str
    channel: str
    dealer_code: str | None
    dealer_name: str | None
    dealer_timezone: str | None
    vin: str | None
    reason: str
    priority: str
    status: str
    summary: str
    transcript: tuple[dict, ...]
    assigned_to: str | None
    assigned_at: datetime | None
    handed_back_at: datetime | None
    resolved_at: datetime | None
    resolved_by: str | None
    created_at: datetime
    updated_at: datetime

    @classmethod
    def of(cls, e: models.Escalation) -> EscalationInfo:
        return cls(
            id=e.id,
            conversation_id=e.conversation_id,
            channel=e.channel,
            dealer_code=e.dealer.code if e.dealer else None,
            dealer_name=e.dealer.name if e.dealer else None,
            dealer_timezone=e.dealer.timezone if e.dealer else None,
            vin=e.vehicle.vin if e.vehicle else None,
            reason=e.reason,
            priority=e.priority,
            status=e.status,
            summary=e.summary,
            transcript=tuple(e.transcript or ()),
            assigned_to=e.assigned_to,
            assigned_at=e.assigned_at,
            handed_back_at=e.handed_back_at,
            resolved_at=e.resolved_at,
            resolved_by=e.resolved_by,
            created_at=e.created_at,
            updated_at=e.updated_at,
        )

    @property
    def with_staff(self) -> bool:
        """True while a person has the conversation: the bot stays quiet until it is handed back."""
        return self.handed_back_at is None and self.status != EscalationStatus.RESOLVED

    def as_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["transcript"] = list(self.transcript)
        data["with_staff"] = self.with_staff
        for key, value in data.items():
            if isinstance(value, datetime):
                data[key] = value.isoformat()
        return data


@dataclass(frozen=True)
class CompletionInfo:
    """What completing a remedy did: which appointment it closed or cancelled, which kit it used."""

    vin: str
    campaign: str
    dealer_code: str
    dealer_name: str
    remedied_at: datetime
    appointment_id: int | None  # the booked appointment here, now completed
    cancelled_appointment_id: int | None  # a booking at another dealer, now cancelled there
    kits_on_hand: int  # at this dealer, after the kit was used
    kits_free: int  # on hand minus reserved for bookings (negative: bookings wait for ordered kits)
    replenish_order_id: int | None = None  # the "sell one, buy one" order line for the kit used


@dataclass(frozen=True)
class DayLoad:
    """One local day at a dealer: seats the schedule offers, and what is on it."""

    dealer_code: str
    day: date  # in the dealer's time zone
    capacity: int  # slots times seats per slot; 0 when closed
    booked: int
    completed: int
    remedied: int  # remedies done here that day, walk-ins and stock vehicles included
    appointments: tuple[AppointmentInfo, ...] = ()  # in start order; cancelled ones left out

    @property
    def free(self) -> int:
        # Every appointment not cancelled holds its seat, a completed one included.
        return max(self.capacity - len(self.appointments), 0)


@dataclass(frozen=True)
class StockCheck:
    """A VIN as dealer staff check it (a car on the lot, a walk-in): no owner details."""

    vin: str
    campaign: str
    model: str | None
    model_year: int | None
    recall: RecallStatus | None  # None: not on this campaign's list
    appointment: AppointmentInfo | None  # the booked one, at whichever dealer

    @property
    def status(self) -> str:
        return self.recall.status if self.recall else "not_listed"


@dataclass(frozen=True)
class DealerSummary:
    """A dealer's share of a campaign's VINs (bot.recall.reports.dealer_summary says how it is counted).

    The field names are the report's JSON keys and CSV header."""

    dealer: str  # code
    name: str
    attributed: int  # VINs whose last servicing dealer this is: open_unbooked + open_booked + remedied
    open_unbooked: int
    open_booked: int  # open, with a booked appointment at any dealer
    remedied: int
    completion_rate: float | None  # remedied / attributed, 4 decimals; None when nothing is attributed
    remedied_here: int  # remedies this dealer did, whoever the VIN is attributed to

    @classmethod
    def of(
        cls, dealer: str, name: str, *, open_unbooked: int, open_booked: int, remedied: int, remedied_here: int
    ) -> DealerSummary:
        attributed = open_unbooked + open_booked + remedied
        return cls(
            dealer,
            name,
            attributed,
            open_unbooked,
            open_booked,
            remedied,
            round(remedied / attributed, 4) if attributed else None,
            remedied_here,
        )

    @classmethod
    def total(cls, rows: list[DealerSummary], label: str = "TOTAL") -> DealerSummary:
        """The sum of several dealers' rows, with the rate of the sums (not the mean of the rates)."""
        return cls.of(
            label,
            "",
            open_unbooked=sum(r.open_unbooked for r in rows),
            open_booked=sum(r.open_booked for r in rows),
            remedied=sum(r.remedied for r in rows),
            remedied_here=sum(r.remedied_here for r in rows),
        )


@dataclass(frozen=True)
class WeekCount:
    """Remedies done in one week (Monday to Sunday) and in all weeks up to its end."""

    week_start: date  # the Monday
    week: str  # ISO week, "2026-W03"
    remedied: int
    cumulative: int


@dataclass(frozen=True)
class WeekLoad:
    """A week (Monday-start, the dealer's own days) of a dealer's schedule ahead."""

    dealer: str
    week_start: date  # the Monday; the current week counts from today only
    offered: int  # seats the hours and capacity give
    booked: int  # appointments still to come
    completed: int
    free: int  # offered less every appointment not cancelled (a completed one did use its seat)


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value else None


@dataclass(frozen=True)
class PartsOrderLine:
    """One order line of remedy kits at a dealer's parts desk."""

    id: int
    dealer_code: str
    dealer_timezone: str
    campaign: str
    quantity: int
    status: str  # ordered | received | cancelled
    reason: str  # replenish | appointments | manual
    created_at: datetime
    created_by: str
    expected_at: datetime
    received_at: datetime | None = None
    received_by: str | None = None
    appointment_id: int | None = None  # a "sell one, buy one" line: the completed appointment
    vehicle_id: int | None = None  # ... and the vehicle whose remedy used the kit

    @classmethod
    def of(cls, o: models.PartsOrder, campaign_code: str) -> PartsOrderLine:
        return cls(
            id=o.id,
            dealer_code=o.dealer.code,
            dealer_timezone=o.dealer.timezone,
            campaign=campaign_code,
            quantity=o.quantity,
            status=o.status,
            reason=o.reason,
            created_at=o.created_at,
            created_by=o.created_by,
            expected_at=o.expected_at,
            received_at=o.received_at,
            received_by=o.received_by,
            appointment_id=o.appointment_id,
            vehicle_id=o.vehicle_id,
        )

    def local_expected(self) -> datetime:
        return self.expected_at.astimezone(ZoneInfo(self.dealer_timezone))

    def as_json(self) -> dict[str, Any]:
        data = asdict(self)
        data.pop("dealer_timezone")
        for key in ("created_at", "received_at"):
            data[key] = _iso(data[key])
        data["expected_at"] = self.local_expected().isoformat()  # the dealer's own calendar
        return data


@dataclass(frozen=True)
class PartsStatus:
    """A dealer's remedy kits as its parts desk needs them (see bot.recall.parts for the rules)."""

    dealer_code: str
    dealer_name: str
    dealer_timezone: str
    campaign: str
    lead_days: int
    on_hand: int  # on the shelf
    reserved: int  # one per booked appointment
    on_order: int  # on open order lines
    open_orders: tuple[PartsOrderLine, ...]  # soonest expected first
    booked_ahead: int  # booked appointments from now on
    first_uncovered: datetime | None  # start of the first booking no kit on hand or on order covers

    @property
    def free(self) -> int:
        """On the shelf and held by no booking; negative: bookings wait for kits still to come."""
        return self.on_hand - self.reserved

    @property
    def uncovered(self) -> int:
        """Booked appointments that neither the shelf nor open orders cover."""
        return max(0, self.reserved - self.on_hand - self.on_order)

    @property
    def suggested_order(self) -> int:
        """Kits to order now: one per uncovered booking ("orders based on customer appointments")."""
        return self.uncovered

    def as_json(self) -> dict[str, Any]:
        return {
            "dealer_code": self.dealer_code,
            "dealer_name": self.dealer_name,
            "campaign": self.campaign,
            "lead_days": self.lead_days,
            "on_hand": self.on_hand,
            "reserved": self.reserved,
            "free": self.free,
            "on_order": self.on_order,
            "suggested_order": self.suggested_order,
            "booked_ahead": self.booked_ahead,
            "uncovered": self.uncovered,
            "first_uncovered": _iso(
                self.first_uncovered and self.first_uncovered.astimezone(ZoneInfo(self.dealer_timezone))
            ),
            "open_orders": [o.as_json() for o in self.open_orders],
        }
