"""Imports a campaign's VIN list (CSV) into the recall database.

Header: vin,model,model_year,owner_name,phone,zip,dealer_code,status
An idempotent upsert: importing the same file twice changes nothing the second time. Bad
rows are reported with their line numbers and the good rows are kept. A vehicle this
database already records as remedied is never reopened by an older list saying "open".

A VIN the list reports remedied that is open here goes through the same steps as staff marking
the remedy completed (bot.recall.remedies): the row claimed by a conditional UPDATE (which locks
it against an owner booking at that moment), the time recorded, and a booked appointment
cancelled with its seat and kit given back. The list does not say which dealer did the work
(dealer_code is the last servicing dealer, for attribution), so the booking is never completed:
that would use up a kit the booked dealer may never have fitted and keep a seat it never used.
Remedies done at a dealer are recorded there, in the console, with the kit they use.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot import geo
from bot.messages import render
from bot.phone import BadPhone, to_e164
from bot.recall import audit, remedies
from bot.recall.db import unit_of_work
from bot.recall.errors import UnknownCampaign
from bot.recall.models import Appointment, Campaign, Dealer, Owner, Vehicle, VehicleCampaign, utcnow
from bot.recall.vocab import SERVED, AppointmentStatus, CampaignStatus
from bot.vin import decode, validate

HEADER = ["vin", "model", "model_year", "owner_name", "phone", "zip", "dealer_code", "status"]
MODELS = {"RX330": "RX 330", "RX350": "RX 350", "RX400H": "RX 400h"}
BATCH = 500  # rows per transaction: short units of work, also for a list of 370,000 VINs


class BadHeader(ValueError):
    pass


@dataclass(frozen=True)
class Row:
    line: int
    vin: str
    model: str | None
    model_year: int | None
    assembly: str | None
    owner_name: str
    phone: str | None
    zip: str | None
    dealer_code: str | None
    status: str


@dataclass
class ImportReport:
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    kept_remedied: int = 0
    cancelled_bookings: int = 0  # booked appointments of VINs the list reports remedied
    rejected: list[tuple[int, str]] = field(default_factory=list)

    @property
    def accepted(self) -> int:
        return self.added + self.updated + self.unchanged


def parse_row(line: int, raw: dict[str, str], dealer_codes: set[str]) -> Row:
    """One CSV row checked and normalized; ValueError with a plain reason when it is bad."""
    get = lambda key: (raw.get(key) or "").strip()  # noqa: E731
    checked = validate(get("vin"))
    if not checked.valid:
        raise ValueError(f"VIN {get('vin')!r}: {' '.join(render(error) for error in checked.errors)}")
    facts = decode(checked.vin)
    model = MODELS.get(re.sub(r"[\s-]", "", get("model")).upper()) if get("model") else facts.model
    if get("model") and model is None:
        raise ValueError(f"model {get('model')!r} is not RX 330, RX 350 or RX 400h")
    if facts.model and model != facts.model:
        raise ValueError(f"model {model} does not match the VIN, which is an {facts.model}")
    year = facts.model_year
    if get("model_year"):
        if not get("model_year").isdigit() or not 1981 <= int(get("model_year")) <= 2030:
            raise ValueError(f"model_year {get('model_year')!r} is not a year")
        year = int(get("model_year"))
        if facts.model_year and year != facts.model_year:
            raise ValueError(f"model_year {year} does not match the VIN, which is a {facts.model_year}")
    phone = None
    if get("phone"):
        try:
            phone = to_e164(get("phone"))
        except BadPhone:
            raise ValueError(f"phone {get('phone')!r} is not a valid US phone number") from None
    zip_code = None
    if get("zip"):
        try:
            zip_code = geo.locate_zip(get("zip")).zip
        except geo.UnknownZip:
            raise ValueError(f"zip {get('zip')!r} is not a US ZIP code") from None
    dealer = get("dealer_code").upper() or None
    if dealer and dealer not in dealer_codes:
        raise ValueError(f"dealer_code {dealer!r} is not a dealer in the database")
    status = get("status").lower() or CampaignStatus.OPEN
    if status not in CampaignStatus.values():
        raise ValueError(f"status {get('status')!r} must be open or remedied")
    return Row(line, checked.vin, model, year, facts.assembly, get("owner_name"), phone, zip_code, dealer, status)


def read_csv(path: Path) -> Iterator[tuple[int, dict[str, str]]]:
    with path.open(newline="", encoding="utf-8-sig") as fh:
        reader = csv.DictReader(fh)
        header = [h.strip().lower() for h in (reader.fieldnames or [])]
        missing = [h for h in HEADER if h not in header]
        if missing:
            raise BadHeader(f"the header must be {','.join(HEADER)}; missing: {', '.join(missing)}")
        reader.fieldnames = header
        for raw in reader:
            yield reader.line_num, raw


def import_vins(path: Path, campaign: str = SERVED, actor: str = "import") -> ImportReport:
    report = ImportReport()
    with unit_of_work() as s:
        campaign_id = s.execute(select(Campaign.id).where(Campaign.code == campaign.upper())).scalar_one_or_none()
        if campaign_id is None:
            raise UnknownCampaign(campaign)
        dealers = dict(s.execute(select(Dealer.code, Dealer.id)).all())
    seen: set[str] = set()
    batch: list[Row] = []
    for line, raw in read_csv(path):
        try:
            row = parse_row(line, raw, set(dealers))
        except ValueError as exc:
            report.rejected.append((line, str(exc)))
            continue
        if row.vin in seen:
            report.rejected.append((line, f"VIN {row.vin} appears earlier in this file"))
            continue
        seen.add(row.vin)
        batch.append(row)
        if len(batch) >= BATCH:
            _upsert(batch, campaign_id, dealers, report, actor)
            batch = []
    if batch:
        _upsert(batch, campaign_id, dealers, report, actor)
    return report


def _upsert(rows: Iterable[Row], campaign_id: int, dealers: dict[str, int], report: ImportReport, actor: str) -> None:
    rows = list(rows)
    with unit_of_work(write=True) as s:
        existing = {
            v.vin: v
            for v in s.execute(select(Vehicle).where(Vehicle.vin.in_([r.vin for r in rows]))).unique().scalars()
        }
        remedied: list[VehicleCampaign] = []  # open here, remedied on the list
        for row in rows:
            vehicle = existing.get(row.vin)
            if vehicle is None:
                _add(s, row, campaign_id, dealers)
                report.added += 1
                continue
            changed = _update(s, vehicle, row, campaign_id, dealers, report, remedied)
            if changed:
                report.updated += 1
                audit.record(s, actor, "vehicle.import_update", "vehicle", vehicle.id, vin=row.vin)
            else:
                report.unchanged += 1
        if remedied:
            _record_remedies(s, remedied, campaign_id, report, actor)
        audit.record(s, actor, "vehicle.import_batch", "campaign", campaign_id, rows=len(rows))


def _add(s: Session, row: Row, campaign_id: int, dealers: dict[str, int]) -> None:
    owner = None
    if row.owner_name or row.phone or row.zip:
        owner = Owner(name=row.owner_name or "", phone=row.phone, zip=row.zip, consent_to_text=False)
    vehicle = Vehicle(
        vin=row.vin, model=row.model, model_year=row.model_year, assembly_country=row.assembly, owner=owner
    )
    s.add(vehicle)
    s.flush()
    s.add(
        VehicleCampaign(
            vehicle_id=vehicle.id,
            campaign_id=campaign_id,
            status=row.status,
            last_servicing_dealer_id=dealers.get(row.dealer_code) if row.dealer_code else None,
        )
    )


def _set(obj, **values) -> bool:
    changed = False
    for key, value in values.items():
        if getattr(obj, key) != value:
            setattr(obj, key, value)
            changed = True
    return changed


def _record_remedies(
    s: Session, statuses: list[VehicleCampaign], campaign_id: int, report: ImportReport, actor: str
) -> None:
    """The batch's newly remedied VINs, through bot.recall.remedies (see the module docstring): one
    UPDATE claims them all, one SELECT finds their bookings, and only the VINs with a booking take
    the per-row path, so a list of many thousand remedies stays a few statements per batch."""
    remedies.claim(s, [vc.id for vc in statuses], now=utcnow())
    booked = (
        s.execute(
            select(Appointment).where(
                Appointment.vehicle_id.in_([vc.vehicle_id for vc in statuses]),
                Appointment.campaign_id == campaign_id,
                Appointment.status == AppointmentStatus.BOOKED,
            )
        )
        .unique()
        .scalars()
        .all()
    )
    for appt in booked:
        remedies.close_booking(s, appt, None, actor=actor, reason="reported remedied by the campaign list")
        report.cancelled_bookings += 1


def _update(
    s: Session,
    vehicle: Vehicle,
    row: Row,
    campaign_id: int,
    dealers: dict[str, int],
    report: ImportReport,
    remedied: list[VehicleCampaign],
) -> bool:
    changed = _set(vehicle, model=row.model, model_year=row.model_year, assembly_country=row.assembly)
    if row.owner_name or row.phone or row.zip:
        if vehicle.owner is None:
            vehicle.owner = Owner(name=row.owner_name, phone=row.phone, zip=row.zip)
            changed = True
        else:
            changed |= _set(
                vehicle.owner,
                name=row.owner_name or vehicle.owner.name,
                phone=row.phone or vehicle.owner.phone,
                zip=row.zip or vehicle.owner.zip,
            )
    status = next((vc for vc in vehicle.campaigns if vc.campaign_id == campaign_id), None)
    dealer_id = dealers.get(row.dealer_code) if row.dealer_code else None
    if status is None:
        s.add(
            VehicleCampaign(
                vehicle_id=vehicle.id, campaign_id=campaign_id, status=row.status, last_servicing_dealer_id=dealer_id
            )
        )
        return True
    if dealer_id is not None:
        changed |= _set(status, last_servicing_dealer_id=dealer_id)
    if status.status == CampaignStatus.REMEDIED and row.status == CampaignStatus.OPEN:
        report.kept_remedied += 1  # a stale list never reopens a remedied vehicle
    elif status.status == CampaignStatus.OPEN and row.status == CampaignStatus.REMEDIED:
        remedied.append(status)  # by the remedy logic, after the batch's other changes
        changed = True
    elif status.status != row.status:
        status.status = row.status
        changed = True
    return changed
