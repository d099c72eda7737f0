"""Renames SMS conversations stored in Rasa's tracker store under the bare phone number.

Before conversation ids carried their channel (bot.conversations), an SMS thread's id was the
owner's number ("+12145550100"). The SMS channel now files texts under "sms:+12145550100", so
without this rename an owner's stored thread (and a pause that staff hold on it) would be
orphaned. Idempotent: `recallbot db init` runs it every time, after the recall database's
migrations (0007 renames the same ids there).
"""

from __future__ import annotations

from sqlalchemy import create_engine, inspect, text

from bot import config

# Rasa's SQLTrackerStore keeps every event in one table, keyed by sender_id.
EVENTS_TABLE = "events"


def rename_sms_threads(url: str | None = None) -> int:
    """Prefixes "sms:" to every bare-number sender id; returns how many events were renamed."""
    engine = create_engine(url or config.tracker_url(), future=True)
    try:
        if not inspect(engine).has_table(EVENTS_TABLE):
            return 0  # a fresh install: Rasa creates the table on its first start
        with engine.begin() as conn:
            return conn.execute(
                text(f"UPDATE {EVENTS_TABLE} SET sender_id = 'sms:' || sender_id WHERE sender_id LIKE '+%'")
            ).rowcount
    finally:
        engine.dispose()
