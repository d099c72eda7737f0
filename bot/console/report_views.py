"""Dealer operations: capacity for the weeks ahead, open/booked/remedied VINs per dealer, completion
over time, bookings by channel, escalations by reason; each table also as CSV.

Staff see their own dealer; an admin sees every dealer, or one picked from the list. The figures
come from bot.recall.reports, the same functions and rows `recallbot report ...` prints.
"""

from __future__ import annotations

from collections.abc import Callable

from sanic import response
from sanic.request import Request

from bot.console.auth import signed_in
from bot.console.pages import csv_download, render, run
from bot.console.service_views import dealer_for
from bot.recall import reports
from bot.recall.records import DealerSummary, WeekCount, WeekLoad
from bot.recall.vocab import Channel, EscalationReason

# What people read for the stored codes, from the one vocabulary (the queue and alerts use it too).
CHANNELS = Channel.labels()
REASONS = EscalationReason.labels()
WEEKS_BACK = 12
WEEKS_AHEAD = 6


def _scope(request: Request) -> str | None:
    """The dealer a report covers: the staff member's own; for an admin, the one picked or all."""
    me = request.ctx.me
    if me.scope:
        return me.scope
    wanted = (request.args.get("dealer") or "").strip().upper()
    return wanted or None


# Each table of the page: how its rows are counted, and the record its CSV header comes from.
TABLES: dict[str, tuple[Callable[[str | None], list], type]] = {
    "dealers": (reports.dealer_summary, DealerSummary),
    "completion": (lambda scope: reports.completion_over_time(scope, weeks=WEEKS_BACK), WeekCount),
    "channels": (reports.channel_rows, reports.ChannelRow),
    "escalations": (reports.reason_rows, reports.ReasonRow),
}


def _all_tables(scope: str | None) -> dict[str, list]:
    return {name: count(scope) for name, (count, _) in TABLES.items()}


@signed_in
async def overview(request: Request):
    scope = _scope(request)
    dealers_list = [] if request.ctx.me.scope else (await dealer_for(request, None))[1]
    tables = await run(_all_tables, scope)  # one worker-thread trip for the whole page
    summary = tables["dealers"]
    charts = {  # (label, value) pairs for the SVG charts
        "completion": [(w.week_start.strftime("%b %-d"), w.remedied) for w in tables["completion"]],
        "channels": [(CHANNELS[c.channel], c.bookings) for c in tables["channels"]],
        "reasons": [(REASONS.get(r.reason, r.reason), r.total) for r in tables["escalations"]],
    }
    return render(
        request,
        "reports.html",
        scope=scope,
        choices=dealers_list,
        channel_names=CHANNELS,
        charts=charts,
        summary=summary,
        total=DealerSummary.total(summary) if len(summary) > 1 else None,
        completion=tables["completion"],
        channels=tables["channels"],
        reasons=tables["escalations"],
    )


@signed_in
async def csv_export(request: Request, filename: str):
    """/reports/dealers.csv, completion.csv, channels.csv, escalations.csv"""
    table = filename.removesuffix(".csv")
    if not filename.endswith(".csv") or table not in TABLES:
        return response.text("No such report.", status=404)
    count, record = TABLES[table]
    scope = _scope(request)
    rows = await run(count, scope)
    return csv_download(rows, record, table, scope)


@signed_in
async def capacity(request: Request):
    dealer, choices = await dealer_for(request, request.args.get("dealer"))
    if dealer is None:
        return render(request, "not_found.html", status=404, what="dealer")
    weeks = await run(reports.capacity_ahead, dealer.code, weeks=WEEKS_AHEAD)
    to_come = await run(reports.demand_to_come, dealer.code)
    return render(
        request,
        "capacity.html",
        dealer=dealer,
        choices=choices,
        weeks=weeks,
        to_come=to_come,
        free_total=sum(w.free for w in weeks),
    )


@signed_in
async def capacity_csv(request: Request):
    dealer, _ = await dealer_for(request, request.args.get("dealer"))
    if dealer is None:
        return response.text("No such dealer.", status=404)
    weeks = await run(reports.capacity_ahead, dealer.code, weeks=WEEKS_AHEAD)
    return csv_download(weeks, WeekLoad, "capacity", dealer.code)
