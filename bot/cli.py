"""`recallbot`: the operator's command for the recall database, VIN checks and listings.

Exit status: 0 success; 1 done, but some input rows were rejected; 2 invalid input;
3 the database cannot be used (with a plain message, never a traceback).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from dataclasses import asdict, astuple
from pathlib import Path
from zoneinfo import ZoneInfo

from sqlalchemy.exc import DBAPIError

from bot import config, geo
from bot.recall import dealers, escalations, parts, reports, scheduling, staff, vehicles
from bot.recall.db import DatabaseUnavailable, get_engine
from bot.recall.errors import PartsError, UnknownCampaign, UnknownDealer
from bot.recall.records import DealerSummary
from bot.vin import decode, validate

OK, REJECTED_ROWS, INVALID_INPUT, DATABASE_UNUSABLE = 0, 1, 2, 3


def _print_json(data) -> None:
    print(json.dumps(data, indent=2, default=str))


def _where() -> str:
    return get_engine().url.render_as_string(hide_password=True)


def cmd_db_init(args) -> int:
    from bot.recall import migrate  # Alembic is only needed here: keep other commands quick
    from bot.tracker_ids import rename_sms_threads

    revision = migrate.upgrade()
    print(f"Recall database {_where()} is at schema revision {revision}.")
    renamed = rename_sms_threads()
    if renamed:
        print(f"Conversation store: {renamed} events of SMS threads now filed under sms:<number>.")
    return OK


def cmd_db_seed(args) -> int:
    if not args.demo:
        print("Nothing to do: `recallbot db seed --demo` loads the demo dealers and vehicles.", file=sys.stderr)
        return INVALID_INPUT
    from bot.recall import migrate, seed

    migrate.upgrade()
    summary = seed.seed_demo()
    if summary.skipped:
        print(
            f"Campaign facts refreshed; the database already has dealers, so no demo data was added "
            f"({summary.dealers} dealers, {summary.vehicles} vehicles)."
        )
    else:
        print(
            f"Seeded {_where()}: {summary.dealers} dealers, {summary.vehicles} vehicles "
            f"({summary.open} with BLC open, {summary.remedied} remedied, "
            f"{summary.not_affected} not affected)."
        )
    return OK


def cmd_db_import(args) -> int:
    from bot.recall.importer import BadHeader, import_vins

    path = Path(args.file)
    if not path.is_file():
        print(f"No such file: {path}", file=sys.stderr)
        return INVALID_INPUT
    try:
        report = import_vins(path, campaign=args.campaign)
    except BadHeader as exc:
        print(f"{path}: {exc}", file=sys.stderr)
        return INVALID_INPUT
    except UnknownCampaign:
        print(
            f"Campaign {args.campaign} is not in the database; run `recallbot db seed --demo` or load its facts first.",
            file=sys.stderr,
        )
        return INVALID_INPUT
    for line, reason in report.rejected:
        print(f"{path}:{line}: rejected: {reason}", file=sys.stderr)
    print(
        f"Imported {path} into {args.campaign}: {report.added} added, {report.updated} updated, "
        f"{report.unchanged} unchanged, {len(report.rejected)} rejected"
        + (f"; {report.kept_remedied} kept as remedied" if report.kept_remedied else "")
        + "."
    )
    return REJECTED_ROWS if report.rejected else OK


def cmd_vin_check(args) -> int:
    checked = validate(args.vin)
    facts = decode(checked.vin) if checked.valid else None
    record = vehicles.lookup(checked.vin) if checked.valid else None
    result = {
        "vin": checked.vin,
        "valid": checked.valid,
        "errors": list(checked.errors),
        "notes": list(checked.notes),
        "model": (record.model if record and record.model else facts.model if facts else None),
        "model_year": (record.model_year if record and record.model_year else facts.model_year if facts else None),
        "assembly": (
            record.assembly_country if record and record.assembly_country else facts.assembly if facts else None
        ),
        "recalls": [
            {
                "campaign": r.campaign,
                "nhtsa_campaign": r.nhtsa_campaign,
                "status": r.status,
                "remedied_at": r.remedied_at.isoformat() if r.remedied_at else None,
                "remedied_by": r.remedied_by,
            }
            for r in (record.recalls if record else ())
        ],
    }
    if args.json:
        _print_json(result)
    else:
        _print_vin(result)
    return OK if checked.valid else INVALID_INPUT


def _print_vin(result: dict) -> None:
    for note in result["notes"]:
        print(f"Note: {note}")
    if not result["valid"]:
        print(f"{result['vin'] or '(empty)'}: not a valid VIN. " + " ".join(result["errors"]))
        return
    described = " ".join(str(x) for x in (result["model_year"], result["model"]) if x) or "vehicle"
    built = f", built in {result['assembly']}" if result["assembly"] else ""
    print(f"{result['vin']}: {described}{built}.")
    if not result["recalls"]:
        print("Not on any recall list in this database.")
    for r in result["recalls"]:
        state = "OPEN: the remedy has not been done yet" if r["status"] == "open" else "remedied"
        if r["status"] == "remedied" and r["remedied_at"]:
            state += f" on {r['remedied_at'][:10]}" + (f" by {r['remedied_by']}" if r["remedied_by"] else "")
        print(f"{r['campaign']} (NHTSA {r['nhtsa_campaign']}): {state}.")


def cmd_dealers_list(args) -> int:
    try:
        found = dealers.list_dealers(near_zip=args.near)
    except geo.UnknownZip as exc:
        print(f"{exc}.", file=sys.stderr)
        return INVALID_INPUT
    if args.json:
        _print_json([d.as_json() for d in found])
        return OK
    for d in found:
        distance = f"{d.distance_miles:>7.1f} mi  " if d.distance_miles is not None else ""
        print(f"{distance}{d.code:<6} {d.name:<30} {d.city}, {d.state} {d.zip}  {d.phone}  {d.timezone}")
    return OK


def cmd_appointments_list(args) -> int:
    found = scheduling.list_appointments(args.dealer)
    if args.json:
        _print_json([a.as_json() for a in found])
        return OK
    if not found:
        print("No appointments.")
    for a in found:
        print(
            f"#{a.id:<5} {a.local_start():%a %Y-%m-%d %I:%M %p %Z}  {a.dealer_code:<6} {a.vin}  "
            f"{a.status:<9} via {a.channel}"
        )
    return OK


def cmd_escalations_list(args) -> int:
    found = escalations.list_escalations(args.dealer, status=args.status)
    if args.json:
        _print_json([e.as_json() for e in found])
        return OK
    if not found:
        print("No escalations.")
    for e in found:
        print(
            f"#{e.id:<5} {e.priority:<7} {e.status:<9} {e.dealer_code or '-':<6} {e.reason:<16} "
            f"{e.created_at:%Y-%m-%d %H:%M} UTC  {e.conversation_id}"
        )
    return OK


def _new_password(args) -> str:
    """From stdin with --password-stdin (scripts), else asked twice without echo."""
    if args.password_stdin:
        return sys.stdin.readline().rstrip("\n")
    import getpass

    first = getpass.getpass("Password (12 characters or more): ")
    if first != getpass.getpass("Same password again: "):
        raise staff.StaffError("the two passwords differ")
    return first


def cmd_staff_add(args) -> int:
    try:
        who = staff.add(
            args.email, args.name or args.email, _new_password(args), dealer_code=args.dealer, admin=args.admin
        )
    except (staff.StaffError, UnknownDealer) as exc:
        print(f"Not added: {exc}", file=sys.stderr)
        return INVALID_INPUT
    scope = "every dealer (admin)" if who.is_admin else f"{who.dealer_code} {who.dealer_name}"
    print(f"Added {who.email} ({who.name}) for {scope}. They sign in at {config.console_url()}/login")
    return OK


def cmd_staff_list(args) -> int:
    people = staff.list_staff()
    if args.json:
        _print_json([{"email": p.email, "name": p.name, "dealer": p.dealer_code, "admin": p.is_admin} for p in people])
        return OK
    if not people:
        print("No console accounts. Add one: recallbot staff add EMAIL --name NAME --dealer CODE")
    for p in people:
        print(f"{p.email:<32} {p.name:<24} {'admin' if p.is_admin else p.dealer_code}")
    return OK


def cmd_staff_password(args) -> int:
    try:
        staff.set_password(args.email, _new_password(args))
    except staff.StaffError as exc:
        print(f"Not changed: {exc}", file=sys.stderr)
        return INVALID_INPUT
    print(f"Password of {args.email} changed; their open sessions were signed out.")
    return OK


def _cell(value) -> str:
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


def _report_output(args, records: list, header: list[str], rows: list[list], total: list) -> int:
    """A report's records as JSON, CSV or a table with totals."""
    if args.json:
        _print_json([asdict(r) for r in records])
    elif args.csv:
        sys.stdout.write(reports.to_csv(records))
    else:
        _print_table(header, rows, total)
    return OK


