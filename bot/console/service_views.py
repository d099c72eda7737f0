"""The service desk's pages: the day's and week's appointments against capacity, a VIN check for
vehicles in stock or at the desk, and marking the remedy completed."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from sanic import response
from sanic.request import Request

from bot.console.auth import signed_in
from bot.console.pages import render, run
from bot.recall import dealers, remedies, scheduling, vehicles
from bot.recall.errors import RecallError, UnknownDealer
from bot.vin import validate

WEEK = 7


async def dealer_for(request: Request, wanted: str | None):
    """Staff work on their own dealer; an admin picks one (the first by code when none is picked)."""
    me = request.ctx.me
    if me.scope:
        return await run(dealers.get, me.scope), []
    every = await run(dealers.list_dealers)
    chosen = next((d for d in every if wanted and d.code == wanted.upper()), every[0] if every else None)
    return chosen, every


def _day_arg(request: Request, tz: str) -> date:
    try:
        return date.fromisoformat(request.args.get("day", ""))
    except ValueError:
        return datetime.now(ZoneInfo(tz)).date()


@signed_in
async def appointments(request: Request):
    dealer, choices = await dealer_for(request, request.args.get("dealer"))
    if dealer is None:
        return render(request, "not_found.html", status=404, what="dealer")
    day = _day_arg(request, dealer.timezone)
    week = await run(scheduling.dealer_days, dealer.code, day, WEEK)
    return render(
        request,
        "appointments.html",
        dealer=dealer,
        choices=choices,
        day=day,
        week=week,
        today=week[0],
        previous=day - timedelta(days=WEEK),
        following=day + timedelta(days=WEEK),
        notice=request.args.get("done"),
    )


def form_or_args(request: Request, name: str) -> str:
    value = request.form.get(name) if request.method == "POST" and request.form else request.args.get(name)
    return (value or "").strip()


async def _vin_page(request: Request, error: str | None = None, status: int = 200):
    dealer, choices = await dealer_for(request, form_or_args(request, "dealer"))
    raw = form_or_args(request, "vin")
    checked = validate(raw) if raw else None
    check = await run(vehicles.stock_check, checked.vin) if checked and checked.valid else None
    return render(
        request,
        "vin.html",
        status=status,
        raw=raw,
        checked=checked,
        check=check,
        dealer=dealer,
        choices=choices,
        error=error,
        done=request.args.get("done"),
    )


@signed_in
async def vin_check(request: Request):
    return await _vin_page(request)


@signed_in
async def complete(request: Request):
    """Marks the remedy done at the signed-in person's dealer (an admin names the dealer)."""
    me = request.ctx.me
    vin = validate(form_or_args(request, "vin")).vin
    code = me.scope or form_or_args(request, "dealer")
    if not request.form.get("confirm"):
        return await _vin_page(request, error="Tick the box to confirm the remedy was done.", status=400)
    try:
        await run(remedies.complete, vin, code, actor=me.email)
    except UnknownDealer:
        return await _vin_page(request, error="Choose the dealer that did the remedy.", status=400)
    except RecallError as exc:
        return await _vin_page(request, error=str(exc) or "The remedy could not be recorded.", status=409)
    back = form_or_args(request, "back")
    if back.startswith("/appointments"):
        return response.redirect(f"{back}&done=completed" if "?" in back else f"{back}?done=completed", status=303)
    return response.redirect(f"/vin?vin={vin}&done=completed", status=303)
