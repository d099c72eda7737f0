"""The `recallbot` argument tree, built from the command groups, and the one place that turns an
unusable database or a closed pipe into an exit status instead of a traceback."""

from __future__ import annotations

import argparse
import sys

from sqlalchemy.exc import DBAPIError

from bot import config
from bot.cli import appointments, db, dealers, escalations, parts, report, staff, vin
from bot.cli.common import DATABASE_UNUSABLE, OK
from bot.recall.db import DatabaseUnavailable

# In the order `recallbot --help` lists them.
GROUPS = (db, vin, dealers, appointments, escalations, staff, report, parts)


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="recallbot", description="The recall assistant's operator command.")
    sub = p.add_subparsers(dest="group", required=True)
    for group in GROUPS:
        group.register(sub)
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
