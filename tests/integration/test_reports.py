"""Dealer operations reports against known activity, on SQLite and PostgreSQL: each figure checked
against what the test did and against a plain count of the rows; week buckets in the dealer's
time zone; dealer scoping; CSV; the `recallbot report` command."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from collections import Counter
from dataclasses import asdict, dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import func, select, update

from bot.recall import escalations, remedies, reports, scheduling
from bot.recall.db import unit_of_work
from bot.recall.errors import UnknownCampaign, UnknownDealer
from bot.recall.models import Appointment, Dealer, Vehicle, VehicleCampaign
from bot.recall.records import DealerSummary, WeekCount, WeekLoad
from tests.helpers import vins_with_status

CHICAGO = ZoneInfo("America/Chicago")
NEW_YORK = ZoneInfo("America/New_York")


@dataclass(frozen=True)
class Activity:
    tx: list[str]  # TX501's open VINs before the activity
    il: list[str]  # IL301's
    monday: date  # next Monday in Chicago, when every booking is


@pytest.fixture
def activity(demo_db) -> Activity:
    """Known activity on the demo (10 dealers, 3 VINs each; GA202's 3 and 2 of WA801's remedied):
    TX501 books its three VINs by sms, voice and staff (the staff one cancelled), IL301's first VIN
    books at TX501 by sms; TX501 completes its voice booking and IL301's second VIN as a walk-in;
    four escalations, the complaint resolved."""
    tx, il = vins_with_status("open", "TX501"), vins_with_status("open", "IL301")
    today = datetime.now(CHICAGO).date()
    monday = today + timedelta(days=(7 - today.weekday()) % 7 or 7)
    at = lambda hour: datetime.combine(monday, time(hour), CHICAGO)  # noqa: E731
    scheduling.book(tx[0], "TX501", at(9), channel="sms")
    scheduling.book(tx[1], "TX501", at(9), channel="voice")
    scheduling.cancel(scheduling.book(tx[2], "TX501", at(10), channel="staff").id)
    scheduling.book(il[0], "TX501", at(10), channel="sms")
    remedies.complete(tx[1], "TX501", actor="dana@tx501")
    remedies.complete(il[1], "TX501", actor="dana@tx501")
    complaint = escalations.create("c1", channel="sms", reason="complaint", priority="high", dealer_code="TX501")
    escalations.resolve(complaint.id, "dana@tx501", dealer_code="TX501")
    escalations.create("c2", channel="sms", reason="warning_sign", priority="urgent", dealer_code="TX501")
    escalations.create("c3", channel="voice", reason="warning_sign", priority="urgent", dealer_code="IL301")
    escalations.create("c4", channel="chat", reason="question")  # no dealer: the admin queue
    return Activity(tx, il, monday)


def _counted_by_hand() -> dict[str, Counter]:
    """The summary computed from every row in Python: the plain count the report must match."""
    with unit_of_work() as s:
        codes = dict(s.execute(select(Dealer.id, Dealer.code)).all())
        booked = set(s.execute(select(Appointment.vehicle_id).where(Appointment.status == "booked")).scalars())
        rows = s.execute(
            select(
                VehicleCampaign.vehicle_id,
                VehicleCampaign.status,
                VehicleCampaign.last_servicing_dealer_id,
                VehicleCampaign.remedied_by_dealer_id,
            )
        ).all()
    counted = {code: Counter() for code in codes.values()}
    for vehicle_id, status, last, by in rows:
        if last is not None:
            kind = "remedied" if status == "remedied" else "open_booked" if vehicle_id in booked else "open_unbooked"
            counted[codes[last]].update(["attributed", kind])
        if by is not None:
            counted[codes[by]]["remedied_here"] += 1
    return counted


def _numbers(row: DealerSummary) -> dict[str, int]:
    return {k: getattr(row, k) for k in ("attributed", "open_unbooked", "open_booked", "remedied", "remedied_here")}


def test_dealer_summary_attributes_vins_to_the_last_servicing_dealer(activity):
    summary = {r.dealer: r for r in reports.dealer_summary()}
    assert list(summary) == sorted(summary) and len(summary) == 10
    # TX501: its own 3 and IL301's walk-in, which TX501 serviced last.
    assert _numbers(summary["TX501"]) == {
        "attributed": 4,
        "open_unbooked": 1,
        "open_booked": 1,
        "remedied": 2,
        "remedied_here": 2,
    }
    assert summary["TX501"].completion_rate == 0.5 and summary["TX501"].name == "Preston Lexus (demo)"
    # IL301's first VIN stays IL301's though it is booked at TX501.
    assert _numbers(summary["IL301"]) == {
        "attributed": 2,
        "open_unbooked": 1,
        "open_booked": 1,
        "remedied": 0,
        "remedied_here": 0,
    }
    assert summary["IL301"].completion_rate == 0.0
    assert (summary["GA202"].remedied, summary["GA202"].completion_rate) == (3, 1.0)
    assert summary["WA801"].completion_rate == 0.6667
    assert _numbers(summary["CO701"]) == {
        "attributed": 3,
        "open_unbooked": 3,
        "open_booked": 0,
        "remedied": 0,
        "remedied_here": 0,
    }
    counted = _counted_by_hand()
    for code, row in summary.items():
        assert _numbers(row) == {k: counted[code][k] for k in _numbers(row)}, code


def test_summary_totals_are_the_attributed_vins_in_the_database(activity):
    with unit_of_work() as s:
        s.execute(
            update(VehicleCampaign)
            .where(
                VehicleCampaign.vehicle_id
                == s.execute(select(Vehicle.id).where(Vehicle.vin == activity.tx[2])).scalar_one()
            )
            .values(last_servicing_dealer_id=None)
        )  # a VIN with no servicing dealer on record
        attributed = s.execute(
            select(func.count())
            .select_from(VehicleCampaign)
            .where(VehicleCampaign.last_servicing_dealer_id.is_not(None))
        ).scalar_one()
        remedied = s.execute(
            select(func.count()).select_from(VehicleCampaign).where(VehicleCampaign.status == "remedied")
        ).scalar_one()
    rows = reports.dealer_summary()
    total = DealerSummary.total(rows)
    assert attributed == 29
    assert total.attributed == attributed == sum(r.attributed for r in rows)
    assert total.open_unbooked + total.open_booked + total.remedied == attributed
    assert total.remedied == total.remedied_here == remedied == 7
    assert total.completion_rate == round(7 / 29, 4)
    assert reports.dealer_summary("TX501")[0].attributed == 3


def test_one_dealer_only_and_unknown_names(activity):
    everyone = {r.dealer: r for r in reports.dealer_summary()}
    assert reports.dealer_summary("tx501") == [everyone["TX501"]]
    assert reports.demand_to_come("TX501") == 1 and reports.demand_to_come("CA402") == 3
    assert reports.demand_to_come("GA202") == 0
    for call in (
        reports.dealer_summary,
        reports.demand_to_come,
        reports.completion_over_time,
        reports.bookings_by_channel,
        reports.escalations_by_reason,
        reports.capacity_ahead,
    ):
        for code in ("ZZ999", ""):  # an empty code must never widen to every dealer
            with pytest.raises(UnknownDealer):
                call(code)
    with pytest.raises(UnknownCampaign):
        reports.dealer_summary(campaign="XYZ")
    assert (
        DealerSummary.of("X", "x", open_unbooked=0, open_booked=0, remedied=0, remedied_here=0).completion_rate is None
    )


def _remedied_at(vin: str, at: datetime) -> None:
    with unit_of_work(write=True) as s:
        vehicle_id = s.execute(select(Vehicle.id).where(Vehicle.vin == vin)).scalar_one()
        s.execute(update(VehicleCampaign).where(VehicleCampaign.vehicle_id == vehicle_id).values(remedied_at=at))


def test_completion_weeks_in_the_dealers_time_zone(demo_db):
    ga = vins_with_status("remedied", "GA202")  # GA202's 3 seeded remedies; WA801's 2 are years ago
    sunday_night = datetime(2026, 1, 11, 23, 30, tzinfo=NEW_YORK)  # already Monday Jan 12 in UTC
    _remedied_at(ga[0], sunday_night)
    _remedied_at(ga[1], datetime(2025, 12, 29, tzinfo=NEW_YORK))  # the first instant of a week
    _remedied_at(ga[2], datetime(2026, 1, 20, 9, tzinfo=NEW_YORK))  # after the report's last week
    wednesday = date(2026, 1, 14)

    weeks = reports.completion_over_time("GA202", weeks=4, today=wednesday)
    assert weeks == [
        WeekCount(date(2025, 12, 22), "2025-W52", 0, 0),
        WeekCount(date(2025, 12, 29), "2026-W01", 1, 1),
        WeekCount(date(2026, 1, 5), "2026-W02", 1, 2),
        WeekCount(date(2026, 1, 12), "2026-W03", 0, 2),
    ]
    # Every dealer, in UTC weeks: the Sunday-night remedy is in the Monday's week; WA801's two
    # remedies of years ago are in the cumulative count from the start.
    everyone = reports.completion_over_time(weeks=4, today=wednesday)
    assert [(w.remedied, w.cumulative) for w in everyone] == [(0, 2), (1, 3), (0, 3), (1, 4)]
    assert [(w.remedied, w.cumulative) for w in reports.completion_over_time("CO701", weeks=4, today=wednesday)] == [
        (0, 0)
    ] * 4
    assert len(reports.completion_over_time(today=wednesday)) == 12
    with pytest.raises(ValueError):
        reports.completion_over_time(weeks=0)


def test_completion_this_week_from_the_activity(activity):
    this_week = reports.completion_over_time("TX501", weeks=2)
    today = datetime.now(CHICAGO).date()
    assert this_week[-1].week_start == today - timedelta(days=today.weekday())
    assert [(w.remedied, w.cumulative) for w in this_week] == [(0, 0), (2, 2)]
    assert reports.completion_over_time(weeks=1)[-1].cumulative == 7


def test_bookings_by_channel_every_appointment_made(activity):
    with unit_of_work() as s:
        made = Counter(s.execute(select(Appointment.channel)).scalars())
    assert reports.bookings_by_channel() == {"sms": 2, "voice": 1, "chat": 0, "staff": 1}
    assert reports.bookings_by_channel() == {c: made[c] for c in ("sms", "voice", "chat", "staff")}
    assert reports.bookings_by_channel(status="cancelled") == {"sms": 0, "voice": 0, "chat": 0, "staff": 1}
    assert reports.bookings_by_channel(status="completed") == {"sms": 0, "voice": 1, "chat": 0, "staff": 0}
    assert reports.bookings_by_channel("TX501") == reports.bookings_by_channel()
    assert reports.bookings_by_channel("IL301") == {"sms": 0, "voice": 0, "chat": 0, "staff": 0}


def test_escalations_by_reason(activity):
    assert reports.escalations_by_reason() == {"warning_sign": 2, "complaint": 1, "question": 1}
    assert list(reports.escalations_by_reason()) == ["warning_sign", "complaint", "question"]
    assert reports.escalations_by_reason(resolved=True) == {"complaint": 1}
    assert reports.escalations_by_reason(resolved=False) == {"warning_sign": 2, "question": 1}
    assert reports.escalations_by_reason("TX501") == {"complaint": 1, "warning_sign": 1}
    assert reports.escalations_by_reason("IL301", resolved=True) == {}
    assert reports.escalations_by_reason("CO701") == {}


def test_capacity_ahead_by_week(activity):
    # Weekdays 22 seats, Saturday 6, Sunday none: 116 a week.
    loads = reports.capacity_ahead("TX501", weeks=2, today=activity.monday)
    assert loads == [
        WeekLoad("TX501", activity.monday, offered=116, booked=2, completed=1, free=113),
        WeekLoad("TX501", activity.monday + timedelta(weeks=1), offered=116, booked=0, completed=0, free=116),
    ]
    # From a Thursday, that week offers Thursday to Saturday only.
    thursday = activity.monday - timedelta(days=4)
    first = reports.capacity_ahead("TX501", weeks=2, today=thursday)[0]
    assert (first.week_start, first.offered, first.free) == (thursday - timedelta(days=3), 50, 50)
    now = reports.capacity_ahead("tx501")
    assert len(now) == 6 and now[0].week_start.weekday() == 0 and now[0].offered <= 116
    assert [w.week_start for w in now] == [now[0].week_start + timedelta(weeks=n) for n in range(6)]
    assert sum(w.booked for w in now) == 2 and sum(w.completed for w in now) == 1
    idle = reports.capacity_ahead("CO701", weeks=1, today=activity.monday)
    assert idle == [WeekLoad("CO701", activity.monday, 116, 0, 0, 116)]
    assert (
        reports.capacity_ahead("CA402", weeks=1, today=activity.monday)[0].offered == 116
    )  # no kits: seats still there
    with pytest.raises(ValueError):
        reports.capacity_ahead("TX501", weeks=0)


def test_csv_header_and_rows(activity):
    rows = reports.dealer_summary()
    lines = list(csv.reader(io.StringIO(reports.to_csv(rows))))
    assert lines[0] == [
        "dealer",
        "name",
        "attributed",
        "open_unbooked",
        "open_booked",
        "remedied",
        "completion_rate",
        "remedied_here",
    ]
    assert lines[1:] == [
        [
            r.dealer,
            r.name,
            str(r.attributed),
            str(r.open_unbooked),
            str(r.open_booked),
            str(r.remedied),
            str(r.completion_rate),
            str(r.remedied_here),
        ]
        for r in rows
    ]
    weeks = list(
        csv.DictReader(io.StringIO(reports.to_csv(reports.capacity_ahead("TX501", weeks=1, today=activity.monday))))
    )
    assert weeks == [
        {
            "dealer": "TX501",
            "week_start": activity.monday.isoformat(),
            "offered": "116",
            "booked": "2",
            "completed": "1",
            "free": "113",
        }
    ]
    assert reports.to_csv([]) == ""
    assert reports.to_csv([], record_type=WeekCount) == "week_start,week,remedied,cumulative\r\n"
    empty = DealerSummary.of("=HYPERLINK(1)", "-x", open_unbooked=0, open_booked=0, remedied=0, remedied_here=0)
    assert reports.to_csv([empty]).splitlines()[1] == "'=HYPERLINK(1),'-x,0,0,0,0,,0"


def recallbot(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "bot.cli", "report", *args],
        capture_output=True,
        text=True,
        env=dict(os.environ),
        timeout=120,
    )  # RECALLBOT_DATABASE_URL set by the fixture


def test_the_report_command(activity):
    assert os.environ["RECALLBOT_DATABASE_URL"]
    dealers = recallbot("dealers", "--json")
    assert dealers.returncode == 0, dealers.stderr
    assert json.loads(dealers.stdout) == [asdict(r) for r in reports.dealer_summary()]
    assert json.loads(dealers.stdout)[-1].keys() == {
        "dealer",
        "name",
        "attributed",
        "open_unbooked",
        "open_booked",
        "remedied",
        "completion_rate",
        "remedied_here",
    }
    one = recallbot("dealers", "--dealer", "tx501", "--csv").stdout
    assert one == reports.to_csv(reports.dealer_summary("TX501")).replace("\r\n", "\n")  # text mode reads \r\n as \n
    table = recallbot("dealers").stdout.splitlines()
    assert table[0].split() == ["dealer", "name", "VINs", "unbooked", "booked", "remedied", "rate", "done", "here"]
    assert len(table) == 1 + 10 + 2 and table[-2].startswith("---")
    assert table[-1].split() == ["TOTAL", "30", "21", "2", "7", "23.3%", "7"]
    assert len({len(line) for line in table if not line.startswith("-")}) == 1, "columns line up"

    completion = json.loads(recallbot("completion", "--weeks", "3", "--json").stdout)
    assert [w["remedied"] for w in completion] == [0, 0, 2] and completion[-1]["cumulative"] == 7
    assert json.loads(recallbot("channels", "--json").stdout) == [
        {"channel": "sms", "bookings": 2, "cancelled": 0},
        {"channel": "voice", "bookings": 1, "cancelled": 0},
        {"channel": "chat", "bookings": 0, "cancelled": 0},
        {"channel": "staff", "bookings": 1, "cancelled": 1},
    ]
    assert json.loads(recallbot("escalations", "--dealer", "TX501", "--json").stdout) == [
        {"reason": "complaint", "total": 1, "unresolved": 0, "resolved": 1},
        {"reason": "warning_sign", "total": 1, "unresolved": 1, "resolved": 0},
    ]
    capacity = json.loads(recallbot("capacity", "--dealer", "TX501", "--weeks", "2", "--json").stdout)
    assert capacity["dealer"] == "TX501" and capacity["demand_to_come"] == 1 and len(capacity["weeks"]) == 2
    assert "TOTAL" in recallbot("capacity", "--dealer", "TX501").stdout

    assert recallbot("capacity").returncode == 2  # --dealer is required
    assert recallbot("completion", "--weeks", "0").returncode == 2
    unknown = recallbot("dealers", "--dealer", "ZZ999")
    assert unknown.returncode == 2 and "ZZ999" in unknown.stderr and "Traceback" not in unknown.stderr


def test_the_console_and_the_command_show_the_same_rows(activity):
    """Bookings by channel and escalations by reason are counted by one function each
    (bot.recall.reports), which the console's page and CSV and `recallbot report` all print, so
    the two cannot drift apart again."""
    from bot.console import report_views

    assert report_views.TABLES["channels"] == (reports.channel_rows, reports.ChannelRow)
    assert report_views.TABLES["escalations"] == (reports.reason_rows, reports.ReasonRow)
    rows = reports.reason_rows()
    assert [(r.reason, r.total, r.unresolved, r.resolved) for r in rows] == [
        ("warning_sign", 2, 2, 0),
        ("complaint", 1, 0, 1),
        ("question", 1, 1, 0),
    ]
    assert json.loads(recallbot("escalations", "--json").stdout) == [
        {**asdict(r), "resolved": r.resolved} for r in rows
    ]
    assert reports.to_csv(reports.reason_rows("TX501")).splitlines() == [
        "reason,total,unresolved",
        "complaint,1,0",
        "warning_sign,1,1",
    ]
    assert json.loads(recallbot("channels", "--dealer", "TX501", "--json").stdout) == [
        asdict(r) for r in reports.channel_rows("TX501")
    ]
    assert [r.channel for r in reports.channel_rows()] == ["sms", "voice", "chat", "staff"]
