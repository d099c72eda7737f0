"""Schema migrations (Alembic), run from code so no alembic.ini has to be found on disk."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory

from bot.recall.db import get_engine

MIGRATIONS = Path(__file__).resolve().parent / "migrations"


def alembic_config() -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    return cfg


def upgrade(url: str | None = None) -> str | None:
    """Brings the database to the newest schema; returns the revision it is at.

    The migration runs on our own engine's connection, so SQLite gets the same pragmas
    (foreign keys, WAL) as the application.
    """
    cfg = alembic_config()
    with get_engine(url).begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "head")
    return current_revision(url)


def current_revision(url: str | None = None) -> str | None:
    with get_engine(url).connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def head_revision() -> str | None:
    return ScriptDirectory.from_config(alembic_config()).get_current_head()
