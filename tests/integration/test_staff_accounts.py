"""Console accounts: Argon2 hashes, sign-in, wrong-password limits, sessions, scoping; on SQLite
and PostgreSQL."""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta, timezone

import pytest
from argon2 import PasswordHasher
from limits import parse
from limits.storage import MemoryStorage
from sqlalchemy import select, update

from bot.recall import sign_in_limits, sms, staff
from bot.recall.db import unit_of_work
from bot.recall.errors import UnknownDealer
from bot.recall.models import SmsInbound, StaffSession, StaffUser
from tests.conftest import require_service

PASSWORD = "correct horse battery"
HERE = "203.0.113.10"  # the client address of a sign-in (TEST-NET-3)
ELSEWHERE = "198.51.100.77"


@pytest.fixture(autouse=True)
def fresh_limits(monkeypatch):
    """Counters of wrong passwords start empty in every test (they live in this process)."""
    fresh = sign_in_limits.SignInLimits(MemoryStorage())
    monkeypatch.setattr(sign_in_limits, "current", lambda: fresh)
    return fresh


@pytest.fixture
def verifies(monkeypatch):
    """Counts Argon2 verifies: the work a sign-in costs, whichever way it ends."""
    calls = []
    real = PasswordHasher.verify

    def counting(hasher, password_hash, password):
        calls.append(password_hash)
        return real(hasher, password_hash, password)

    monkeypatch.setattr(PasswordHasher, "verify", counting)
    return calls


def test_the_password_is_stored_only_as_an_argon2id_hash(demo_db):
    staff.add("Ann@TX501.example", "Ann Lee", PASSWORD, dealer_code="tx501")
    with unit_of_work() as s:
        user = s.execute(select(StaffUser)).scalar_one()
    assert user.email == "ann@tx501.example"
    assert user.password_hash.startswith("$argon2id$")
    assert PASSWORD not in user.password_hash


def test_accounts_need_a_known_dealer_a_long_password_and_a_unique_email(demo_db):
    with pytest.raises(UnknownDealer):
        staff.add("a@x.example", "A", PASSWORD, dealer_code="NOPE1")
    with pytest.raises(staff.StaffError, match="12 characters"):
        staff.add("a@x.example", "A", "short", dealer_code="TX501")
    with pytest.raises(staff.StaffError, match="dealer code"):
        staff.add("a@x.example", "A", PASSWORD)
    staff.add("a@x.example", "A", PASSWORD, dealer_code="TX501")
    with pytest.raises(staff.StaffError, match="already exists"):
        staff.add("A@x.example", "A again", PASSWORD, admin=True)


def test_sign_in_gives_a_session_whose_token_is_not_stored(demo_db):
    staff.add("ann@tx501.example", "Ann", PASSWORD, dealer_code="TX501")
    assert staff.sign_in("ann@tx501.example", "wrong password!", address=HERE) is None
    assert staff.sign_in("nobody@tx501.example", PASSWORD, address=HERE) is None
    who = staff.sign_in(" ANN@tx501.example ", PASSWORD, address=HERE)
    assert who is not None and who.staff.scope == "TX501" and who.csrf_token
    with unit_of_work() as s:
        stored = s.execute(select(StaffSession.token_hash)).scalars().all()
    assert stored and who.token not in stored
    again = staff.session(who.token)
    assert again.staff.email == "ann@tx501.example" and again.csrf_token == who.csrf_token
    staff.sign_out(who.token)
    assert staff.session(who.token) is None


def test_an_admin_sees_every_dealer(demo_db):
    boss = staff.add("boss@lexus.example", "Boss", PASSWORD, admin=True)
    assert boss.scope is None and boss.dealer_code is None


def test_five_wrong_passwords_pause_that_address_only_and_the_owner_still_signs_in(demo_db):
    staff.add("ann@tx501.example", "Ann", PASSWORD, dealer_code="TX501")
    for _ in range(sign_in_limits.PER_PAIR.amount):
        assert staff.sign_in("ann@tx501.example", "guess guess guess", address=HERE) is None
    with pytest.raises(staff.TooManyTries) as paused:  # even the right password, from the guesser's address
        staff.sign_in("ann@tx501.example", PASSWORD, address=HERE)
    assert 0 < paused.value.retry_after <= 15 * 60
    assert staff.sign_in("ann@tx501.example", PASSWORD, address=ELSEWHERE) is not None
    with unit_of_work() as s:  # nothing about the guesses was written to the database
        user = s.execute(select(StaffUser)).scalar_one()
    assert user.locked_until is None and user.failed_logins == 0


def test_one_address_trying_many_emails_is_paused_for_every_account(demo_db):
    staff.add("ann@tx501.example", "Ann", PASSWORD, dealer_code="TX501")
    for n in range(sign_in_limits.PER_ADDRESS.amount):
        assert staff.sign_in(f"staff{n}@tx501.example", PASSWORD, address=HERE) is None
    with pytest.raises(staff.TooManyTries):
        staff.sign_in("ann@tx501.example", PASSWORD, address=HERE)
    assert staff.sign_in("ann@tx501.example", PASSWORD, address=ELSEWHERE) is not None


