"""What the SMS channel keeps: which Twilio messages were taken in, and who opted out of texts.

An opt-out is recorded on the owner records that carry the phone number; a number that is on
no owner record gets a contact-only owner row, so its opt-out is remembered all the same.
"""

from __future__ import annotations

from sqlalchemy import delete, select, update
from sqlalchemy.exc import IntegrityError

from bot.recall import audit
from bot.recall.db import unit_of_work
from bot.recall.models import Owner, SmsInbound


def claim(message_sid: str, from_phone: str) -> bool:
    """True the first time a MessageSid is seen; False for Twilio's retries and replays."""
    try:
        with unit_of_work(write=True) as s:
            s.add(SmsInbound(message_sid=message_sid, from_phone=from_phone))
        return True
    except IntegrityError:
        return False


def release(message_sid: str) -> None:
    """Forget a message that could not be processed, so Twilio's retry is taken in again."""
    with unit_of_work(write=True) as s:
        s.execute(delete(SmsInbound).where(SmsInbound.message_sid == message_sid))


def set_opted_out(phone: str, opted_out: bool, *, actor: str = "sms") -> None:
    with unit_of_work(write=True) as s:
        changed = s.execute(update(Owner).where(Owner.phone == phone).values(opted_out=opted_out)).rowcount
        if not changed and opted_out:
            s.add(Owner(name="", phone=phone, opted_out=True, consent_to_text=False))
        audit.record(s, actor, "sms.opt_out" if opted_out else "sms.opt_in", "phone", phone)


def is_opted_out(phone: str) -> bool:
    with unit_of_work() as s:
        return bool(s.execute(select(Owner.id).where(Owner.phone == phone, Owner.opted_out.is_(True)).limit(1)).first())
