"""Is this the owner? The answer to "the last name and ZIP code on the letter", checked and counted.

The answer must be short and exact: the owner's last name (or more of the name as it is on
file, up to the full name) and the ZIP code, nothing else but a few filler words ("my last
name is Lee, zip 75201"). A message that lists several names or ZIP codes fails: otherwise one
message stuffed with common surnames and a city's ZIP codes would pass for anyone.

Every answer is one unit of work: refused unless the limits allow it (bot.recall.quotas),
compared, recorded (the outcome only), and, on the mismatch that reaches the vehicle's limit,
the vehicle's details are locked against every conversation for a while. A locked vehicle
refuses even the right answer, so guessing gains nothing; the owner is offered a person.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import datetime, timezone

from sqlalchemy import select

from bot.recall import audit, quotas
from bot.recall.db import unit_of_work
from bot.recall.errors import UnknownVehicle
from bot.recall.models import IdentityCheck, Vehicle
from bot.recall.vocab import IdentityOutcome

# Words an owner may put around the name and the ZIP code. Apostrophes are dropped before
# comparing ("name's" is "names"), so none of these needs one.
FILLER = frozenset(
    "my the owner owners owner's last family surname name names is its it and zip zipcode postal code "
    "im i am on of letter here are ok okay sure yes thanks thank you please hi hello".replace("'", "").split()
)
# The longest answer worth reading: a full name, a ZIP+4 and the filler words around them.
MAX_CHARS = 120
TOKEN = re.compile(r"[^\W\d_]+")
DIGITS = re.compile(r"\d+")  # any digits, other scripts too: each one must be the ZIP
ZIP = re.compile(r"(?<![0-9])([0-9]{5})(?:-([0-9]{4}))?(?![0-9])")


@dataclass(frozen=True)
class IdentityResult:
    """outcome: "confirmed" (the conversation may see the vehicle's details), "mismatch",
    "refused" (a limit held: the answer was not even compared) or "no_details" (nothing on file
    to check against). locked: no further answer is taken for now, why: "vehicle",
    "conversation" or "phone" (also after the mismatch that reached a limit)."""

    outcome: str
    locked: bool = False
    why: str | None = None

    @property
    def confirmed(self) -> bool:
        return self.outcome == IdentityOutcome.CONFIRMED


def _normal(text: str) -> str:
    """Lower case, accents and apostrophes dropped: "O’Néil" is "oneil"."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    return re.sub(r"['’‘`]", "", text)


def _name_endings(owner_name: str) -> list[list[str]]:
    """The ends of the name on file as word lists, shortest first: "Ana Lopez-Garcia" gives
    [lopez, garcia] and [ana, lopez, garcia]. A hyphenated name stays whole ("Garcia" alone is
    not it), but may be typed with a space."""
    names = [TOKEN.findall(word) for word in _normal(owner_name).split()]
    names = [parts for parts in names if parts]
    return [[p for parts in names[first:] for p in parts] for first in reversed(range(len(names)))]


def matches(answer: str, owner_name: str, owner_zip: str) -> bool:
    """The answer is exactly: one ZIP code (ZIP+4 allowed) equal to the one on file, the end of
    the owner's name as on file (the last name, or more of the name up to all of it), and only
    filler words besides. Any other word or number fails it."""
    if len(answer) > MAX_CHARS or not owner_name or not owner_zip:
        return False
    zip_found = ZIP.findall(answer)
    digit_groups = DIGITS.findall(answer)
    # Exactly one number and it is the ZIP (a ZIP+4 is one ZIP written as two digit groups).
    if len(zip_found) != 1 or len(digit_groups) != (2 if zip_found[0][1] else 1) or zip_found[0][0] != owner_zip:
        return False
    words = TOKEN.findall(_normal(ZIP.sub(" ", answer)))
    for part in _name_endings(owner_name):
        for at in range(len(words) - len(part) + 1):
            rest = words[:at] + words[at + len(part) :]
            if words[at : at + len(part)] == part and all(w in FILLER for w in rest):
                return True
    return False


def _vehicle(s, vin: str, *, lock: bool) -> Vehicle:
    q = select(Vehicle).where(Vehicle.vin == vin)
    if lock:
        # Two answers for one vehicle at once are counted one after the other (PostgreSQL;
        # SQLite's BEGIN IMMEDIATE already serializes writers). OF: the owner join is outer.
        q = q.with_for_update(of=Vehicle)
    v = s.execute(q).unique().scalar_one_or_none()
    if v is None:
        raise UnknownVehicle(vin)
    return v


def check(vin: str, answer: str, conversation_id: str, *, now: datetime | None = None) -> IdentityResult:
    """Checks one answer for the vehicle from this conversation and counts it (see the module)."""
    now = now or datetime.now(timezone.utc)
    with unit_of_work(write=True) as s:
        v = _vehicle(s, vin, lock=True)
        row = IdentityCheck(
            at=now,
            vehicle_id=v.id,
            conversation_id=conversation_id,
            phone=quotas.phone_of(conversation_id),
            outcome=IdentityOutcome.REFUSED,
        )
        why = quotas.identity_refusal(s, v.id, conversation_id, now)
        if why:
            s.add(row)
            return IdentityResult(IdentityOutcome.REFUSED, locked=True, why=why)
        owner = v.owner
        if owner is None or not owner.name or not owner.zip:
            return IdentityResult("no_details")  # nothing guessed: not counted
        if matches(answer, owner.name, owner.zip):
            row.outcome = IdentityOutcome.CONFIRMED
            s.add(row)
            return IdentityResult(IdentityOutcome.CONFIRMED)
        row.outcome = IdentityOutcome.MISMATCH
        s.add(row)
        s.flush()
        limit = quotas.IDENTITY_MISMATCHES_PER_VEHICLE
        if quotas.vehicle_mismatches(s, v.id, now) >= limit.most:
            row.locks_until = now + quotas.IDENTITY_LOCK
            audit.record(
                s,
                "bot",
                "identity.lock",
                "vehicle",
                v.id,
                until=row.locks_until.isoformat(),
                conversation=conversation_id,
            )
            return IdentityResult(IdentityOutcome.MISMATCH, locked=True, why="vehicle")
        why = quotas.identity_refusal(s, v.id, conversation_id, now)  # this answer may have reached one
        return IdentityResult(IdentityOutcome.MISMATCH, locked=bool(why), why=why)


def refusal(vin: str, conversation_id: str, *, now: datetime | None = None) -> str | None:
    """Why no answer would be taken now for the vehicle from this conversation, or None: asked
    before the question, so an owner is not asked for details that would be refused anyway."""
    now = now or datetime.now(timezone.utc)
    with unit_of_work() as s:
        return quotas.identity_refusal(s, _vehicle(s, vin, lock=False).id, conversation_id, now)
