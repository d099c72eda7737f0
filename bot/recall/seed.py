"""Loads the campaign facts, and for demos, dealers and a few hundred synthetic vehicles.

The demo data are deterministic (a fixed random seed) so a demo, a test and a benchmark
see the same VINs on every machine.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone
from pathlib import Path

import yaml
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from bot.recall import audit, kits
from bot.recall.db import unit_of_work
from bot.recall.models import (
    Campaign,
    Dealer,
    DealerHours,
    Owner,
    PartsStock,
    ServiceCapacity,
    Vehicle,
    VehicleCampaign,
)
from bot.recall.vocab import CampaignStatus
from bot.vin import decode, with_check_digit

DATA = Path(__file__).resolve().parent / "data"

FIRST_NAMES = [
    "Maria",
    "James",
    "Linda",
    "Robert",
    "Patricia",
    "Michael",
    "Jennifer",
    "David",
    "Susan",
    "Carlos",
    "Karen",
    "Thomas",
    "Nancy",
    "Daniel",
    "Betty",
    "Kevin",
    "Helen",
    "Brian",
    "Sandra",
    "Jorge",
    "Donna",
    "Steven",
    "Carol",
    "Wei",
    "Ruth",
    "Anthony",
]
LAST_NAMES = [
    "Garcia",
    "Smith",
    "Johnson",
    "Nguyen",
    "Brown",
    "Martinez",
    "Davis",
    "Lopez",
    "Wilson",
    "Anderson",
    "Thomas",
    "Taylor",
    "Moore",
    "Jackson",
    "Lee",
    "Harris",
    "Clark",
    "Lewis",
    "Walker",
    "Young",
    "Allen",
    "King",
    "Wright",
    "Scott",
    "Chen",
]

# (WMI, positions 4-5, model years) of the affected RX; the RX 400h was built in Japan only.
AFFECTED_LAYOUTS = [
    ("JTJ", "GA", (2004, 2005, 2006)),
    ("JTJ", "HA", (2004, 2005, 2006)),
    ("2T2", "GA", (2004, 2005, 2006)),
    ("2T2", "HA", (2004, 2005, 2006)),
    ("JTJ", "GK", (2007,)),
    ("JTJ", "HK", (2007,)),
    ("2T2", "GK", (2007,)),
    ("2T2", "HK", (2007,)),
    ("JTJ", "HW", (2006, 2007)),
]


@dataclass(frozen=True)
class SeedSummary:
    campaigns: int
    dealers: int
    vehicles: int
    open: int
    remedied: int
    not_affected: int
    skipped: bool


def load_campaign(s: Session, path: Path = DATA / "campaign_blc.yml") -> Campaign:
    """Inserts or refreshes a campaign's facts from its YAML file."""
    facts = yaml.safe_load(path.read_text())
    campaign = s.execute(select(Campaign).where(Campaign.code == facts["code"])).scalar_one_or_none()
    if campaign is None:
        campaign = Campaign(code=facts["code"])
        s.add(campaign)
    for key, value in facts.items():
        if key in {"reported_on", "owner_notified_on"} and isinstance(value, str):
            value = date.fromisoformat(value)
        setattr(campaign, key, str(value) if key == "nhtsa_campaign" else value)
    s.flush()
    return campaign


def _hours(spec: str) -> tuple[time, time]:
    opens, closes = spec.split("-")
    return time.fromisoformat(opens), time.fromisoformat(closes)


def load_dealers(s: Session, campaign: Campaign, path: Path = DATA / "demo_dealers.yml") -> list[Dealer]:
    spec = yaml.safe_load(path.read_text())
    defaults = spec["defaults"]
    dealers = []
    for d in spec["dealers"]:
        dealer = Dealer(
            code=d["code"],
            name=d["name"],
            address=d["address"],
            city=d["city"],
            state=d["state"],
            zip=d["zip"],
            timezone=d["timezone"],
            phone=d["phone"],
            escalation_name=d["escalation_name"],
            escalation_phone=d["escalation_phone"],
            repair_estimate_minutes=d.get("estimate"),
            parts_lead_days=d.get("lead_days", defaults["lead_days"]),
        )
        s.add(dealer)
        s.flush()
        for weekday, hours in d.get("hours", defaults["hours"]).items():
            opens, closes = _hours(hours)
            s.add(DealerHours(dealer_id=dealer.id, weekday=int(weekday), opens=opens, closes=closes))
        for weekday, (minutes, per_slot) in d.get("capacity", defaults["capacity"]).items():
            s.add(ServiceCapacity(dealer_id=dealer.id, weekday=int(weekday), slot_minutes=minutes, per_slot=per_slot))
        s.add(PartsStock(dealer_id=dealer.id, campaign_id=campaign.id, on_hand=d["kits"], reserved=0, on_order=0))
        s.flush()
        if "open_order" in d:
            line = d["open_order"]
            ordered = datetime.now(timezone.utc) - timedelta(days=line["days_ago"])
            kits.order(s, dealer, campaign.id, line["quantity"], reason=line["reason"], actor="seed", now=ordered)
        dealers.append(dealer)
    s.flush()
    return dealers