def _weeks(text: str) -> int:
    if not text.isdigit() or not 1 <= int(text) <= 520:
        raise argparse.ArgumentTypeError("a whole number of weeks from 1 to 520")
    return int(text)


def _plain_errors(run: Callable[..., int]) -> Callable[..., int]:
    """An unknown dealer or campaign, an unknown or closed order line, a bad order: the operator's
    typo, so a plain message and exit 2, never a traceback."""

    def cmd(args) -> int:
        try:
            return run(args)
        except (UnknownDealer, UnknownCampaign) as exc:
            kind = "dealer" if isinstance(exc, UnknownDealer) else "campaign"
            print(f"No {kind} {exc} in the recall database.", file=sys.stderr)
        except PartsError as exc:
            print(exc, file=sys.stderr)
        return INVALID_INPUT

    return cmd


@_plain_errors
def cmd_report_dealers(args) -> int:
    found = reports.dealer_summary(args.dealer, campaign=args.campaign)
    total = DealerSummary.total(found)
    return _report_output(
        args,
        found,
        ["dealer", "name", "VINs", "unbooked", "booked", "remedied", "rate", "done here"],
        [list(astuple(r)) for r in found],
        list(astuple(total)),
    )


@_plain_errors
def cmd_report_completion(args) -> int:
    weeks = reports.completion_over_time(args.dealer, weeks=args.weeks, campaign=args.campaign)
    return _report_output(
        args,
        weeks,
        ["week", "from", "remedied", "cumulative"],
        [[w.week, w.week_start.isoformat(), w.remedied, w.cumulative] for w in weeks],
        ["TOTAL", "", sum(w.remedied for w in weeks), weeks[-1].cumulative],
    )


