"""`recallbot escalations list`: the escalations, urgent first, then oldest."""

from __future__ import annotations

import argparse
from typing import Any

from bot.cli.common import add_command, add_group, print_records
from bot.recall import escalations
from bot.recall.vocab import EscalationStatus


def cmd_escalations_list(args: argparse.Namespace) -> int:
    return print_records(
        args,
        escalations.list_escalations(args.dealer, status=args.status),
        lambda e: (
            f"#{e.id:<5} {e.priority:<7} {e.status:<9} {e.dealer_code or '-':<6} {e.reason:<16} "
            f"{e.created_at:%Y-%m-%d %H:%M} UTC  {e.conversation_id}"
        ),
        empty="No escalations.",
    )


def register(sub: Any) -> None:
    e = add_group(sub, "escalations", "escalations")
    el = add_command(e, "list", cmd_escalations_list, "list escalations, urgent first, then oldest")
    el.add_argument("--dealer", metavar="CODE")
    el.add_argument("--status", choices=EscalationStatus.values())
    el.add_argument("--json", action="store_true")
