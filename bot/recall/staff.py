"""Console accounts and sign-in sessions for dealer staff.

Passwords are hashed with Argon2id (argon2-cffi, its recommended parameters) and re-hashed on
sign-in when those parameters change. Five wrong passwords in a row lock an account for 15
minutes, so a password cannot be guessed online. A session is a random token in an HttpOnly
cookie; the database keeps only its SHA-256, plus the CSRF token bound to it.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import delete, select, update

from bot.recall import audit
from bot.recall.db import unit_of_work
from bot.recall.errors import RecallError, UnknownDealer
from bot.recall.models import Dealer, StaffSession, StaffUser

MIN_PASSWORD = 12
MAX_FAILURES = 5
LOCKOUT = timedelta(minutes=15)
SESSION_IDLE = timedelta(hours=8)  # a working shift; signing in again after it is cheap
_hasher = PasswordHasher()
# Verified against when the e-mail is unknown, so a wrong address costs as long as a wrong password.
_DUMMY_HASH = _hasher.hash(secrets.token_urlsafe(16))


class StaffError(RecallError):
    pass


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
        return cls(id=u.id, email=u.email, name=u.name, dealer_code=u.dealer.code if u.dealer else None,
                   dealer_name=u.dealer.name if u.dealer else None, is_admin=u.is_admin)

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


def add(email: str, name: str, password: str, *, dealer_code: str | None = None, admin: bool = False,
        actor: str = "cli") -> StaffMember:
    """A new account: staff of `dealer_code`, or an admin of every dealer."""
    email = _normal_email(email)
    if len(password) < MIN_PASSWORD:
        raise StaffError(f"the password must have at least {MIN_PASSWORD} characters")
    if not admin and not dealer_code:
        raise StaffError("give the dealer code of this person (or make them an admin)")
    with unit_of_work(write=True) as s:
        dealer_id = None
        if dealer_code:
            dealer_id = s.execute(select(Dealer.id).where(Dealer.code == dealer_code.upper())).scalar_one_or_none()
            if dealer_id is None:
                raise UnknownDealer(dealer_code)
        if s.execute(select(StaffUser.id).where(StaffUser.email == email)).first():
            raise StaffError(f"an account for {email} already exists")
        user = StaffUser(email=email, name=name.strip() or email, dealer_id=dealer_id, is_admin=admin,
                         password_hash=_hasher.hash(password))
        s.add(user)
        s.flush()
        audit.record(s, actor, "staff.add", "staff_user", user.id, email=email, admin=admin, dealer=dealer_code)
        s.flush()
        s.refresh(user)
        return StaffMember.of(user)


def list_staff() -> list[StaffMember]:
    with unit_of_work() as s:
        return [StaffMember.of(u) for u in s.execute(select(StaffUser).order_by(StaffUser.email)).scalars()]


def sign_in(email: str, password: str) -> SignedIn | None:
    """A new session for the right password; None otherwise (the caller says only "wrong e-mail or
    password", so nobody learns which accounts exist or are locked)."""
    try:
        email = _normal_email(email)
    except StaffError:
        email = ""
    now = _now()
    with unit_of_work(write=True) as s:
        user = s.execute(select(StaffUser).where(StaffUser.email == email)).scalar_one_or_none()
        if user is None or not user.active:
            _verify(_DUMMY_HASH, password)
            return None
        if user.locked_until and user.locked_until > now:
            return None
        if not _verify(user.password_hash, password):
            user.failed_logins += 1
            if user.failed_logins >= MAX_FAILURES:
                user.locked_until = now + LOCKOUT
                user.failed_logins = 0
                audit.record(s, user.email, "staff.locked", "staff_user", user.id)
            return None
        if _hasher.check_needs_rehash(user.password_hash):
            user.password_hash = _hasher.hash(password)
        user.failed_logins = 0
        user.locked_until = None
        user.last_login_at = now
        token, csrf = secrets.token_urlsafe(32), secrets.token_urlsafe(32)
        s.add(StaffSession(token_hash=_digest(token), user_id=user.id, csrf_token=csrf, created_at=now,
                           last_seen_at=now, expires_at=now + SESSION_IDLE))
        audit.record(s, user.email, "staff.sign_in", "staff_user", user.id)
        return SignedIn(token=token, csrf_token=csrf, staff=StaffMember.of(user))


def _verify(password_hash: str, password: str) -> bool:
    try:
        return _hasher.verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def session(token: str) -> SignedIn | None:
    """The signed-in person behind a cookie token, sliding the idle expiry; None when unknown or expired.

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
        signed_in = SignedIn(token=token, csrf_token=row.csrf_token, staff=StaffMember.of(row.user))
        stale = now - row.last_seen_at > timedelta(minutes=1)
    if stale:
        with unit_of_work(write=True) as s:
            s.execute(update(StaffSession).where(StaffSession.token_hash == digest)
                      .values(last_seen_at=now, expires_at=now + SESSION_IDLE))
    return signed_in


def sign_out(token: str) -> None:
    with unit_of_work(write=True) as s:
        s.execute(delete(StaffSession).where(StaffSession.token_hash == _digest(token)))


def set_password(email: str, password: str, *, actor: str = "cli") -> None:
    """A new password; every session of that person ends."""
    if len(password) < MIN_PASSWORD:
        raise StaffError(f"the password must have at least {MIN_PASSWORD} characters")
    email = _normal_email(email)
    with unit_of_work(write=True) as s:
        user = s.execute(select(StaffUser).where(StaffUser.email == email)).scalar_one_or_none()
        if user is None:
            raise StaffError(f"no account for {email}")
        s.execute(update(StaffUser).where(StaffUser.id == user.id).values(
            password_hash=_hasher.hash(password), failed_logins=0, locked_until=None))
        s.execute(delete(StaffSession).where(StaffSession.user_id == user.id))
        audit.record(s, actor, "staff.set_password", "staff_user", user.id)