@_plain_errors
def cmd_report_channels(args) -> int:
    made = reports.bookings_by_channel(args.dealer, campaign=args.campaign)
    cancelled = reports.bookings_by_channel(args.dealer, status="cancelled", campaign=args.campaign)
    rows = [[channel, made[channel], cancelled[channel]] for channel in made]
    if args.json:
        _print_json([{"channel": c, "bookings": m, "cancelled": x} for c, m, x in rows])
    else:
        _print_table(["channel", "bookings", "cancelled"], rows, ["TOTAL", sum(made.values()), sum(cancelled.values())])
    return OK


@_plain_errors
def cmd_report_escalations(args) -> int:
    every = reports.escalations_by_reason(args.dealer)
    resolved = reports.escalations_by_reason(args.dealer, resolved=True)
    rows = [[reason, n, n - resolved.get(reason, 0), resolved.get(reason, 0)] for reason, n in every.items()]
    if args.json:
        _print_json([dict(zip(("reason", "total", "unresolved", "resolved"), row, strict=True)) for row in rows])
    else:
        _print_table(
            ["reason", "total", "unresolved", "resolved"],
            rows,
            ["TOTAL", *(sum(row[i] for row in rows) for i in (1, 2, 3))],
        )
    return OK


@_plain_errors
def cmd_report_capacity(args) -> int:
    weeks = reports.capacity_ahead(args.dealer, weeks=args.weeks, campaign=args.campaign)
    demand = reports.demand_to_come(args.dealer, campaign=args.campaign)
    if args.json:
        _print_json({"dealer": weeks[0].dealer, "demand_to_come": demand, "weeks": [asdict(w) for w in weeks]})
        return OK
    _report_output(
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


def _kits(n: int) -> str:
    return f"{n} kit{'' if n == 1 else 's'}"


def _free(st) -> str:
    """Kits on the shelf held by no booking, or how many bookings wait for kits still to come."""
    return f"{st.free} free" if st.free >= 0 else f"short {-st.free}"


def _print_parts(st) -> None:
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


@_plain_errors
def cmd_parts_status(args) -> int:
    if args.dealer:
        st = parts.status(args.dealer)
        if args.json:
            _print_json(st.as_json())
        else:
            _print_parts(st)
        return OK
    found = parts.status_all()
    if args.json:
        _print_json([st.as_json() for st in found])
        return OK
    for st in found:
        print(
            f"{st.dealer_code:<6} {st.on_hand:>4} on hand {st.reserved:>4} reserved {_free(st):>9} "
            f"{st.on_order:>4} on order  suggested order {st.suggested_order}"
        )
    return OK


def _quantity(text: str) -> int:
    if not text.isdigit() or not 1 <= int(text) <= 1000:
        raise argparse.ArgumentTypeError("a whole number of kits from 1 to 1000")
    return int(text)


@_plain_errors
def cmd_parts_order(args) -> int:
    line = parts.place_order(args.dealer, args.quantity, actor="cli", reason=args.reason)
    print(
        f"Ordered {_kits(line.quantity)} for {line.dealer_code} (parts order #{line.id}), expected "
        f"{line.local_expected():%a %b %-d}."
    )
    return OK


@_plain_errors
def cmd_parts_close(args) -> int:
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


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="recallbot", description="The recall assistant's operator command.")
    sub = p.add_subparsers(dest="group", required=True)

    def add(parent, name: str, func: Callable, help: str) -> argparse.ArgumentParser:
        cmd = parent.add_parser(name, help=help, description=help)
        cmd.set_defaults(func=func)
        return cmd

    db = sub.add_parser("db", help="the recall database").add_subparsers(dest="cmd", required=True)
    add(db, "init", cmd_db_init, "create or migrate the database to the newest schema")
    s = add(db, "seed", cmd_db_seed, "load the campaign facts and, with --demo, demo dealers and vehicles")
    s.add_argument("--demo", action="store_true", help="add demo dealers and synthetic vehicles (empty database only)")
    i = add(db, "import-vins", cmd_db_import, "import a campaign VIN list (CSV)")
    i.add_argument("file")
    i.add_argument("--campaign", default="BLC")

    vin = sub.add_parser("vin", help="VIN checks").add_subparsers(dest="cmd", required=True)
    c = add(vin, "check", cmd_vin_check, "validate a VIN, decode it and look up its recalls")
    c.add_argument("vin")
    c.add_argument("--json", action="store_true")

    d = sub.add_parser("dealers", help="dealers").add_subparsers(dest="cmd", required=True)
    dl = add(d, "list", cmd_dealers_list, "list dealers, nearest first with --near ZIP")
    dl.add_argument("--near", metavar="ZIP")
    dl.add_argument("--json", action="store_true")

    a = sub.add_parser("appointments", help="appointments").add_subparsers(dest="cmd", required=True)
    al = add(a, "list", cmd_appointments_list, "list appointments, soonest first")
    al.add_argument("--dealer", metavar="CODE")
    al.add_argument("--json", action="store_true")

    e = sub.add_parser("escalations", help="escalations").add_subparsers(dest="cmd", required=True)
    el = add(e, "list", cmd_escalations_list, "list escalations, urgent first, then oldest")
    el.add_argument("--dealer", metavar="CODE")
    el.add_argument("--status", choices=["open", "assigned", "resolved"])
    el.add_argument("--json", action="store_true")

    st = sub.add_parser("staff", help="dealer staff console accounts").add_subparsers(dest="cmd", required=True)
    sa = add(st, "add", cmd_staff_add, "add a console account for a dealer's staff, or an admin")
    sa.add_argument("email")
    sa.add_argument("--name", help="shown to colleagues and in the audit log")
    who = sa.add_mutually_exclusive_group(required=True)
    who.add_argument("--dealer", metavar="CODE", help="the dealer whose escalations and appointments they work")
    who.add_argument("--admin", action="store_true", help="sees every dealer")
    sa.add_argument("--password-stdin", action="store_true", help="read the password from the first line of stdin")
    sl = add(st, "list", cmd_staff_list, "list console accounts")
    sl.add_argument("--json", action="store_true")
    sp = add(st, "set-password", cmd_staff_password, "set a new password (signs out their sessions)")
    sp.add_argument("email")
    sp.add_argument("--password-stdin", action="store_true")

    r = sub.add_parser("report", help="dealer operations reports").add_subparsers(dest="cmd", required=True)

    def report(
        name: str, func: Callable, help: str, *, dealer_required: bool = False, weeks: int = 0, with_csv: bool = False
    ) -> None:
        cmd = add(r, name, func, help)
        cmd.add_argument(
            "--dealer",
            metavar="CODE",
            required=dealer_required,
            help="this dealer only" if not dealer_required else None,
        )
        if weeks:
            cmd.add_argument("--weeks", type=_weeks, default=weeks, help=f"how many weeks (default {weeks})")
        cmd.add_argument("--campaign", default="BLC")
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

    pa = sub.add_parser("parts", help="the parts ledger: remedy kits and orders").add_subparsers(
        dest="cmd", required=True
    )
    ps = add(
        pa,
        "status",
        cmd_parts_status,
        "kits on hand, reserved, on order, open orders and the suggested "
        "order; every dealer, one line each, without --dealer",
    )
    ps.add_argument("--dealer", metavar="CODE")
    ps.add_argument("--json", action="store_true")
    po = add(pa, "order", cmd_parts_order, "order remedy kits (expected after the dealer's parts lead time)")
    po.add_argument("--dealer", metavar="CODE", required=True)
    po.add_argument("--quantity", type=_quantity, required=True)
    po.add_argument("--reason", choices=parts.ORDER_REASONS, default="appointments")
    for name, help in (
        ("receive", "the kits of an order arrived: put them on the shelf"),
        ("cancel", "cancel an open order"),
    ):
        pr = add(pa, name, cmd_parts_close, help)
        pr.add_argument("order_id", type=int, metavar="ORDER_ID")
        pr.add_argument("--dealer", metavar="CODE", required=True)
    return p


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except BrokenPipeError:  # `recallbot ... | head`: the reader has all it wanted
        sys.stderr.close()
        return OK
    except (DatabaseUnavailable, DBAPIError) as exc:
        reason = getattr(exc, "orig", None) or exc
        print(
            f"The recall database ({config.database_url().split('@')[-1]}) cannot be used: "
            f"{str(reason).strip().splitlines()[0]}\nCheck RECALLBOT_DATABASE_URL, then run "
            "`recallbot db init`.",
            file=sys.stderr,
        )
        return DATABASE_UNUSABLE


if __name__ == "__main__":
    sys.exit(main())
