"""The parts desk: remedy kits on hand, held for booked appointments, on order, and the order the
appointments call for ("subsequent orders should be based on customer appointments"); placing,
receiving and cancelling order lines. Completing a remedy orders its replacement by itself
("sell one, buy one"), so those lines simply appear here."""

from __future__ import annotations

from dataclasses import dataclass

from sanic import response
from sanic.request import Request

from bot.console.auth import signed_in
from bot.console.pages import csv_download, render, run
from bot.console.service_views import dealer_for, form_or_args
from bot.recall import parts
from bot.recall.errors import RecallError
from bot.recall.vocab import PartsOrderReason, PartsOrderStatus

NOTICES = {
    "ordered": "Order placed.",
    "received": "Kits received: on hand updated.",
    "cancelled": "Order line cancelled.",
}
MAX_ORDER = 500  # kits in one line: more is a typo, not an order


@dataclass(frozen=True)
class PartsRow:
    """A dealer's kit figures as one CSV line."""

    dealer: str
    name: str
    lead_days: int
    on_hand: int
    reserved: int
    free: int
    on_order: int
    suggested_order: int


async def _page(request: Request, error: str | None = None, status: int = 200):
    dealer, choices = await dealer_for(request, form_or_args(request, "dealer"))
    if dealer is None:
        return render(request, "not_found.html", status=404, what="dealer")
    stock = await run(parts.status, dealer.code)
    every = await run(parts.status_all) if choices else []
    received = (await run(parts.orders, dealer.code, status=PartsOrderStatus.RECEIVED))[:10]
    return render(
        request,
        "parts.html",
        status=status,
        dealer=dealer,
        choices=choices,
        stock=stock,
        every=every,
        received=received,
        error=error,
        max_order=MAX_ORDER,
        order_reasons=PartsOrderReason.labels(),
        notice=NOTICES.get(request.args.get("done", "")),
    )


@signed_in
async def page(request: Request):
    return await _page(request)


def _code(request: Request) -> str:
    """Staff order for their own dealer whatever the form says; an admin names the dealer."""
    return request.ctx.me.scope or form_or_args(request, "dealer").upper()


def _back(code: str, done: str):
    return response.redirect(f"/parts?dealer={code}&done={done}", status=303)


@signed_in
async def order(request: Request):
    code = _code(request)
    try:
        quantity = int(request.form.get("quantity") or "0")
    except ValueError:
        quantity = 0
    if not 1 <= quantity <= MAX_ORDER:
        return await _page(request, error=f"Order between 1 and {MAX_ORDER} kits.", status=400)
    reason = "appointments" if request.form.get("reason") == "appointments" else "manual"
    try:
        await run(parts.place_order, code, quantity, actor=request.ctx.me.email, reason=reason)
    except RecallError as exc:
        return await _page(request, error=str(exc), status=409)
    return _back(code, "ordered")


async def _close(request: Request, order_id: int, change, done: str):
    code = _code(request)
    try:
        await run(change, order_id, code, actor=request.ctx.me.email)
    except RecallError as exc:  # another dealer's line, or already received/cancelled
        return await _page(request, error=str(exc) or "That order line cannot be changed.", status=409)
    return _back(code, done)


@signed_in
async def receive(request: Request, order_id: int):
    return await _close(request, order_id, parts.receive, "received")


@signed_in
async def cancel(request: Request, order_id: int):
    return await _close(request, order_id, parts.cancel_order, "cancelled")


@signed_in
async def csv_export(request: Request):
    me = request.ctx.me
    found = [await run(parts.status, me.scope)] if me.scope else await run(parts.status_all)
    rows = [
        PartsRow(
            p.dealer_code, p.dealer_name, p.lead_days, p.on_hand, p.reserved, p.free, p.on_order, p.suggested_order
        )
        for p in found
    ]
    return csv_download(rows, PartsRow, "parts", me.scope)
