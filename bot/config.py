"""Settings read from the environment: the one place that knows their names and defaults."""

from __future__ import annotations

import os
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("RECALLBOT_VAR_DIR", PROJECT_ROOT / "var"))


def _url_or_local_sqlite(variable: str, filename: str) -> str:
    url = os.environ.get(variable, "").strip()
    if url:
        return url
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{VAR_DIR / filename}"


def database_url() -> str:
    """SQLAlchemy URL of the recall database; an SQLite file under var/ by default."""
    return _url_or_local_sqlite("RECALLBOT_DATABASE_URL", "recall.db")


def tracker_url() -> str:
    """SQLAlchemy URL of Rasa's tracker store (conversations); an SQLite file under var/ by default."""
    return _url_or_local_sqlite("RECALLBOT_TRACKER_URL", "tracker.db")


def redis_url() -> str | None:
    """redis://host:port/db for Rasa's lock store; unset = in-memory locks (one Rasa process)."""
    return os.environ.get("RECALLBOT_REDIS_URL", "").strip() or None


def rasa_port() -> int:
    return int(os.environ.get("RECALLBOT_RASA_PORT", "5005"))


def actions_port() -> int:
    return int(os.environ.get("RECALLBOT_ACTIONS_PORT", "5055"))


def rasa_api_args() -> list[str]:
    """Rasa's HTTP API stays off until something (the staff console) needs it."""
    return []
