"""`recallbot parts ...`: the parts ledger of bot.recall.parts (status, order, receive, cancel)."""

from __future__ import annotations

import argparse
from typing import Any
from zoneinfo import ZoneInfo

from bot.cli.common import OK, add_command, add_group, plain_errors, print_json, print_records, whole_number
from bot.recall import parts


def _kits(n: int) -> str:
    return f"{n} kit{'' if n == 1 else 's'}"


def _free(st: Any) -> str:
    """Kits on the shelf held by no booking, or how many bookings wait for kits still to come."""
    return f"{st.free} free" if st.free >= 0 else f"short {-st.free}"


def _print_parts(st: Any) -> None:
    print(
        f"{st.dealer_code} {st.dealer_name}: {st.on_hand} on hand, {st.reserved} reserved, {_free(st)}, "
        f"{st.on_order} on order; parts lead time {st.lead_days} days."
    )
    print(f"Booked appointments ahead: {st.booked_ahead}; not covered by stock or orders: {st.uncovered}.")
    if st.suggested_order:
        first = st.first_uncovered.astimezone(ZoneInfo(st.dealer_timezone))
        print(
            f"Suggested order: {_kits(st.suggested_order)} now (the first uncovered booking is "
            f"{first:%a %b %-d %-I:%M %p %Z}): recallbot parts order --dealer {st.dealer_code} "
            f"--quantity {st.suggested_order}"
        )
    else:
        print("Suggested order: none.")
    for o in st.open_orders:
        print(
            f"  order #{o.id:<5} {_kits(o.quantity):<8} {o.reason:<12} expected {o.local_expected():%a %b %-d}  "
            f"(by {o.created_by})"
        )


@plain_errors
def cmd_parts_status(args: argparse.Namespace) -> int:
    if args.dealer:
        st = parts.status(args.dealer)
        if args.json:
            print_json(st.as_json())
        else:
            _print_parts(st)
        return OK
    return print_records(
        args,
        parts.status_all(),
        lambda st: (
            f"{st.dealer_code:<6} {st.on_hand:>4} on hand {st.reserved:>4} reserved {_free(st):>9} "
            f"{st.on_order:>4} on order  suggested order {st.suggested_order}"
        ),
    )


_quantity = whole_number(1, 1000, "kits")


@plain_errors
def cmd_parts_order(args: argparse.Namespace) -> int:
    line = parts.place_order(args.dealer, args.quantity, actor="cli", reason=args.reason)
    print(
        f"Ordered {_kits(line.quantity)} for {line.dealer_code} (parts order #{line.id}), expected "
        f"{line.local_expected():%a %b %-d}."
    )
    return OK


@plain_errors
def cmd_parts_close(args: argparse.Namespace) -> int:
    """`parts receive` or `parts cancel` (args.cmd): an open order line arrived, or will not come."""
    if args.cmd == "cancel":
        line = parts.cancel_order(args.order_id, args.dealer, actor="cli")
        print(f"Cancelled parts order #{line.id} at {line.dealer_code} ({_kits(line.quantity)}).")
        return OK
    line = parts.receive(args.order_id, args.dealer, actor="cli")
    st = parts.status(line.dealer_code)
    print(
        f"Received parts order #{line.id} at {line.dealer_code}: {_kits(line.quantity)}. Now "
        f"{st.on_hand} on hand, {st.reserved} reserved, {st.on_order} on order."
    )
    return OK


def register(sub: Any) -> None:
    pa = add_group(sub, "parts", "the parts ledger: remedy kits and orders")
    ps = add_command(
        pa,
        "status",
        cmd_parts_status,
        "kits on hand, reserved, on order, open orders and the suggested "
        "order; every dealer, one line each, without --dealer",
    )
    ps.add_argument("--dealer", metavar="CODE")
    ps.add_argument("--json", action="store_true")
    po = add_command(pa, "order", cmd_parts_order, "order remedy kits (expected after the dealer's parts lead time)")
    po.add_argument("--dealer", metavar="CODE", required=True)
    po.add_argument("--quantity", type=_quantity, required=True)
    po.add_argument("--reason", choices=parts.ORDER_REASONS, default="appointments")
    for name, help in (
        ("receive", "the kits of an order arrived: put them on the shelf"),
        ("cancel", "cancel an open order"),
    ):
        pr = add_command(pa, name, cmd_parts_close, help)
        pr.add_argument("order_id", type=int, metavar="ORDER_ID")
        pr.add_argument("--dealer", metavar="CODE", required=True)
