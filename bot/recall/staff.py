"""Console accounts and sign-in sessions for dealer staff.

Passwords are hashed with Argon2id (argon2-cffi, its recommended parameters) and re-hashed on
sign-in when those parameters change. Wrong passwords are counted per e-mail and client address
outside the database (bot.recall.sign_in_limits), so guessing online is slow and nobody can lock
someone else out. A session is a random token in an HttpOnly cookie; the database keeps only
its SHA-256, plus the CSRF token bound to it. It lapses after 8 idle hours and ends 12 hours
after sign-in however busy it is, so a stolen cookie (or a console left polling) does not live
for ever.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import delete, select, update

from bot.recall import audit, sign_in_limits
from bot.recall.db import unit_of_work
from bot.recall.errors import RecallError, UnknownDealer
from bot.recall.models import Dealer, StaffSession, StaffUser

MIN_PASSWORD = 12
SESSION_IDLE = timedelta(hours=8)  # a working shift; signing in again after it is cheap
SESSION_LIFETIME = timedelta(hours=12)  # from sign-in, whatever the activity
_hasher = PasswordHasher()
# Verified against when the e-mail is unknown or sign-in is paused, so every attempt costs one
# Argon2 verify with the same parameters: the time taken says nothing about the account.
_DUMMY_HASH = _hasher.hash(secrets.token_urlsafe(16))


class StaffError(RecallError):
    pass


class TooManyTries(StaffError):
    """Sign-in is paused for this e-mail or address; the same for known and unknown e-mails."""

    def __init__(self, retry_after: int):
        super().__init__(f"too many failed sign-ins; try again in {retry_after} s")
        self.retry_after = retry_after


@dataclass(frozen=True)
class StaffMember:
    id: int
    email: str
    name: str
    dealer_code: str | None  # None for an admin
    dealer_name: str | None
    is_admin: bool

    @classmethod
    def of(cls, u: StaffUser) -> StaffMember:
        return cls(
            id=u.id,
            email=u.email,
            name=u.name,
            dealer_code=u.dealer.code if u.dealer else None,
            dealer_name=u.dealer.name if u.dealer else None,
            is_admin=u.is_admin,
        )

    @property
    def scope(self) -> str | None:
        """The dealer whose data this person may see; None = every dealer (admin)."""
        return None if self.is_admin else self.dealer_code


@dataclass(frozen=True)
class SignedIn:
    token: str  # goes into the cookie, never stored
    csrf_token: str
    staff: StaffMember


def _now() -> datetime:
    return datetime.now(timezone.utc)


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _normal_email(email: str) -> str:
    email = email.strip().lower()
    if "@" not in email or len(email) > 200:
        raise StaffError(f"not an e-mail address: {email!r}")
    return email


def add(
    email: str, name: str, password: str, *, dealer_code: str | None = None, admin: bool = False, actor: str = "cli"
) -> StaffMember:
    """A new account: staff of `dealer_code`, or an admin of every dealer."""
    email = _normal_email(email)
    if len(password) < MIN_PASSWORD:
        raise StaffError(f"the password must have at least {MIN_PASSWORD} characters")
    if not admin and not dealer_code:
        raise StaffError("give the dealer code of this person (or make them an admin)")
    password_hash = _hasher.hash(password)  # before the write: Argon2 never runs under the write lock
    with unit_of_work(write=True) as s:
        dealer_id = None
        if dealer_code:
            dealer_id = s.execute(select(Dealer.id).where(Dealer.code == dealer_code.upper())).scalar_one_or_none()
            if dealer_id is None:
                raise UnknownDealer(dealer_code)
        if s.execute(select(StaffUser.id).where(StaffUser.email == email)).first():
            raise StaffError(f"an account for {email} already exists")
        user = StaffUser(
            email=email, name=name.strip() or email, dealer_id=dealer_id, is_admin=admin, password_hash=password_hash
        )
        s.add(user)
        s.flush()
        audit.record(s, actor, "staff.add", "staff_user", user.id, email=email, admin=admin, dealer=dealer_code)
        s.flush()
        s.refresh(user)
        return StaffMember.of(user)


def list_staff() -> list[StaffMember]:
    with unit_of_work() as s:
        return [StaffMember.of(u) for u in s.execute(select(StaffUser).order_by(StaffUser.email)).scalars()]


def sign_in(email: str, password: str, *, address: str) -> SignedIn | None:
    """A new session for the right password; None otherwise (the caller says only "wrong e-mail or
    password", so nobody learns which accounts exist). TooManyTries while sign-in is paused for
    this e-mail or `address` (the client's), also when the password is right.

    Argon2 takes ~170 ms, so it runs outside any transaction: a short read, the verify, and a
    short write only for a session. A failure writes nothing to the database (SQLite has one
    write lock, which the bot's own writes need), and every path runs exactly one verify."""
    try:
        email = _normal_email(email)
    except StaffError:
        email = ""
    with unit_of_work() as s:
        user = s.execute(
            select(StaffUser).where(StaffUser.email == email, StaffUser.active.is_(True))
        ).scalar_one_or_none()
    limits = sign_in_limits.current()
    wait = limits.wait(email, address)
    checked = user if user is not None and not wait else None
    right = _verify(checked.password_hash if checked else _DUMMY_HASH, password) and checked is not None
    if wait:
        raise TooManyTries(wait)
    if not right:
        limits.failed(email, address)
        return None
    limits.succeeded(email, address)
    return _open_session(user, password)


def _open_session(user: StaffUser, password: str) -> SignedIn | None:
    """The short write after a right password; None if the password was changed (or the account
    closed) since it was read, as that change wins."""
    new_hash = _hasher.hash(password) if _hasher.check_needs_rehash(user.password_hash) else user.password_hash
    now = _now()
    token, csrf = secrets.token_urlsafe(32), secrets.token_urlsafe(32)
    with unit_of_work(write=True) as s:
        unchanged = s.execute(
            update(StaffUser)
            .where(StaffUser.id == user.id, StaffUser.password_hash == user.password_hash, StaffUser.active.is_(True))
            .values(password_hash=new_hash, last_login_at=now)
        ).rowcount
        if not unchanged:
            return None
        s.add(
            StaffSession(
                token_hash=_digest(token),
                user_id=user.id,
                csrf_token=csrf,
                created_at=now,
                last_seen_at=now,
                expires_at=now + min(SESSION_IDLE, SESSION_LIFETIME),
            )
        )
        audit.record(s, user.email, "staff.sign_in", "staff_user", user.id)
    return SignedIn(token=token, csrf_token=csrf, staff=StaffMember.of(user))


def _verify(password_hash: str, password: str) -> bool:
    try:
        return _hasher.verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def session(token: str) -> SignedIn | None:
    """The signed-in person behind a cookie token, sliding the idle expiry up to the session's
    lifetime; None when unknown, idle too long or SESSION_LIFETIME after sign-in.

    A read: the console asks on every page and every few seconds while a conversation is open,
    and must not queue behind the bot's writes (SQLite takes its write lock at BEGIN). At most
    once a minute a short write slides the expiry."""
    if not token:
        return None
    now = _now()
    digest = _digest(token)
    with unit_of_work() as s:
        row = s.get(StaffSession, digest)
        if row is None or row.expires_at <= now or not row.user.active:
            return None
        end = row.created_at + SESSION_LIFETIME  # also for sessions from before there was a lifetime
        if end <= now:
            return None
        signed_in = SignedIn(token=token, csrf_token=row.csrf_token, staff=StaffMember.of(row.user))
        stale = now - row.last_seen_at > timedelta(minutes=1)
    if stale:
        with unit_of_work(write=True) as s:
            s.execute(
                update(StaffSession)
                .where(StaffSession.token_hash == digest)
                .values(last_seen_at=now, expires_at=min(now + SESSION_IDLE, end))
            )
    return signed_in


def sign_out(token: str) -> None:
    with unit_of_work(write=True) as s:
        s.execute(delete(StaffSession).where(StaffSession.token_hash == _digest(token)))


def set_password(email: str, password: str, *, actor: str = "cli") -> None:
    """A new password; every session of that person ends."""
    if len(password) < MIN_PASSWORD:
        raise StaffError(f"the password must have at least {MIN_PASSWORD} characters")
    email = _normal_email(email)
    password_hash = _hasher.hash(password)  # before the write: Argon2 never runs under the write lock
    with unit_of_work(write=True) as s:
        user = s.execute(select(StaffUser).where(StaffUser.email == email)).scalar_one_or_none()
        if user is None:
            raise StaffError(f"no account for {email}")
        s.execute(update(StaffUser).where(StaffUser.id == user.id).values(password_hash=password_hash))
        s.execute(delete(StaffSession).where(StaffSession.user_id == user.id))
        audit.record(s, actor, "staff.set_password", "staff_user", user.id)
