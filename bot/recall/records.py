"""Frozen records that services return: plain values, safe to pass across threads and sessions."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date, datetime, time
from typing import Any
from zoneinfo import ZoneInfo

from bot.recall import models


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
    def of(cls, c: models.Campaign) -> CampaignFacts:
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
        return self.handed_back_at is None and self.status != "resolved"

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
    kits_free: int  # on hand and not reserved for a booking


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
