"""Dealer operations: capacity for the weeks ahead, open/booked/remedied VINs per dealer, completion
over time, bookings by channel, escalations by reason; each table also as CSV.

Staff see their own dealer; an admin sees every dealer, or one picked from the list. The figures
come from bot.recall.reports, the same functions `recallbot report ...` prints.
"""

from __future__ import annotations

from dataclasses import dataclass

from sanic import response
from sanic.request import Request

from bot.console.auth import signed_in
from bot.console.escalation_views import REASONS
from bot.console.pages import render, run
from bot.console.service_views import dealer_for
from bot.recall import reports
from bot.recall.records import DealerSummary, WeekCount, WeekLoad

CHANNELS = {"sms": "SMS", "voice": "Voice", "chat": "Web chat", "staff": "Staff"}
WEEKS_BACK = 12
WEEKS_AHEAD = 6


@dataclass(frozen=True)
class ChannelRow:
    channel: str
    bookings: int
    cancelled: int


@dataclass(frozen=True)
class ReasonRow:
    reason: str
    total: int
    unresolved: int


def _scope(request: Request) -> str | None:
    """The dealer a report covers: the staff member's own; for an admin, the one picked or all."""
    me = request.ctx.me
    if me.scope:
        return me.scope
    wanted = (request.args.get("dealer") or "").strip().upper()
    return wanted or None


async def _figures(scope: str | None) -> dict:
    summary = await run(reports.dealer_summary, scope)
    booked = await run(reports.bookings_by_channel, scope)
    cancelled = await run(reports.bookings_by_channel, scope, status="cancelled")
    reasons = await run(reports.escalations_by_reason, scope)
    unresolved = await run(reports.escalations_by_reason, scope, resolved=False)
    return {
        "summary": summary,
        "total": DealerSummary.total(summary) if len(summary) > 1 else None,
        "completion": await run(reports.completion_over_time, scope, weeks=WEEKS_BACK),
        "channels": [ChannelRow(c, booked.get(c, 0), cancelled.get(c, 0)) for c in CHANNELS],
        "reasons": [ReasonRow(r, n, unresolved.get(r, 0)) for r, n in reasons.items()],
    }


@signed_in
async def overview(request: Request):
    scope = _scope(request)
    dealers_list = [] if request.ctx.me.scope else (await dealer_for(request, None))[1]
    figures = await _figures(scope)
    charts = {  # (label, value) pairs for the SVG charts
        "completion": [(w.week_start.strftime("%b %-d"), w.remedied) for w in figures["completion"]],
        "channels": [(CHANNELS[c.channel], c.bookings) for c in figures["channels"]],
        "reasons": [(REASONS.get(r.reason, r.reason), r.total) for r in figures["reasons"]],
    }
    return render(request, "reports.html", scope=scope, choices=dealers_list, channel_names=CHANNELS,
                  charts=charts, **figures)


CSV_TABLES = {
    "dealers": ("summary", DealerSummary),
    "completion": ("completion", WeekCount),
    "channels": ("channels", ChannelRow),
    "escalations": ("reasons", ReasonRow),
}


@signed_in
async def csv_export(request: Request, filename: str):
    """/reports/dealers.csv, completion.csv, channels.csv, escalations.csv"""
    table = filename.removesuffix(".csv")
    if not filename.endswith(".csv") or table not in CSV_TABLES:
        return response.text("No such report.", status=404)
    key, record = CSV_TABLES[table]
    scope = _scope(request)
    rows = (await _figures(scope))[key]
    name = f"recall-blc-{table}-{(scope or 'all-dealers').lower()}.csv"
    return response.text(reports.to_csv(rows, record_type=record), content_type="text/csv; charset=utf-8",
                         headers={"Content-Disposition": f'attachment; filename="{name}"'})


@signed_in
async def capacity(request: Request):
    dealer, choices = await dealer_for(request, request.args.get("dealer"))
    if dealer is None:
        return render(request, "not_found.html", status=404, what="dealer")
    weeks = await run(reports.capacity_ahead, dealer.code, weeks=WEEKS_AHEAD)
    to_come = await run(reports.demand_to_come, dealer.code)
    return render(request, "capacity.html", dealer=dealer, choices=choices, weeks=weeks, to_come=to_come,
                  free_total=sum(w.free for w in weeks))


@signed_in
async def capacity_csv(request: Request):
    dealer, _ = await dealer_for(request, request.args.get("dealer"))
    if dealer is None:
        return response.text("No such dealer.", status=404)
    weeks = await run(reports.capacity_ahead, dealer.code, weeks=WEEKS_AHEAD)
    return response.text(reports.to_csv(weeks, record_type=WeekLoad), content_type="text/csv; charset=utf-8",
                         headers={"Content-Disposition":
                                  f'attachment; filename="recall-blc-capacity-{dealer.code.lower()}.csv"'})
