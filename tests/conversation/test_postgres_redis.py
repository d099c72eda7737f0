"""The same assistant on the production stores: PostgreSQL for recall data and conversations,
Redis for the lock store. A Rasa crash mid-booking loses nothing."""

from __future__ import annotations

import re
import subprocess
import sys
import uuid

import pytest
import yaml
from sqlalchemy import create_engine, text

from bot.recall import scheduling, seed
from tests.conftest import POSTGRES_ADMIN_URL, require_service
from tests.helpers import vins_with_status
from tests.servers import Servers

REDIS_URL = "redis://127.0.0.1:6379/0"


@pytest.fixture
def tracker_database():
    """A PostgreSQL database of its own for Rasa's tracker store, dropped afterwards."""
    name = f"recallbot_tracker_{uuid.uuid4().hex[:10]}"
    admin = create_engine(POSTGRES_ADMIN_URL, future=True, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
    except Exception as exc:  # noqa: BLE001
        admin.dispose()
        require_service("PostgreSQL", str(exc).splitlines()[0])
    yield POSTGRES_ADMIN_URL.rsplit("/", 1)[0] + f"/{name}"
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE "{name}" WITH (FORCE)'))
    admin.dispose()


@pytest.fixture
def redis_up():
    probe = subprocess.run(
        [sys.executable, "-c", f"import redis; redis.Redis.from_url('{REDIS_URL}').ping()"],
        capture_output=True,
        text=True,
    )
    if probe.returncode:
        require_service("Redis", probe.stderr.strip().splitlines()[-1] if probe.stderr else "no answer")


def test_booking_survives_a_crash_on_postgres_and_redis(postgres_url, tracker_database, redis_up, tmp_path):
    seed.seed_demo(affected=30, remedied=5, not_affected=3)
    srv = Servers(
        tmp_path,
        {
            "RECALLBOT_DATABASE_URL": postgres_url,
            "RECALLBOT_TRACKER_URL": tracker_database,
            "RECALLBOT_REDIS_URL": REDIS_URL,
        },
    ).start()
    try:
        endpoints = yaml.safe_load((tmp_path / "endpoints.yml").read_text())
        assert endpoints["tracker_store"]["dialect"].startswith("postgresql")
        assert endpoints["lock_store"]["type"] == "redis"
        vin = vins_with_status("open", "TX501")[0]
        me = f"pg-{uuid.uuid4().hex[:6]}"
        srv.say(me, vin)
        offered = re.findall(r"^\d\) (.+)$", "\n".join(srv.say(me, "yes")), re.M)
        srv.kill("rasa")
        srv.start()
        assert "You're booked" in " ".join(srv.say(me, "3"))
        [appt] = scheduling.list_appointments(vin=vin)
        from tests.helpers import short_when

        assert short_when(appt.local_start()) == offered[2]
        with create_engine(tracker_database, future=True).connect() as conn:
            stored = conn.execute(
                text("SELECT count(*) FROM events WHERE sender_id = :s"), {"s": srv.web_ids[me]}
            ).scalar()
        assert stored > 5
    finally:
        srv.stop()
