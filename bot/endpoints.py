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
    store = {
        "type": "redis",
        "url": u.host or "localhost",
        "port": u.port or 6379,
        "db": int(u.database or 0),
        "key_prefix": "recallbot",
    }
    if u.password:
        store["password"] = u.password
    return store


def action_endpoint(actions_port: int) -> dict[str, Any]:
    """How Rasa calls the action server, with the shared secret (bot.action_server) in a header.

    Rasa's EndpointConfig also has `token`, but that goes into the query string, which ends up in
    access logs; its `headers` are sent with every action call."""
    return {
        "url": f"http://{config.actions_host()}:{actions_port}/webhook",
        "headers": {"Authorization": config.actions_authorization()},
        # Rasa sends the whole domain with every action call unless told not to; the actions never read it.
        "enable_selective_domain": True,
    }


def endpoints(actions_port: int) -> dict[str, Any]:
    """The endpoints file's content. It holds secrets (the action server's, database and Redis
    passwords): bot.serve writes it with config.write_private_file."""
    data: dict[str, Any] = {
        "action_endpoint": action_endpoint(actions_port),
        "tracker_store": tracker_store(config.tracker_url()),
    }
    lock = lock_store(config.redis_url())
    if lock:
        data["lock_store"] = lock
    return data
