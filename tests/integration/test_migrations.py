"""Migrations build the schema from an empty database, and the schema matches the models."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect

from bot.recall import migrate
from bot.recall.db import get_engine
from bot.recall.models import Base

TABLES = {
    "campaigns",
    "dealers",
    "dealer_hours",
    "service_capacity",
    "appointment_slots",
    "parts_stock",
    "owners",
    "vehicles",
    "vehicle_campaigns",
    "appointments",
    "escalations",
    "audit_log",
    "sms_inbound",
}


def test_migrations_from_empty_build_every_table(db_url):
    tables = set(inspect(get_engine(db_url)).get_table_names())
    assert TABLES <= tables
    assert migrate.current_revision(db_url) == migrate.head_revision()


def test_models_and_migrations_agree(db_url):
    with get_engine(db_url).connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn, opts={"compare_type": True}), Base.metadata)
    assert diff == []


def test_upgrade_twice_is_harmless(db_url):
    assert migrate.upgrade(db_url) == migrate.head_revision()
