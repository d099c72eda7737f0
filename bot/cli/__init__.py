"""`recallbot`: the operator's command for the recall database, VIN checks and listings.

One module per command group (db, vin, dealers, appointments, escalations, staff, report, parts),
each adding its own subcommands; bot.cli.main builds the tree. `recallbot = "bot.cli:main"` in
pyproject.toml and `python -m bot.cli` (the tests, the bench) both land on main().

Exit status: 0 success; 1 done, but some input rows were rejected; 2 invalid input;
3 the database cannot be used (with a plain message, never a traceback).
"""

from __future__ import annotations

from bot.cli.common import DATABASE_UNUSABLE, INVALID_INPUT, OK, REJECTED_ROWS
from bot.cli.main import build_parser, main

__all__ = ["DATABASE_UNUSABLE", "INVALID_INPUT", "OK", "REJECTED_ROWS", "build_parser", "main"]
