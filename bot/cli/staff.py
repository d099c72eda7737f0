"""`recallbot staff ...`: the dealer staff console's accounts (add, list, set a password)."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from bot import config
from bot.cli.common import INVALID_INPUT, OK, add_command, add_group, print_json
from bot.recall import staff
from bot.recall.errors import UnknownDealer


def _new_password(args: argparse.Namespace) -> str:
    """From stdin with --password-stdin (scripts), else asked twice without echo."""
    if args.password_stdin:
        return sys.stdin.readline().rstrip("\n")
    import getpass

    first = getpass.getpass("Password (12 characters or more): ")
    if first != getpass.getpass("Same password again: "):
        raise staff.StaffError("the two passwords differ")
    return first


def cmd_staff_add(args: argparse.Namespace) -> int:
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


def cmd_staff_list(args: argparse.Namespace) -> int:
    people = staff.list_staff()
    if args.json:
        print_json([{"email": p.email, "name": p.name, "dealer": p.dealer_code, "admin": p.is_admin} for p in people])
        return OK
    if not people:
        print("No console accounts. Add one: recallbot staff add EMAIL --name NAME --dealer CODE")
    for p in people:
        print(f"{p.email:<32} {p.name:<24} {'admin' if p.is_admin else p.dealer_code}")
    return OK


def cmd_staff_password(args: argparse.Namespace) -> int:
    try:
        staff.set_password(args.email, _new_password(args))
    except staff.StaffError as exc:
        print(f"Not changed: {exc}", file=sys.stderr)
        return INVALID_INPUT
    print(f"Password of {args.email} changed; their open sessions were signed out.")
    return OK


def register(sub: Any) -> None:
    st = add_group(sub, "staff", "dealer staff console accounts")
    sa = add_command(st, "add", cmd_staff_add, "add a console account for a dealer's staff, or an admin")
    sa.add_argument("email")
    sa.add_argument("--name", help="shown to colleagues and in the audit log")
    who = sa.add_mutually_exclusive_group(required=True)
    who.add_argument("--dealer", metavar="CODE", help="the dealer whose escalations and appointments they work")
    who.add_argument("--admin", action="store_true", help="sees every dealer")
    sa.add_argument("--password-stdin", action="store_true", help="read the password from the first line of stdin")
    sl = add_command(st, "list", cmd_staff_list, "list console accounts")
    sl.add_argument("--json", action="store_true")
    sp = add_command(st, "set-password", cmd_staff_password, "set a new password (signs out their sessions)")
    sp.add_argument("email")
    sp.add_argument("--password-stdin", action="store_true")
