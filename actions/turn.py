"""One bot turn as the flows see it: what the owner said, the conversation's memory, and what to send.

The flows are plain async functions taking a Turn, so one flow can hand over to another in the
same turn (a VIN given while booking goes straight on to the dealer's free times).
"""

from __future__ import annotations

from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.state import Awaiting, Pending
from bot import conversations
from bot.messages import DEFAULT_LANGUAGE, Msg, msg, render
from bot.recall.db import in_thread as db  # noqa: F401 - the flows' way to call the database
from bot.recall.vocab import Channel


class Keep:
    """`Turn.expect(..., pending=KEEP)`: the pending request stays as it is."""


KEEP = Keep()

# Rasa input channel name -> the channel recorded on appointments and escalations.
CHANNELS = {"twilio": Channel.SMS, "twilio_sms": Channel.SMS, "twilio_voice": Channel.VOICE}


class Turn:
    def __init__(self, dispatcher: CollectingDispatcher, tracker: Tracker):
        self.dispatcher = dispatcher
        self.tracker = tracker
        self._changed: dict[str, Any] = {}
        self._events: list[EventType] = []
        latest = tracker.latest_message or {}
        self.text: str = latest.get("text") or ""
        self.intent: str = (latest.get("intent") or {}).get("name") or ""
        self.confidence: float = float((latest.get("intent") or {}).get("confidence") or 0.0)
        self.entities: list[dict] = latest.get("entities") or []
        # The classifier's best reading when it fell back (too unsure, or two readings too close):
        # the first of its ranking that is not the fallback itself.
        ranked = [r for r in latest.get("intent_ranking") or [] if r.get("name") != "nlu_fallback"]
        self.best_guess: tuple[str, float] = (
            (ranked[0].get("name") or "", float(ranked[0].get("confidence") or 0.0)) if ranked else ("", 0.0)
        )

    # -- memory -------------------------------------------------------------------------------
    def get(self, slot: str, default: Any = None) -> Any:
        if slot in self._changed:
            value = self._changed[slot]
        else:
            value = self.tracker.get_slot(slot)
        return default if value is None else value

    def set(self, slot: str, value: Any) -> None:
        self._changed[slot] = value

    def add_events(self, *events: EventType) -> None:
        """Events other than slots for Rasa to apply after this turn (e.g. pausing the conversation)."""
        self._events.extend(events)

    def events(self) -> list[EventType]:
        # Only slots whose value really changed: fewer events to store and replay.
        return [SlotSet(k, v) for k, v in self._changed.items() if self.tracker.get_slot(k) != v] + self._events

    def expect(self, what: Awaiting | None, *, pending: Pending | None | Keep = KEEP, **context: Any) -> None:
        """Records what the bot's question expects (actions.state), so a bare "yes", "2" or ZIP reads
        right next turn; `pending` is what to carry on with once the vehicle or identity is known
        (left as it is unless given); `context` other slots the answer will need."""
        self.set("awaiting", what.value if what else None)
        if not isinstance(pending, Keep):
            self.set("pending", pending.value if pending else None)
        for key, value in context.items():
            self.set(key, value)

    @property
    def awaiting(self) -> Awaiting | None:
        """What the bot's last question expects (None: no question is open)."""
        return Awaiting.of(self.get("awaiting"))

    @property
    def pending(self) -> Pending | None:
        """What the owner asked for that waits on the vehicle or the identity check."""
        return Pending.of(self.get("pending"))

    # -- what the owner sent ------------------------------------------------------------------
    def entity(self, name: str) -> str | None:
        return next((e.get("value") for e in self.entities if e.get("entity") == name), None)

    @property
    def channel(self) -> Channel:
        return CHANNELS.get(self.tracker.get_latest_input_channel() or "", Channel.CHAT)

    @property
    def conversation_id(self) -> str:
        return self.tracker.sender_id

    @property
    def caller_phone(self) -> str | None:
        """The owner's phone number when the channel proves it, else None.

        Proof is an id only a signed Twilio channel makes (bot.conversations), received on that
        channel: an SMS thread "sms:+1...", or a call "voice:+1..." whose caller ID the carrier
        attested at level A (STIR/SHAKEN); a spoofable caller ID alone proves nothing. Web chat
        never carries a number, whatever its text or id says."""
        conversation = conversations.parse(self.tracker.sender_id)
        phone = conversation.phone
        if phone is None or self.channel != conversation.channel:
            return None
        if conversation.channel == Channel.SMS and conversation.value == conversations.sms(phone):
            return phone
        if conversation.channel == Channel.VOICE and conversation.value == conversations.voice(phone):
            return phone if self._message_metadata().get("stir_verstat") in conversations.ATTESTED else None
        return None

    def _message_metadata(self) -> dict[str, Any]:
        """What the channel recorded with the owner's latest message (never sent by the owner)."""
        for event in reversed(self.tracker.events or []):
            if event.get("event") == "user":
                return event.get("metadata") or {}
        return {}

    # -- replies ------------------------------------------------------------------------------
    @property
    def language(self) -> str:
        """The language the owner is answered in (one catalog per language, bot/locale)."""
        return DEFAULT_LANGUAGE

    def words(self, message: Msg) -> str:
        """`message` rendered for this conversation's channel and language."""
        return render(message, self.channel, self.language)

    def say(self, message: str | Msg, /, *more: Msg, **params: Any) -> None:
        """Sends one reply: the catalog message `message` with `params` (or a prepared Msg), and
        any further messages after it in the same reply, each rendered for the channel (its
        voice words on a call) and the owner's language."""
        first = msg(message, **params) if isinstance(message, str) else message
        self.dispatcher.utter_message(text=" ".join(self.words(m) for m in (first, *more)))
