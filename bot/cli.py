"""`recallbot`: the operator's command for the recall database, VIN checks and listings.

Exit status: 0 success; 1 done, but some input rows were rejected; 2 invalid input;
3 the database cannot be used (with a plain message, never a traceback).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from pathlib import Path

from sqlalchemy.exc import DBAPIError

from bot import config, geo
from bot.recall import dealers, escalations, scheduling, staff, vehicles
from bot.recall.db import DatabaseUnavailable, get_engine
from bot.recall.errors import UnknownCampaign, UnknownDealer
from bot.vin import decode, validate

OK, REJECTED_ROWS, INVALID_INPUT, DATABASE_UNUSABLE = 0, 1, 2, 3


def _print_json(data) -> None:
    print(json.dumps(data, indent=2, default=str))


def _where() -> str:
    return get_engine().url.render_as_string(hide_password=True)


def cmd_db_init(args) -> int:
    from bot.recall import migrate  # Alembic is only needed here: keep other commands quick

    revision = migrate.upgrade()
    print(f"Recall database {_where()} is at schema revision {revision}.")
    return OK


def cmd_db_seed(args) -> int:
    if not args.demo:
        print("Nothing to do: `recallbot db seed --demo` loads the demo dealers and vehicles.", file=sys.stderr)
        return INVALID_INPUT
    from bot.recall import migrate, seed

    migrate.upgrade()
    summary = seed.seed_demo()
    if summary.skipped:
        print(f"Campaign facts refreshed; the database already has dealers, so no demo data was added "
              f"({summary.dealers} dealers, {summary.vehicles} vehicles).")
    else:
        print(f"Seeded {_where()}: {summary.dealers} dealers, {summary.vehicles} vehicles "
              f"({summary.open} with BLC open, {summary.remedied} remedied, "
              f"{summary.not_affected} not affected).")
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
        print(f"Campaign {args.campaign} is not in the database; run `recallbot db seed --demo` "
              "or load its facts first.", file=sys.stderr)
        return INVALID_INPUT
    for line, reason in report.rejected:
        print(f"{path}:{line}: rejected: {reason}", file=sys.stderr)
    print(f"Imported {path} into {args.campaign}: {report.added} added, {report.updated} updated, "
          f"{report.unchanged} unchanged, {len(report.rejected)} rejected"
          + (f"; {report.kept_remedied} kept as remedied" if report.kept_remedied else "") + ".")
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
        "assembly": (record.assembly_country if record and record.assembly_country
                     else facts.assembly if facts else None),
        "recalls": [
            {"campaign": r.campaign, "nhtsa_campaign": r.nhtsa_campaign, "status": r.status,
             "remedied_at": r.remedied_at.isoformat() if r.remedied_at else None,
             "remedied_by": r.remedied_by}
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
        print(f"#{a.id:<5} {a.local_start():%a %Y-%m-%d %I:%M %p %Z}  {a.dealer_code:<6} {a.vin}  "
              f"{a.status:<9} via {a.channel}")
    return OK


def cmd_escalations_list(args) -> int:
    found = escalations.list_escalations(args.dealer, status=args.status)
    if args.json:
        _print_json([e.as_json() for e in found])
        return OK
    if not found:
        print("No escalations.")
    for e in found:
        print(f"#{e.id:<5} {e.priority:<7} {e.status:<9} {e.dealer_code or '-':<6} {e.reason:<16} "
              f"{e.created_at:%Y-%m-%d %H:%M} UTC  {e.conversation_id}")
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
        who = staff.add(args.email, args.name or args.email, _new_password(args), dealer_code=args.dealer,
                        admin=args.admin)
    except (staff.StaffError, UnknownDealer) as exc:
        print(f"Not added: {exc}", file=sys.stderr)
        return INVALID_INPUT
    scope = "every dealer (admin)" if who.is_admin else f"{who.dealer_code} {who.dealer_name}"
    print(f"Added {who.email} ({who.name}) for {scope}. They sign in at {config.console_url()}/login")
    return OK


def cmd_staff_list(args) -> int:
    people = staff.list_staff()
    if args.json:
        _print_json([{"email": p.email, "name": p.name, "dealer": p.dealer_code, "admin": p.is_admin}
                     for p in people])
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
        print(f"The recall database ({config.database_url().split('@')[-1]}) cannot be used: "
              f"{str(reason).strip().splitlines()[0]}\nCheck RECALLBOT_DATABASE_URL, then run "
              "`recallbot db init`.", file=sys.stderr)
        return DATABASE_UNUSABLE


if __name__ == "__main__":
    sys.exit(main())
