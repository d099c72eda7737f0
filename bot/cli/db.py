"""`recallbot db ...`: create or migrate the recall database, seed the demo, import VIN lists."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from bot.cli.common import INVALID_INPUT, OK, REJECTED_ROWS, add_command, add_group, where
from bot.recall.errors import UnknownCampaign
from bot.recall.vocab import SERVED


def cmd_db_init(args: argparse.Namespace) -> int:
    from bot.recall import migrate  # Alembic is only needed here: keep other commands quick
    from bot.tracker_ids import rename_sms_threads

    revision = migrate.upgrade()
    print(f"Recall database {where()} is at schema revision {revision}.")
    renamed = rename_sms_threads()
    if renamed:
        print(f"Conversation store: {renamed} events of SMS threads now filed under sms:<number>.")
    return OK


def cmd_db_seed(args: argparse.Namespace) -> int:
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
            f"Seeded {where()}: {summary.dealers} dealers, {summary.vehicles} vehicles "
            f"({summary.open} with BLC open, {summary.remedied} remedied, "
            f"{summary.not_affected} not affected)."
        )
    return OK


def cmd_db_import(args: argparse.Namespace) -> int:
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


def register(sub: Any) -> None:
    db = add_group(sub, "db", "the recall database")
    add_command(db, "init", cmd_db_init, "create or migrate the database to the newest schema")
    s = add_command(db, "seed", cmd_db_seed, "load the campaign facts and, with --demo, demo dealers and vehicles")
    s.add_argument("--demo", action="store_true", help="add demo dealers and synthetic vehicles (empty database only)")
    i = add_command(db, "import-vins", cmd_db_import, "import a campaign VIN list (CSV)")
    i.add_argument("file")
    i.add_argument("--campaign", default=SERVED)
