"""Stored conversations keep their owner when ids gain their channel prefix (issue 11): an SMS
thread stored under the bare number stays that owner's SMS thread, in the recall database
(migration 0007) and in Rasa's tracker store (bot.tracker_ids, run by `recallbot db init`)."""

from __future__ import annotations

import asyncio

from alembic import command
from sqlalchemy import text

from bot.recall import escalations, migrate, scheduling
from bot.recall.db import get_engine
from bot.tracker_ids import rename_sms_threads
from tests.helpers import vins_with_status

PHONE = "+12145550134"


def _to(url: str, revision: str, step) -> None:
    cfg = migrate.alembic_config()
    with get_engine(url).begin() as conn:
        cfg.attributes["connection"] = conn
        step(cfg, revision)


def _ids(url: str) -> set[str]:
    with get_engine(url).connect() as conn:
        return {
            row[0]
            for table in ("appointments", "escalations")
            for row in conn.execute(text(f"SELECT conversation_id FROM {table}"))
        }


def test_sms_threads_stored_under_the_bare_number_are_renamed_and_nothing_else(demo_db):
    vin = vins_with_status("open", "TX501")[0]
    scheduling.book(vin, "TX501", scheduling.free_slots("TX501")[0].start, channel="sms", conversation_id=PHONE)
    escalations.create(PHONE, channel="sms", reason="requested_person", dealer_code="TX501")
    escalations.create("voice:+13125550100", channel="voice", reason="requested_person")
    escalations.create("some-web-chat", channel="chat", reason="requested_person")
    _to(demo_db, "0006", command.downgrade)  # the ids as they were stored before 0007
    with get_engine(demo_db).begin() as conn:
        conn.execute(text("UPDATE appointments SET conversation_id = :p"), {"p": PHONE})
    assert _ids(demo_db) == {PHONE, "voice:+13125550100", "some-web-chat"}
    _to(demo_db, "head", command.upgrade)
    assert _ids(demo_db) == {f"sms:{PHONE}", "voice:+13125550100", "some-web-chat"}
    assert scheduling.booked_for_vin(vin).conversation_id == f"sms:{PHONE}"


def test_the_tracker_store_files_old_sms_threads_under_sms_ids(tmp_path):
    from rasa.core.tracker_store import SQLTrackerStore
    from rasa.shared.core.domain import Domain
    from rasa.shared.core.events import UserUttered
    from rasa.shared.core.trackers import DialogueStateTracker

    db = tmp_path / "tracker.db"
    store = SQLTrackerStore(Domain.empty(), dialect="sqlite", db=str(db))
    for sender in (PHONE, "voice:+13125550100", "web:abc"):
        tracker = DialogueStateTracker(sender, slots=[])
        tracker.update(UserUttered(f"hello from {sender}", {"name": "greet"}))
        asyncio.run(store.save(tracker))
    assert rename_sms_threads(f"sqlite:///{db}") == 1
    assert rename_sms_threads(f"sqlite:///{db}") == 0  # idempotent: db init runs it every time
    moved = asyncio.run(store.retrieve(f"sms:{PHONE}"))
    assert moved is not None and moved.latest_message.text == f"hello from {PHONE}"
    assert asyncio.run(store.retrieve("voice:+13125550100")).latest_message.text == "hello from voice:+13125550100"


def test_a_fresh_tracker_store_is_left_alone(tmp_path):
    assert rename_sms_threads(f"sqlite:///{tmp_path / 'none.db'}") == 0
