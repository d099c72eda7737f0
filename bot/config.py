"""Settings read from the environment: the one place that knows their names and defaults."""

from __future__ import annotations

import os
import secrets
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


def rasa_interface() -> str:
    """Where Rasa listens. Its HTTP API (used by the staff console) is on, so by default only this
    machine can reach it; a reverse proxy in front forwards Twilio's webhooks in production."""
    return os.environ.get("RECALLBOT_RASA_INTERFACE", "").strip() or "127.0.0.1"


def rasa_url() -> str:
    """How the console and the actions reach Rasa's HTTP API."""
    return os.environ.get("RECALLBOT_RASA_URL", "").strip().rstrip("/") or f"http://127.0.0.1:{rasa_port()}"


def rasa_api_token() -> str:
    """The token Rasa's HTTP API demands (?token=...): RECALLBOT_RASA_TOKEN, or one generated once
    and kept in var/rasa-api-token (readable by this user only), shared by Rasa and the console."""
    token = os.environ.get("RECALLBOT_RASA_TOKEN", "").strip()
    if token:
        return token
    path = VAR_DIR / "rasa-api-token"
    if not path.exists():
        VAR_DIR.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as f:
            f.write(secrets.token_urlsafe(32))
    return path.read_text().strip()


def console_interface() -> str:
    return os.environ.get("RECALLBOT_CONSOLE_INTERFACE", "").strip() or "127.0.0.1"


def console_port() -> int:
    return int(os.environ.get("RECALLBOT_CONSOLE_PORT", "8080"))


def console_url() -> str:
    """The console's address as staff reach it (links in the SMS to a dealer's escalation contact)."""
    return os.environ.get("RECALLBOT_CONSOLE_URL", "").strip().rstrip("/") or f"http://127.0.0.1:{console_port()}"