def test_an_ipv6_guesser_cannot_step_through_its_64(demo_db):
    staff.add("ann@tx501.example", "Ann", PASSWORD, dealer_code="TX501")
    for n in range(sign_in_limits.PER_PAIR.amount):
        assert staff.sign_in("ann@tx501.example", "guess guess guess", address=f"2001:db8:1:2::{n + 1:x}") is None
    with pytest.raises(staff.TooManyTries):
        staff.sign_in("ann@tx501.example", PASSWORD, address="2001:db8:1:2:ffff::9")
    assert staff.sign_in("ann@tx501.example", PASSWORD, address="2001:db8:1:3::1") is not None


def test_guessing_spread_over_many_addresses_meets_the_account_ceiling(demo_db, monkeypatch):
    """The one window strangers elsewhere can fill; smaller here so the test needs few verifies."""
    monkeypatch.setattr(sign_in_limits, "PER_ACCOUNT", parse("6 per 15 minutes"))
    staff.add("ann@tx501.example", "Ann", PASSWORD, dealer_code="TX501")
    staff.add("bo@tx501.example", "Bo", PASSWORD, dealer_code="TX501")
    for n in range(6):
        assert staff.sign_in("ann@tx501.example", "guess guess guess", address=f"192.0.2.{n % 3 + 1}") is None
    with pytest.raises(staff.TooManyTries):
        staff.sign_in("ann@tx501.example", PASSWORD, address=ELSEWHERE)
    assert staff.sign_in("bo@tx501.example", PASSWORD, address=ELSEWHERE) is not None


def test_the_right_password_clears_its_own_window_but_not_the_addresss(demo_db, monkeypatch):
    """Staff who mistype four times start afresh once in; someone with an account of their own
    cannot sign in between guesses to clear the address's window."""
    monkeypatch.setattr(sign_in_limits, "PER_ADDRESS", parse("8 per 15 minutes"))
    staff.add("ann@tx501.example", "Ann", PASSWORD, dealer_code="TX501")
    for _ in range(4):
        assert staff.sign_in("ann@tx501.example", "typo typo typo", address=HERE) is None
    assert staff.sign_in("ann@tx501.example", PASSWORD, address=HERE) is not None
    for _ in range(4):  # four more, not paused at the fifth wrong one in a row
        assert staff.sign_in("ann@tx501.example", "typo typo typo", address=HERE) is None
    with pytest.raises(staff.TooManyTries):  # but the address has had its eight
        staff.sign_in("ann@tx501.example", PASSWORD, address=HERE)


