"""Engine and short units of work.

Every caller opens a session for one unit of work and closes it; nothing holds a global
session. On SQLite a write unit starts with BEGIN IMMEDIATE so two writers queue on the
database lock instead of failing halfway with "database is locked" on lock upgrade.
"""

from __future__ import annotations

import asyncio
import functools
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, TypeVar

from sqlalchemy import create_engine, event
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.engine import Engine
from sqlalchemy.exc import DBAPIError, OperationalError
from sqlalchemy.orm import Session
from sqlalchemy.pool import QueuePool

from bot import config

T = TypeVar("T")
_engines: dict[str, Engine] = {}
_lock = threading.Lock()


class DatabaseUnavailable(RuntimeError):
    """The recall database cannot be reached or opened; callers answer politely and retry later."""


def _configure_sqlite(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn, _record):
        # Let SQLAlchemy, not pysqlite, decide when transactions begin (see _on_begin).
        dbapi_conn.isolation_level = None
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA foreign_keys = ON")
        cur.execute("PRAGMA busy_timeout = 10000")
        cur.execute("PRAGMA journal_mode = WAL")
        cur.execute("PRAGMA synchronous = NORMAL")
        cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn):
        immediate = conn.get_execution_options().get("recallbot_write", False)
        conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


def get_engine(url: str | None = None) -> Engine:
    """One engine (and connection pool) per URL for the life of the process."""
    url = url or config.database_url()
    with _lock:
        engine = _engines.get(url)
        if engine is None:
            if url.startswith("sqlite"):
                # SQLAlchemy 1.4 opens a new SQLite connection per session by default (NullPool),
                # re-running the pragmas each time; pool them as 2.0 does.
                engine = create_engine(
                    url,
                    future=True,
                    poolclass=QueuePool,
                    pool_size=5,
                    max_overflow=10,
                    connect_args={"timeout": 10, "check_same_thread": False},
                )
                _configure_sqlite(engine)
            else:
                engine = create_engine(url, future=True, pool_pre_ping=True, pool_size=10, max_overflow=20)
            _engines[url] = engine
        return engine


def dispose_engines() -> None:
    with _lock:
        for engine in _engines.values():
            engine.dispose()
        _engines.clear()


@contextmanager
def unit_of_work(*, write: bool = False, url: str | None = None) -> Iterator[Session]:
    """A session for one short unit of work: committed on success, rolled back on error."""
    engine = get_engine(url)
    bind = engine.execution_options(recallbot_write=True) if write else engine
    session = Session(bind=bind, future=True, expire_on_commit=False)
    try:
        yield session
        session.commit()
    except (OperationalError, DBAPIError) as exc:
        session.rollback()
        if exc.connection_invalidated or isinstance(exc, OperationalError):
            raise DatabaseUnavailable(str(exc.orig or exc)) from exc
        raise
    except BaseException:
        session.rollback()
        raise
    finally:
        session.close()


def insert_for(session: Session):
    """The dialect's INSERT, which has ON CONFLICT (upserts) on both SQLite and PostgreSQL."""
    return pg_insert if session.get_bind().dialect.name == "postgresql" else sqlite_insert


async def in_thread(fn: Callable[..., T], *args: Any, **kwargs: Any) -> T:
    """Runs a (blocking) recall-database call in a worker thread, so an async server's event loop
    (the action server's, the console's) never waits on database I/O."""
    return await asyncio.to_thread(functools.partial(fn, *args, **kwargs))
