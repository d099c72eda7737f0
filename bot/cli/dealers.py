"""`recallbot dealers list`: the dealers, nearest first with --near ZIP."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from bot import geo
from bot.cli.common import INVALID_INPUT, add_command, add_group, print_records
from bot.recall import dealers


def cmd_dealers_list(args: argparse.Namespace) -> int:
    try:
        found = dealers.list_dealers(near_zip=args.near)
    except geo.UnknownZip as exc:
        print(f"{exc}.", file=sys.stderr)
        return INVALID_INPUT
    return print_records(args, found, _line)


def _line(d: Any) -> str:
    distance = f"{d.distance_miles:>7.1f} mi  " if d.distance_miles is not None else ""
    return f"{distance}{d.code:<6} {d.name:<30} {d.city}, {d.state} {d.zip}  {d.phone}  {d.timezone}"


def register(sub: Any) -> None:
    d = add_group(sub, "dealers", "dealers")
    dl = add_command(d, "list", cmd_dealers_list, "list dealers, nearest first with --near ZIP")
    dl.add_argument("--near", metavar="ZIP")
    dl.add_argument("--json", action="store_true")
