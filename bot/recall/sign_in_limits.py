"""How many wrong console sign-ins are taken, from whom and from where (issue 11).

The old rule, five wrong passwords lock the account for 15 minutes, let anyone who knew a staff
member's e-mail keep them out with five guesses every quarter hour, and counting the failures in
the recall database took SQLite's write lock on every bogus attempt. Failures are now counted in
`limits` moving windows, outside the database, three ways:

- per (e-mail, address): 5 in 15 minutes. This is the guesser's own window: it stops them
  and nobody else, so the owner of the account still signs in from their own desk.
- per address: 20 in 15 minutes whatever the e-mails, so one address cannot try a common
  password against every account. A dealership behind one shared address mistypes far fewer.
- per e-mail alone: 25 in 15 minutes. The only window that strangers elsewhere can fill, so it
  is set far above anything a person mistyping reaches: filling it takes five addresses or more
  guessing together, and it still holds distributed guessing to 2,400 tries a day.

An IPv6 address counts as its /64 (one subscriber usually gets a whole /64 to pick from).
Failures are counted for whatever e-mail was typed, known or not, so neither the answer nor the
pause says whether an account exists. Only failures count: staff behind one address sign in
many times a morning. The right password clears its own (e-mail, address) window and nothing
else, so an attacker with an account of their own cannot clear an address by signing in between
guesses.

The counters are in this process's memory, or in Redis when RECALLBOT_REDIS_URL is set, so that
several console replicas share them. A restart forgets them: at most one more window of guesses.
Between the check before a verify and the count after a failure, concurrent attempts can each
get through; the overshoot is bounded by the console's worker threads.
"""

from __future__ import annotations

import functools
import ipaddress
import logging
import time
from contextlib import contextmanager
from dataclasses import dataclass

from limits import parse
from limits.storage import MemoryStorage, Storage, storage_from_string
from limits.strategies import MovingWindowRateLimiter
from redis.exceptions import RedisError

from bot import config
from bot.recall.db import DatabaseUnavailable

logger = logging.getLogger(__name__)

PER_PAIR = parse("5 per 15 minutes")
PER_ADDRESS = parse("20 per 15 minutes")
PER_ACCOUNT = parse("25 per 15 minutes")
PAUSE_AT_MOST = "15 minutes"  # what the sign-in page may promise: the longest window above


def address_key(address: str) -> str:
    """The address as it is counted: IPv4 as it is, IPv6 as its /64 (an IPv4-mapped one as IPv4)."""
    try:
        ip = ipaddress.ip_address(address.strip())
    except ValueError:
        return address.strip() or "unknown"
    if ip.version == 6:
        if ip.ipv4_mapped:
            return str(ip.ipv4_mapped)
        return str(ipaddress.ip_network(f"{ip}/64", strict=False))
    return str(ip)


@dataclass
class SignInLimits:
    storage: Storage  # held here: a `limits` strategy keeps only a weak reference to its storage
    namespace: str = "console-sign-in"

    def __post_init__(self):
        self.limiter = MovingWindowRateLimiter(self.storage)

    def _windows(self, email: str, address: str):
        where = address_key(address)
        # Read at call time, so a test can set smaller limits on the module.
        return ((PER_PAIR, "pair", email, where), (PER_ADDRESS, "address", where), (PER_ACCOUNT, "account", email))

    def wait(self, email: str, address: str) -> int:
        """Seconds until a sign-in of `email` from `address` is taken again; 0 = now."""
        waits = []
        with _store_errors():
            for item, *ids in self._windows(email, address):
                if not self.limiter.test(item, self.namespace, *ids):
                    reset, _ = self.limiter.get_window_stats(item, self.namespace, *ids)
                    waits.append(max(1, int(reset - time.time())))
                    if ids[0] == "account":
                        logger.warning("console sign-in: the per-account ceiling is reached for %s", email)
        return max(waits, default=0)

    def failed(self, email: str, address: str) -> None:
        with _store_errors():
            for item, *ids in self._windows(email, address):
                self.limiter.hit(item, self.namespace, *ids)

    def succeeded(self, email: str, address: str) -> None:
        item, *ids = self._windows(email, address)[0]
        with _store_errors():
            self.limiter.clear(item, self.namespace, *ids)


@contextmanager
def _store_errors():
    """A Redis outage refuses sign-in as a database outage does ("briefly unavailable"), rather
    than letting guesses through uncounted."""
    try:
        yield
    except (RedisError, OSError) as exc:
        raise DatabaseUnavailable(f"sign-in limits store: {exc}") from exc


@functools.cache
def _for(redis_url: str | None) -> SignInLimits:
    return SignInLimits(storage_from_string(redis_url) if redis_url else MemoryStorage())


def current() -> SignInLimits:
    """The limits of this process: shared through Redis when RECALLBOT_REDIS_URL is set."""
    return _for(config.redis_url())
