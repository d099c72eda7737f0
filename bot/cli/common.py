"""What every command group shares: the exit statuses, JSON output and listings, adding a group
or a subcommand, and turning an operator's typo into a plain message."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Sequence
from typing import Any

from bot.recall.db import get_engine
from bot.recall.errors import PartsError, UnknownCampaign, UnknownDealer

OK, REJECTED_ROWS, INVALID_INPUT, DATABASE_UNUSABLE = 0, 1, 2, 3

Command = Callable[[argparse.Namespace], int]


def print_json(data: Any) -> None:
    print(json.dumps(data, indent=2, default=str))


def where() -> str:
    """The database the command works on, as the operator configured it, without a password."""
    return get_engine().url.render_as_string(hide_password=True)


def add_group(sub: Any, name: str, help: str) -> Any:
    """A command group (`recallbot NAME ...`) under the top-level subparsers `sub`; returns its own."""
    return sub.add_parser(name, help=help).add_subparsers(dest="cmd", required=True)


def add_command(parent: Any, name: str, func: Command, help: str) -> argparse.ArgumentParser:
    """A subcommand of a group (`parent` is its subparsers action) that runs `func(args)`."""
    cmd = parent.add_parser(name, help=help, description=help)
    cmd.set_defaults(func=func)
    return cmd


def whole_number(low: int, high: int, what: str) -> Callable[[str], int]:
    """An argparse `type` for a count the operator types: digits only, from `low` to `high`."""

    def parse(text: str) -> int:
        if not text.isdigit() or not low <= int(text) <= high:
            raise argparse.ArgumentTypeError(f"a whole number of {what} from {low} to {high}")
        return int(text)

    return parse


def print_records(
    args: argparse.Namespace, found: Sequence[Any], line: Callable[[Any], str], *, empty: str | None = None
) -> int:
    """A listing: with --json the records' as_json(), else a line each (`empty` when there are none)."""
    if args.json:
        print_json([r.as_json() for r in found])
        return OK
    if not found and empty:
        print(empty)
    for r in found:
        print(line(r))
    return OK


def plain_errors(run: Command) -> Command:
    """An unknown dealer or campaign, an unknown or closed order line, a bad order: the operator's
    typo, so a plain message and exit 2, never a traceback."""

    def cmd(args: argparse.Namespace) -> int:
        try:
            return run(args)
        except (UnknownDealer, UnknownCampaign) as exc:
            kind = "dealer" if isinstance(exc, UnknownDealer) else "campaign"
            print(f"No {kind} {exc} in the recall database.", file=sys.stderr)
        except PartsError as exc:
            print(exc, file=sys.stderr)
        return INVALID_INPUT

    return cmd