def _vin(rng: random.Random, wmi: str, body: str, year: int) -> str:
    plant = "C" if wmi == "2T2" else rng.choice("0123")
    serial = f"{rng.randrange(0, 10**6):06d}"
    return with_check_digit(f"{wmi}{body}31U0{year % 10}{plant}{serial}")


def _owner(rng: random.Random, dealer: Dealer, n: int) -> Owner:
    # 555-01xx numbers are reserved for fiction; the area code is the dealer's, and each owner
    # of a dealer gets its own number (n // 10 counts that dealer's owners).
    area = dealer.phone[2:5]
    return Owner(
        name=f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}",
        phone=f"+1{area}55501{n // 10:02d}" if n // 10 < 100 else None,
        zip=dealer.zip,
        consent_to_text=rng.random() < 0.8,
        opted_out=False,
    )


def seed_demo(*, affected: int = 300, remedied: int = 55, not_affected: int = 20) -> SeedSummary:
    """Campaign facts always (refreshed); demo dealers and vehicles only into an empty database."""
    with unit_of_work(write=True) as s:
        campaign = load_campaign(s)
        if s.execute(select(func.count(Dealer.id))).scalar_one():
            return _summary(s, skipped=True)
        dealers = load_dealers(s, campaign)
        rng = random.Random(20111219)  # the dealer letter's date: same demo data everywhere
        vins: set[str] = set()
        remedied_left = remedied
        for n in range(affected):
            wmi, body, years = AFFECTED_LAYOUTS[n % len(AFFECTED_LAYOUTS)]
            vin = _vin(rng, wmi, body, rng.choice(years))
            while vin in vins:
                vin = _vin(rng, wmi, body, rng.choice(years))
            vins.add(vin)
            dealer = dealers[n % len(dealers)]
            owner = _owner(rng, dealer, n)
            s.add(owner)
            facts = decode(vin)
            vehicle = Vehicle(
                vin=vin, model=facts.model, model_year=facts.model_year, assembly_country=facts.assembly, owner=owner
            )
            s.add(vehicle)
            s.flush()
            status = VehicleCampaign(
                vehicle_id=vehicle.id,
                campaign_id=campaign.id,
                status=CampaignStatus.OPEN,
                last_servicing_dealer_id=dealer.id,
            )
            # Every fifth-ish vehicle already had the remedy, spread over the campaign's years.
            if remedied_left and n % 5 == 4:
                remedied_left -= 1
                status.status = CampaignStatus.REMEDIED
                status.remedied_by_dealer_id = dealer.id
                status.remedied_at = datetime(2012, 1, 9, 15, tzinfo=timezone.utc) + timedelta(
                    days=rng.randrange(0, 3650)
                )
            s.add(status)
        for _ in range(not_affected):
            # Late-2007 RX 350s built after the production window: real layout, not on the list.
            vin = _vin(rng, rng.choice(["JTJ", "2T2"]), rng.choice(["GK", "HK"]), 2007)
            if vin in vins:
                continue
            vins.add(vin)
            facts = decode(vin)
            s.add(Vehicle(vin=vin, model=facts.model, model_year=facts.model_year, assembly_country=facts.assembly))
        audit.record(s, "seed", "db.seed_demo", "database", None, dealers=len(dealers), vehicles=len(vins))
        s.flush()
        return _summary(s, skipped=False)


def _summary(s: Session, *, skipped: bool) -> SeedSummary:
    count = lambda q: s.execute(q).scalar_one()  # noqa: E731
    total_vehicles = count(select(func.count(Vehicle.id)))
    on_list = count(select(func.count(VehicleCampaign.id)))
    return SeedSummary(
        campaigns=count(select(func.count(Campaign.id))),
        dealers=count(select(func.count(Dealer.id))),
        vehicles=total_vehicles,
        open=count(select(func.count(VehicleCampaign.id)).where(VehicleCampaign.status == CampaignStatus.OPEN)),
        remedied=count(select(func.count(VehicleCampaign.id)).where(VehicleCampaign.status == CampaignStatus.REMEDIED)),
        not_affected=total_vehicles - on_list,
        skipped=skipped,
    )
