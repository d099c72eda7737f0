"""Shared fixtures: a fresh, migrated recall database per test, on SQLite or the real PostgreSQL.

PostgreSQL (127.0.0.1:5432) and Redis (127.0.0.1:6379) tests skip with a clear message on a
laptop without them; under CI (CI=true) a missing service fails the run instead.
"""

from __future__ import annotations

import os
import uuid

import pytest
from sqlalchemy import create_engine, text

from bot.recall import migrate
from bot.recall.db import dispose_engines

POSTGRES_ADMIN_URL = os.environ.get("RECALLBOT_TEST_POSTGRES_URL", "postgresql+psycopg2://postgres@127.0.0.1:5432/test")


def require_service(name: str, reason: str) -> None:
    if os.environ.get("CI") == "true":
        pytest.fail(f"{name} is required under CI=true but is not usable: {reason}", pytrace=False)
    pytest.skip(f"{name} not reachable ({reason}); run `make services` to start it")


@pytest.fixture
def sqlite_url(tmp_path, monkeypatch) -> str:
    url = f"sqlite:///{tmp_path / 'recall.db'}"
    monkeypatch.setenv("RECALLBOT_DATABASE_URL", url)
    migrate.upgrade(url)
    yield url
    dispose_engines()


@pytest.fixture
def postgres_url(monkeypatch) -> str:
    """A migrated database in a schema of its own inside the `test` database, dropped afterwards."""
    schema = f"recallbot_test_{uuid.uuid4().hex[:12]}"
    admin = create_engine(POSTGRES_ADMIN_URL, future=True)
    try:
        with admin.begin() as conn:
            conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    except Exception as exc:  # noqa: BLE001 - any failure to reach it means "not available"
        admin.dispose()
        require_service("PostgreSQL", str(exc).splitlines()[0])
    url = f"{POSTGRES_ADMIN_URL}?options=-csearch_path%3D{schema}"
    monkeypatch.setenv("RECALLBOT_DATABASE_URL", url)
    migrate.upgrade(url)
    yield url
    dispose_engines()
    with admin.begin() as conn:
        conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
    admin.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request) -> str:
    """Runs a test on both backends."""
    return request.getfixturevalue("sqlite_url" if request.param == "sqlite" else "postgres_url")


@pytest.fixture
def demo_db(db_url) -> str:
    """A small demo data set (10 dealers, 30 vehicles on the BLC list, 5 remedied) on both backends."""
    from bot.recall import seed

    seed.seed_demo(affected=30, remedied=5, not_affected=3)
    return db_url


@pytest.fixture(scope="module")
def recorder():
    """A stand-in for Twilio's REST API that records the texts the servers send (one per test module)."""
    from tests.twilio_recorder import Recorder

    with Recorder() as rec:
        yield rec
