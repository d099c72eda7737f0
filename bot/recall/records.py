"""Frozen records that services return: plain values, safe to pass across threads and sessions."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import datetime, time
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
        )

    def local_start(self) -> datetime:
        return self.start.astimezone(ZoneInfo(self.dealer_timezone))

    def as_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "vin": self.vin,
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
    reason: str
    priority: str
    status: str
    summary: str
    assigned_to: str | None
    created_at: datetime
    updated_at: datetime
    resolved_at: datetime | None

    @classmethod
    def of(cls, e: models.Escalation) -> EscalationInfo:
        return cls(
            id=e.id,
            conversation_id=e.conversation_id,
            channel=e.channel,
            dealer_code=e.dealer.code if e.dealer else None,
            reason=e.reason,
            priority=e.priority,
            status=e.status,
            summary=e.summary,
            assigned_to=e.assigned_to,
            created_at=e.created_at,
            updated_at=e.updated_at,
            resolved_at=e.resolved_at,
        )

    def as_json(self) -> dict[str, Any]:
        data = asdict(self)
        for key in ("created_at", "updated_at", "resolved_at"):
            data[key] = data[key].isoformat() if data[key] else None
        return data
