"""`recallbot report ...`: the dealer operations reports of bot.recall.reports, the same rows the
console's Reports and Capacity pages show, as a table with totals, JSON or CSV."""

from __future__ import annotations

import argparse
import sys
from dataclasses import asdict, astuple
from typing import Any

from bot.cli.common import OK, Command, add_command, add_group, plain_errors, print_json, whole_number
from bot.recall import reports
from bot.recall.records import DealerSummary
from bot.recall.vocab import SERVED


def _cell(value: Any) -> str:
    if value is None:
        return "-"
    if isinstance(value, float):
        return f"{value:.1%}"
    return str(value)


def _print_table(header: list[str], rows: list[list], total: list) -> None:
    """Columns as wide as their widest cell, numbers to the right; a rule, then the totals."""
    lines = [[_cell(v) for v in line] for line in (header, *rows, total)]
    widths = [max(len(line[i]) for line in lines) for i in range(len(header))]
    numeric = [bool(rows) and all(not isinstance(row[i], str) for row in rows) for i in range(len(header))]
    for n, line in enumerate(lines):
        if n == len(lines) - 1:
            print("-" * (sum(widths) + 2 * (len(widths) - 1)))
        print(
            "  ".join(c.rjust(w) if num and n else c.ljust(w) for c, w, num in zip(line, widths, numeric, strict=True))
        )


def _output(
    args: argparse.Namespace, records: list, header: list[str], rows: list[list], total: list, *, as_json: Any = None
) -> int:
    """A report's records as JSON (`as_json`, else the records' fields), CSV or a table with totals."""
    if args.json:
        print_json([asdict(r) for r in records] if as_json is None else as_json)
    elif getattr(args, "csv", False):  # only the reports that offer --csv have the flag
        sys.stdout.write(reports.to_csv(records))
    else:
        _print_table(header, rows, total)
    return OK


_weeks = whole_number(1, 520, "weeks")


@plain_errors
def cmd_report_dealers(args: argparse.Namespace) -> int:
    found = reports.dealer_summary(args.dealer, campaign=args.campaign)
    total = DealerSummary.total(found)
    return _output(
        args,
        found,
        ["dealer", "name", "VINs", "unbooked", "booked", "remedied", "rate", "done here"],
        [list(astuple(r)) for r in found],
        list(astuple(total)),
    )


@plain_errors
def cmd_report_completion(args: argparse.Namespace) -> int:
    weeks = reports.completion_over_time(args.dealer, weeks=args.weeks, campaign=args.campaign)
    return _output(
        args,
        weeks,
        ["week", "from", "remedied", "cumulative"],
        [[w.week, w.week_start.isoformat(), w.remedied, w.cumulative] for w in weeks],
        ["TOTAL", "", sum(w.remedied for w in weeks), weeks[-1].cumulative],
    )


@plain_errors
def cmd_report_channels(args: argparse.Namespace) -> int:
    found = reports.channel_rows(args.dealer, campaign=args.campaign)
    return _output(
        args,
        found,
        ["channel", "bookings", "cancelled"],
        [[r.channel, r.bookings, r.cancelled] for r in found],
        ["TOTAL", sum(r.bookings for r in found), sum(r.cancelled for r in found)],
    )


@plain_errors
def cmd_report_escalations(args: argparse.Namespace) -> int:
    found = reports.reason_rows(args.dealer)
    return _output(
        args,
        found,
        ["reason", "total", "unresolved", "resolved"],
        [[r.reason, r.total, r.unresolved, r.resolved] for r in found],
        ["TOTAL", sum(r.total for r in found), sum(r.unresolved for r in found), sum(r.resolved for r in found)],
        as_json=[{**asdict(r), "resolved": r.resolved} for r in found],
    )


@plain_errors
def cmd_report_capacity(args: argparse.Namespace) -> int:
    weeks = reports.capacity_ahead(args.dealer, weeks=args.weeks, campaign=args.campaign)
    demand = reports.demand_to_come(args.dealer, campaign=args.campaign)
    if args.json:
        print_json({"dealer": weeks[0].dealer, "demand_to_come": demand, "weeks": [asdict(w) for w in weeks]})
        return OK
    _output(
        args,
        weeks,
        ["week from", "offered", "booked", "completed", "free"],
        [[w.week_start.isoformat(), w.offered, w.booked, w.completed, w.free] for w in weeks],
        ["TOTAL", *(sum(getattr(w, f) for w in weeks) for f in ("offered", "booked", "completed", "free"))],
    )
    if not args.csv:
        print(
            f"Still to come: {demand} open VINs attributed to {weeks[0].dealer} have no appointment yet "
            "(this week counts from today)."
        )
    return OK


def register(sub: Any) -> None:
    r = add_group(sub, "report", "dealer operations reports")

    def report(
        name: str, func: Command, help: str, *, dealer_required: bool = False, weeks: int = 0, with_csv: bool = False
    ) -> None:
        cmd = add_command(r, name, func, help)
        cmd.add_argument(
            "--dealer",
            metavar="CODE",
            required=dealer_required,
            help="this dealer only" if not dealer_required else None,
        )
        if weeks:
            cmd.add_argument("--weeks", type=_weeks, default=weeks, help=f"how many weeks (default {weeks})")
        cmd.add_argument("--campaign", default=SERVED)
        output = cmd.add_mutually_exclusive_group()
        output.add_argument("--json", action="store_true")
        if with_csv:
            output.add_argument("--csv", action="store_true")

    report(
        "dealers",
        cmd_report_dealers,
        "VINs per dealer (by last servicing dealer): open, booked, remedied",
        with_csv=True,
    )
    report(
        "completion", cmd_report_completion, "remedies per week and in all, oldest week first", weeks=12, with_csv=True
    )
    report("channels", cmd_report_channels, "appointments made and cancelled, by channel")
    report("escalations", cmd_report_escalations, "escalations by reason, resolved or not")
    report(
        "capacity",
        cmd_report_capacity,
        "a dealer's seats offered, booked and free per week ahead",
        dealer_required=True,
        weeks=6,
        with_csv=True,
    )
