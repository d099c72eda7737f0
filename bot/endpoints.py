"""Rasa's endpoints (action server, tracker store, lock store) from the project's settings.

Rasa reads one YAML file; this writes it from RECALLBOT_TRACKER_URL and RECALLBOT_REDIS_URL so
the operator sets URLs, not Rasa's per-store keys.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy.engine import make_url

from bot import config


def tracker_store(url: str) -> dict[str, Any]:
    u = make_url(url)
    if u.get_backend_name() == "sqlite":
        return {"type": "SQL", "dialect": "sqlite", "db": u.database}
    store = {"type": "SQL", "dialect": u.drivername, "url": u.host or "localhost", "db": u.database}
    if u.port:
        store["port"] = u.port
    if u.username:
        store["username"] = u.username
    if u.password:
        store["password"] = u.password
    return store


def lock_store(url: str | None) -> dict[str, Any] | None:
    if not url:
        return None
    u = make_url(url)
    store = {"type": "redis", "url": u.host or "localhost", "port": u.port or 6379,
             "db": int(u.database or 0), "key_prefix": "recallbot"}
    if u.password:
        store["password"] = u.password
    return store


def endpoints(actions_port: int) -> dict[str, Any]:
    data: dict[str, Any] = {
        # Rasa sends the whole domain with every action call unless told not to; the actions never read it.
        "action_endpoint": {"url": f"http://127.0.0.1:{actions_port}/webhook", "enable_selective_domain": True},
        "tracker_store": tracker_store(config.tracker_url()),
    }
    lock = lock_store(config.redis_url())
    if lock:
        data["lock_store"] = lock
    return data
