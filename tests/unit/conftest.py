"""Fixtures of the fast tests."""

from __future__ import annotations

import pytest


@pytest.fixture
def demo(sqlite_url):
    """A small demo recall database (10 dealers, 30 vehicles on the BLC list) on SQLite."""
    from bot.recall import seed

    seed.seed_demo(affected=30, remedied=5, not_affected=3)
    return sqlite_url


@pytest.fixture(autouse=True)
def no_twilio(monkeypatch):
    """Escalation alerts are never really sent from the fast tests, whatever the shell has set."""
    from actions import handoff

    monkeypatch.delenv("TWILIO_ACCOUNT_SID", raising=False)
    handoff._twilio.cache_clear()
