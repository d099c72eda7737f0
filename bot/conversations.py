"""Conversation ids: the one place that makes and reads them.

A conversation id (Rasa's `sender_id`) is namespaced by the channel that created it, so no
channel can name another channel's conversation:

    sms:+12145550100        an owner texting; the number comes from a signed Twilio request
    voice:+12145550100      a caller whose caller ID the carrier attested (STIR/SHAKEN level A)
    voice:call:CA0123...    any other caller (withheld, invalid or unattested caller ID): one
                            conversation per call, never shared
    web:<random>            web chat; the id is issued by the server and proves nothing about who
                            is typing

Only ids made by the Twilio channels carry a phone number (`actions.turn.Turn.caller_phone`
checks the id arrived on its own channel, and for calls the attestation of that message).
Before issue 11, SMS threads were stored under the bare number (`+12145550100`); `parse` still
reads those as SMS threads, and migration 0007 plus `bot.tracker_ids` rename them.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
from dataclasses import dataclass

from bot.phone import BadPhone, to_e164
from bot.recall.vocab import Channel

SMS_PREFIX = "sms:"
VOICE_PREFIX = "voice:"
CALL_PREFIX = "voice:call:"
WEB_PREFIX = "web:"

# Twilio's CallSid: "CA" and 32 hex digits.
CALL_SID = re.compile(r"CA[0-9a-fA-F]{32}")
E164 = re.compile(r"\+[1-9]\d{6,14}")
# Twilio's STIR/SHAKEN verdict (`StirVerstat`) when the carrier fully attests that the caller may
# use the number: the only caller ID that stands for the owner.
ATTESTED = frozenset({"TN-Validation-Passed-A"})
# What Twilio puts in From when the caller withheld their number ("Anonymous", "Restricted", and
# the placeholder numbers carriers use for it).
WITHHELD = {"+266696687", "+86282452253", "+8656696", "+2562533", "+7378742833", "+16378742833"}
# A web id: 22 random url-safe characters, a dot, and the first 16 hex digits of its HMAC.
WEB_ID = re.compile(r"web:([A-Za-z0-9_-]{22})\.([0-9a-f]{16})")


@dataclass(frozen=True)
class ConversationId:
    """What an id says: the channel recorded on appointments and escalations (bot.recall.vocab's
    Channel: sms, voice or chat), the phone number when a Twilio channel made it, and the CallSid
    of an anonymous call."""

    value: str
    channel: Channel
    phone: str | None = None
    call_sid: str | None = None

    @property
    def sms_thread(self) -> str | None:
        """The SMS conversation of the same phone number (where staff answer a caller), or None."""
        return sms(self.phone) if self.phone else None


def sms(phone: str) -> str:
    return f"{SMS_PREFIX}{to_e164(phone)}"


def voice(phone: str) -> str:
    return f"{VOICE_PREFIX}{to_e164(phone)}"


def anonymous_call(call_sid: str) -> str:
    if not CALL_SID.fullmatch(call_sid or ""):
        raise ValueError("not a Twilio CallSid")
    return f"{CALL_PREFIX}{call_sid}"


def caller(from_number: str, call_sid: str, stir_verstat: str | None) -> str:
    """A call's conversation: per caller ID when the carrier attested it at level A, else per call.

    A caller ID without that attestation can be anyone's, so its call must not share a
    conversation (and what an earlier call learned or verified) with the owner's own calls."""
    if stir_verstat in ATTESTED and (from_number or "").strip() not in WITHHELD:
        try:
            return voice(from_number)
        except BadPhone:
            pass
    return anonymous_call(call_sid)


def _web_mac(nonce: str, secret: str) -> str:
    return hmac.new(secret.encode(), nonce.encode(), hashlib.sha256).hexdigest()[:16]


def new_web(secret: str) -> str:
    """A fresh web-chat id. The HMAC makes it one the server issued: a client cannot pick its own."""
    nonce = secrets.token_urlsafe(16)[:22]
    return f"{WEB_PREFIX}{nonce}.{_web_mac(nonce, secret)}"


def is_issued_web(value: str, secret: str) -> bool:
    m = WEB_ID.fullmatch(value or "")
    return m is not None and hmac.compare_digest(m[2], _web_mac(m[1], secret))


def parse(value: str) -> ConversationId:
    """Reads any stored id. Unknown forms are web chat: they never carry a phone number."""
    value = value or ""
    if value.startswith(CALL_PREFIX):
        sid = value.removeprefix(CALL_PREFIX)
        return ConversationId(value, Channel.VOICE, call_sid=sid if CALL_SID.fullmatch(sid) else None)
    for prefix, channel in ((SMS_PREFIX, Channel.SMS), (VOICE_PREFIX, Channel.VOICE)):
        if value.startswith(prefix):
            number = value.removeprefix(prefix)
            return ConversationId(value, channel, phone=number if E164.fullmatch(number) else None)
    if E164.fullmatch(value):  # an SMS thread stored before conversation ids had a channel prefix
        return ConversationId(value, Channel.SMS, phone=value)
    return ConversationId(value, Channel.CHAT)


def threads_of_phone(phone: str) -> list[str]:
    """Every conversation of one number (its SMS thread and its calls by caller ID)."""
    return [sms(phone), voice(phone)]
