"""Console accounts: Argon2 hashes, sign-in, lock-out, sessions, scoping; on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest
from sqlalchemy import select, update

from bot.recall import staff
from bot.recall.db import unit_of_work
from bot.recall.errors import UnknownDealer
from bot.recall.models import StaffSession, StaffUser

PASSWORD = "correct horse battery"


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
    assert staff.sign_in("ann@tx501.example", "wrong password!") is None
    assert staff.sign_in("nobody@tx501.example", PASSWORD) is None
    who = staff.sign_in(" ANN@tx501.example ", PASSWORD)
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


def test_five_wrong_passwords_lock_the_account_even_for_the_right_one(demo_db):
    staff.add("ann@tx501.example", "Ann", PASSWORD, dealer_code="TX501")
    for _ in range(staff.MAX_FAILURES):
        assert staff.sign_in("ann@tx501.example", "guess guess guess") is None
    assert staff.sign_in("ann@tx501.example", PASSWORD) is None
    with unit_of_work(write=True) as s:  # the lock-out has passed
        s.execute(update(StaffUser).values(locked_until=datetime.now(timezone.utc) - timedelta(seconds=1)))
    assert staff.sign_in("ann@tx501.example", PASSWORD) is not None


def test_an_expired_session_is_refused(demo_db):
    staff.add("ann@tx501.example", "Ann", PASSWORD, dealer_code="TX501")
    who = staff.sign_in("ann@tx501.example", PASSWORD)
    with unit_of_work(write=True) as s:
        s.execute(update(StaffSession).values(expires_at=datetime.now(timezone.utc) - timedelta(seconds=1)))
    assert staff.session(who.token) is None


def test_a_new_password_signs_out_every_session(demo_db):
    staff.add("ann@tx501.example", "Ann", PASSWORD, dealer_code="TX501")
    who = staff.sign_in("ann@tx501.example", PASSWORD)
    staff.set_password("ann@tx501.example", "another long password")
    assert staff.session(who.token) is None
    assert staff.sign_in("ann@tx501.example", PASSWORD) is None
    assert staff.sign_in("ann@tx501.example", "another long password") is not None


def test_a_session_in_use_stays_alive_but_is_not_written_on_every_page(demo_db):
    staff.add("ann@tx501.example", "Ann", PASSWORD, dealer_code="TX501")
    who = staff.sign_in("ann@tx501.example", PASSWORD)

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
