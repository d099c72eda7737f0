"""`recallbot appointments list`: appointments, soonest first, in each dealer's local time."""

from __future__ import annotations

import argparse
from typing import Any

from bot.cli.common import add_command, add_group, print_records
from bot.recall import scheduling


def cmd_appointments_list(args: argparse.Namespace) -> int:
    return print_records(
        args,
        scheduling.list_appointments(args.dealer),
        lambda a: (
            f"#{a.id:<5} {a.local_start():%a %Y-%m-%d %I:%M %p %Z}  {a.dealer_code:<6} {a.vin}  "
            f"{a.status:<9} via {a.channel}"
        ),
        empty="No appointments.",
    )


def register(sub: Any) -> None:
    a = add_group(sub, "appointments", "appointments")
    al = add_command(a, "list", cmd_appointments_list, "list appointments, soonest first")
    al.add_argument("--dealer", metavar="CODE")
    al.add_argument("--json", action="store_true")
