"""Small helpers the tests share."""

from __future__ import annotations

import threading
from collections import Counter
from pathlib import Path


def vins_with_status(status: str, dealer_code: str | None = None) -> list[str]:
    """VINs on the BLC list with this status, read straight from the database."""
    from sqlalchemy import select

    from bot.recall.db import unit_of_work
    from bot.recall.models import Dealer, Vehicle, VehicleCampaign

    with unit_of_work() as s:
        q = select(Vehicle.vin).join(VehicleCampaign).where(VehicleCampaign.status == status)
        if dealer_code:
            q = q.join(Dealer, Dealer.id == VehicleCampaign.last_servicing_dealer_id).where(Dealer.code == dealer_code)
        return list(s.execute(q.order_by(Vehicle.vin)).scalars())


def owner_on_file(dealer_code: str | None = None) -> tuple[str, str]:
    """(phone, VIN) of an owner whose one vehicle on file is open (and, if given, last serviced by
    that dealer)."""
    from bot.recall import vehicles

    for vin in vins_with_status("open", dealer_code):
        phone = vehicles.lookup(vin).owner_phone
        if phone and len(vehicles.for_phone(phone)) == 1:
            return phone, vin
    raise AssertionError(f"no owner on file with one open vehicle ({dealer_code or 'any dealer'})")


def unlisted_vins() -> list[str]:
    """VINs the database holds that are on no campaign list (late-2007 RX 350s in the demo)."""
    from sqlalchemy import select

    from bot.recall.db import unit_of_work
    from bot.recall.models import Vehicle, VehicleCampaign

    with unit_of_work() as s:
        q = select(Vehicle.vin).outerjoin(VehicleCampaign).where(VehicleCampaign.id.is_(None))
        return list(s.execute(q.order_by(Vehicle.vin)).scalars())


def stock(code: str) -> tuple[int, int]:
    """(on hand, reserved) remedy kits at a dealer."""
    from sqlalchemy import select

    from bot.recall.db import unit_of_work
    from bot.recall.models import Dealer, PartsStock

    with unit_of_work() as s:
        row = s.execute(select(PartsStock.on_hand, PartsStock.reserved).join(Dealer).where(Dealer.code == code)).one()
        return row.on_hand, row.reserved


def slot_booked(code: str, start) -> int:
    """Seats taken in one slot at a dealer."""
    from sqlalchemy import select

    from bot.recall.db import unit_of_work
    from bot.recall.models import AppointmentSlot, Dealer

    with unit_of_work() as s:
        return s.execute(
            select(AppointmentSlot.booked).join(Dealer).where(Dealer.code == code, AppointmentSlot.start == start)
        ).scalar_one()


def race(calls) -> Counter:
    """Runs the calls in threads released together; counts "ok" and each RecallError by name.
    Any other exception is counted by its repr, so it shows up in a failed assertion."""
    from bot.recall.errors import RecallError

    barrier = threading.Barrier(len(calls))
    outcomes: Counter = Counter()
    lock = threading.Lock()

    def run(call):
        barrier.wait()
        try:
            call()
            result = "ok"
        except RecallError as exc:
            result = type(exc).__name__
        except Exception as exc:  # noqa: BLE001 - an unexpected error must show up in the counts
            result = f"error: {exc!r}"
        with lock:
            outcomes[result] += 1

    threads = [threading.Thread(target=run, args=(c,)) for c in calls]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    return outcomes


def schedule_starts(code: str, begin, end) -> list:
    """The dealer's slot starts (aware, UTC) from `begin` up to `end`, whatever is booked or in stock."""
    from datetime import timedelta, timezone
    from zoneinfo import ZoneInfo

    from bot.recall import dealers, scheduling
    from bot.recall.db import unit_of_work

    with unit_of_work() as s:
        dealer = dealers.row(s, code)
        day, last = (t.astimezone(ZoneInfo(dealer.timezone)).date() for t in (begin, end))
        found = []
        while day <= last:
            starts, _ = scheduling._day_starts(dealer, day)
            found += [t.astimezone(timezone.utc) for t in starts if begin <= t < end]
            day += timedelta(days=1)
        return found


def listening_addresses(port: int) -> set[str]:
    """Local addresses with a listening TCP socket on `port`, read from /proc/net/tcp{,6}."""
    found = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        for line in Path(table).read_text().splitlines()[1:]:
            local, state = line.split()[1], line.split()[3]
            address, hex_port = local.split(":")
            if state == "0A" and int(hex_port, 16) == port:
                found.add(address)
    return found


def texts(messages) -> tuple[str, ...]:
    """Messages (bot.messages.Msg) as an owner reads them in a text."""
    from bot.messages import render

    return tuple(render(message) for message in messages)


def short_when(moment) -> str:
    """An offered time as a menu line of a text shows it ("Tue Dec 1, 3:00 PM")."""
    from bot.messages import render, values

    return render(values.short_when(moment))


def when(moment) -> str:
    """A time as a text states it ("Tuesday, December 1 at 3:00 PM CST")."""
    from bot.messages import render, values

    return render(values.when(moment))
