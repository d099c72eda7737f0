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


def write_private_file(path: Path, text: str, *, replace: bool = True) -> bool:
    """Writes `text` to `path`, readable by this user only from the first byte on.

    The file is written under a temporary name created with mode 600 and then moved into place,
    so no other user can open it even for an instant, an existing file with a wider mode is
    replaced rather than reused (opening it would keep its mode), and a reader never sees it half
    written. With replace=False an existing file wins (two processes generating the same secret
    at once agree on one); returns whether this call's text is the one in place."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(fd, "w") as f:
            f.write(text)
        if replace:
            os.replace(tmp, path)
            return True
        try:
            os.link(tmp, path)  # unlike rename, fails when the file exists
            return True
        except FileExistsError:
            return False
    finally:
        tmp.unlink(missing_ok=True)


def _secret(variable: str, filename: str) -> str:
    """A shared secret: the environment variable when set, else one generated on first use into
    var/<filename> (mode 600), so every process of this install agrees on it without the secret
    ever appearing on a command line."""
    value = os.environ.get(variable, "").strip()
    if value:
        return value
    path = VAR_DIR / filename
    if not path.exists():
        write_private_file(path, secrets.token_urlsafe(32), replace=False)
    return path.read_text().strip()


def rasa_api_token() -> str:
    """The token Rasa's HTTP API demands (?token=...): RECALLBOT_RASA_TOKEN, or one kept in
    var/rasa-api-token, shared by Rasa and the console."""
    return _secret("RECALLBOT_RASA_TOKEN", "rasa-api-token")


def actions_token() -> str:
    """The secret Rasa sends the action server with every call: RECALLBOT_ACTIONS_TOKEN, or one
    kept in var/actions-token. Without it anyone reaching port 5055 could post a made-up tracker
    (slots and all) and have the actions act on it, e.g. cancel any appointment by number."""
    return _secret("RECALLBOT_ACTIONS_TOKEN", "actions-token")


def actions_authorization() -> str:
    """The Authorization header Rasa sends the action server, which compares it with this."""
    return f"Bearer {actions_token()}"


def actions_interface() -> str:
    """Where the action server listens: only Rasa calls it, from this machine by default."""
    return os.environ.get("RECALLBOT_ACTIONS_INTERFACE", "").strip() or "127.0.0.1"


def actions_host() -> str:
    """The host in the action server's URL (Rasa's endpoint, bot.serve's health check): its
    interface, or this machine when it listens on all of them."""
    host = actions_interface()
    if host in ("0.0.0.0", "::"):
        return "127.0.0.1"
    return f"[{host}]" if ":" in host else host


def console_interface() -> str:
    return os.environ.get("RECALLBOT_CONSOLE_INTERFACE", "").strip() or "127.0.0.1"


def console_port() -> int:
    return int(os.environ.get("RECALLBOT_CONSOLE_PORT", "8080"))


def console_url() -> str:
    """The console's address as staff reach it (links in the SMS to a dealer's escalation contact)."""
    return os.environ.get("RECALLBOT_CONSOLE_URL", "").strip().rstrip("/") or f"http://127.0.0.1:{console_port()}"