def test_a_paused_account_and_an_unknown_email_cost_one_verify_and_get_the_same_answer(demo_db, verifies):
    staff.add("ann@tx501.example", "Ann", PASSWORD, dealer_code="TX501")
    staff.add("gone@tx501.example", "Gone", PASSWORD, dealer_code="TX501")
    with unit_of_work(write=True) as s:
        s.execute(update(StaffUser).where(StaffUser.email == "gone@tx501.example").values(active=False))

    def outcome(email, password):
        before = len(verifies)
        try:
            answer = staff.sign_in(email, password, address=HERE)
        except staff.TooManyTries as paused:
            answer = ("paused", paused.retry_after // 60)
        return answer, len(verifies) - before

    # Not paused: a wrong password, an unknown e-mail, a closed account, not even an e-mail.
    assert outcome("ann@tx501.example", "guess guess guess") == (None, 1)
    assert outcome("nobody@tx501.example", "guess guess guess") == (None, 1)
    assert outcome("gone@tx501.example", PASSWORD) == (None, 1)
    assert outcome("not an e-mail", PASSWORD) == (None, 1)
    for _ in range(sign_in_limits.PER_PAIR.amount - 1):
        outcome("ann@tx501.example", "guess guess guess")
        outcome("nobody@tx501.example", "guess guess guess")
    # Paused, the right password of a real account and a made-up e-mail alike.
    known, unknown = outcome("ann@tx501.example", PASSWORD), outcome("nobody@tx501.example", PASSWORD)
    assert known == unknown == (("paused", 14), 1)


def test_argon2_runs_while_the_bot_can_write(sqlite_url, monkeypatch):
    """SQLite has one write lock; sign-in must not hold it for the ~170 ms of a verify (nor for an
    unknown e-mail), or the bot's own writes queue behind a flood of bogus sign-ins."""
    staff.add("ann@tx501.example", "Ann", PASSWORD, admin=True)
    claimed = []
    real = PasswordHasher.verify

    def verify_while_the_bot_writes(hasher, password_hash, password):
        sid = f"SM{uuid.uuid4().hex}"
        claimed.append(sms.claim(sid, "+12145550100"))  # waits for the lock (then fails) if sign-in held it
        return real(hasher, password_hash, password)

    monkeypatch.setattr(PasswordHasher, "verify", verify_while_the_bot_writes)
    assert staff.sign_in("nobody@tx501.example", PASSWORD, address=HERE) is None
    assert staff.sign_in("ann@tx501.example", "guess guess guess", address=HERE) is None
    assert staff.sign_in("ann@tx501.example", PASSWORD, address=HERE) is not None
    assert claimed == [True, True, True]
    with unit_of_work() as s:
        assert len(s.execute(select(SmsInbound)).scalars().all()) == 3


def test_counters_are_shared_through_redis_by_console_replicas():
    """With RECALLBOT_REDIS_URL, what one console process counted holds in another."""
    url = "redis://127.0.0.1:6379/0"
    try:
        import redis

        redis.Redis.from_url(url, socket_timeout=2).ping()
    except Exception as exc:  # noqa: BLE001 - any failure to reach it means "not available"
        require_service("Redis", str(exc))
    one, other = sign_in_limits._for.__wrapped__(url), sign_in_limits._for.__wrapped__(url)  # two replicas
    email = f"guess-{uuid.uuid4().hex}@tx501.example"
    try:
        for _ in range(sign_in_limits.PER_PAIR.amount):
            one.failed(email, HERE)
        assert other.wait(email, HERE) > 0 and other.wait(email, ELSEWHERE) == 0
    finally:
        for item, *ids in other._windows(email, HERE):
            other.limiter.clear(item, other.namespace, *ids)


def test_an_expired_session_is_refused(demo_db):
    staff.add("ann@tx501.example", "Ann", PASSWORD, dealer_code="TX501")
    who = staff.sign_in("ann@tx501.example", PASSWORD, address=HERE)
    with unit_of_work(write=True) as s:
        s.execute(update(StaffSession).values(expires_at=datetime.now(timezone.utc) - timedelta(seconds=1)))
    assert staff.session(who.token) is None


def test_a_new_password_signs_out_every_session(demo_db):
    staff.add("ann@tx501.example", "Ann", PASSWORD, dealer_code="TX501")
    who = staff.sign_in("ann@tx501.example", PASSWORD, address=HERE)
    staff.set_password("ann@tx501.example", "another long password")
    assert staff.session(who.token) is None
    assert staff.sign_in("ann@tx501.example", PASSWORD, address=HERE) is None
    assert staff.sign_in("ann@tx501.example", "another long password", address=HERE) is not None


def test_a_session_in_use_stays_alive_but_is_not_written_on_every_page(demo_db):
    staff.add("ann@tx501.example", "Ann", PASSWORD, dealer_code="TX501")
    who = staff.sign_in("ann@tx501.example", PASSWORD, address=HERE)

    def row():
        with unit_of_work() as s:
            return s.execute(select(StaffSession.last_seen_at, StaffSession.expires_at)).one()

    first = row()
    staff.session(who.token)
    assert row() == first  # seen a moment ago: nothing written
    an_hour_ago = datetime.now(timezone.utc) - timedelta(hours=1)
    with unit_of_work(write=True) as s:
        s.execute(update(StaffSession).values(last_seen_at=an_hour_ago, expires_at=an_hour_ago + staff.SESSION_IDLE))
    assert staff.session(who.token) is not None
    seen, expires = row()
    assert seen > an_hour_ago and expires > datetime.now(timezone.utc) + staff.SESSION_IDLE - timedelta(minutes=1)


def test_a_session_used_all_day_ends_12_hours_after_sign_in(demo_db, monkeypatch):
    staff.add("ann@tx501.example", "Ann", PASSWORD, dealer_code="TX501")
    start = datetime.now(timezone.utc)
    clock = [start]
    monkeypatch.setattr(staff, "_now", lambda: clock[0])
    who = staff.sign_in("ann@tx501.example", PASSWORD, address=HERE)
    while clock[0] < start + staff.SESSION_LIFETIME - timedelta(minutes=5):
        clock[0] += timedelta(minutes=5)  # an open conversation polls all day long
        assert staff.session(who.token) is not None, clock[0] - start
    clock[0] = start + staff.SESSION_LIFETIME
    assert staff.session(who.token) is None
    again = staff.sign_in("ann@tx501.example", PASSWORD, address=HERE)  # signing in again: 12 more hours
    assert staff.session(again.token) is not None


def test_a_session_left_alone_ends_after_8_idle_hours(demo_db, monkeypatch):
    staff.add("ann@tx501.example", "Ann", PASSWORD, dealer_code="TX501")
    start = datetime.now(timezone.utc)
    clock = [start]
    monkeypatch.setattr(staff, "_now", lambda: clock[0])
    who = staff.sign_in("ann@tx501.example", PASSWORD, address=HERE)
    clock[0] = start + timedelta(hours=2)
    assert staff.session(who.token) is not None
    clock[0] = start + timedelta(hours=2) + staff.SESSION_IDLE - timedelta(minutes=1)
    assert staff.session(who.token) is not None
    clock[0] += staff.SESSION_IDLE
    assert staff.session(who.token) is None
