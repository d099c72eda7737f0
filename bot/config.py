"""Settings read from the environment: the one place that knows their names and defaults."""

from __future__ import annotations

import os
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("RECALLBOT_VAR_DIR", PROJECT_ROOT / "var"))


def database_url() -> str:
    """SQLAlchemy URL of the recall database; an SQLite file under var/ by default."""
    url = os.environ.get("RECALLBOT_DATABASE_URL", "").strip()
    if url:
        return url
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{VAR_DIR / 'recall.db'}"
