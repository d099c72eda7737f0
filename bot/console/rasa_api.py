"""The console's client for Rasa's HTTP API: read a conversation, send a staff reply, hand back.

Staff replies are `bot` events posted to the conversation's tracker with
`execute_side_effects=true` and the owner's channel as `output_channel`: Rasa records the text in
the transcript and sends it out through that channel (SMS through Twilio), so the transcript is
the one record of what the owner was told, by the bot or by a person.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from datetime import datetime, timezone
from urllib.parse import quote

import aiohttp

from bot import config
from bot.conversations import parse
from bot.messages import msg, render
from bot.recall.vocab import Channel

# Rasa input channel (as recorded on escalations) -> the output channel a staff reply goes out on.
OUTPUT_CHANNELS: dict[str, str] = {Channel.SMS: "twilio", Channel.VOICE: "twilio"}
BACK_WITH_BOT = msg("handoff.back_with_bot")  # texted to the owner when staff hand back


class RasaUnavailable(RuntimeError):
    """Rasa did not answer, or refused (wrong token): the console says so and loses nothing."""


@dataclass(frozen=True)
class Message:
    who: str  # "owner", "bot" or "staff"
    text: str
    at: datetime
    staff: str | None = None


@dataclass(frozen=True)
class Conversation:
    conversation_id: str
    paused: bool
    messages: list[Message]


def reply_thread(conversation_id: str, channel: str) -> str | None:
    """The conversation a staff reply goes into: the SMS thread for texts, and for a call the
    caller's SMS thread (a call cannot be spoken into later). None for web chat and for a caller
    whose number was withheld (no way to reach them)."""
    conversation = parse(conversation_id)
    if conversation.channel == Channel.SMS and channel == Channel.SMS:
        return conversation_id
    if conversation.channel == Channel.VOICE and channel == Channel.VOICE:
        return conversation.sms_thread
    return None


def _in_order(events: list[dict]) -> list[dict]:
    """Stamps events a microsecond apart, so they keep their order in the tracker store."""
    now = time.time()
    return [{**event, "timestamp": now + i / 1_000_000} for i, event in enumerate(events)]


class RasaApi:
    def __init__(self, base_url: str | None = None, token: str | None = None) -> None:
        self.base_url = (base_url or config.rasa_url()).rstrip("/")
        self.token = token or config.rasa_api_token()
        self._session: aiohttp.ClientSession | None = None

    async def close(self) -> None:
        if self._session is not None:
            await self._session.close()

    def _http(self) -> aiohttp.ClientSession:
        if self._session is None or self._session.closed:
            self._session = aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=15))
        return self._session

    async def _call(self, method: str, conversation_id: str, suffix: str, params: dict, body=None) -> dict:
        # Rasa (Sanic 21) does not percent-decode the id in the path: "%2B1214..." would name another,
        # empty conversation, so "+" and ":" (in "voice:+1...") travel as they are.
        url = f"{self.base_url}/conversations/{quote(conversation_id, safe='+:')}/{suffix}"
        try:
            async with self._http().request(method, url, params={**params, "token": self.token}, json=body) as resp:
                if resp.status >= 400:
                    raise RasaUnavailable(f"Rasa answered {resp.status} to {method} {suffix}")
                return await resp.json()
        except (aiohttp.ClientError, TimeoutError) as exc:
            raise RasaUnavailable(f"Rasa is not reachable at {self.base_url}: {exc}") from exc

    async def conversation(self, conversation_id: str) -> Conversation:
        tracker = await self._call("GET", conversation_id, "tracker", {"include_events": "ALL"})
        messages = []
        for e in tracker.get("events") or []:
            if e.get("event") not in ("user", "bot") or not e.get("text"):
                continue
            staff = (e.get("metadata") or {}).get("staff") if e["event"] == "bot" else None
            who = "owner" if e["event"] == "user" else ("staff" if staff else "bot")
            at = datetime.fromtimestamp(float(e.get("timestamp") or 0), tz=timezone.utc)
            messages.append(Message(who=who, text=e["text"], at=at, staff=staff))
        return Conversation(conversation_id, bool(tracker.get("paused")), messages)

    async def _events(self, conversation_id: str, events: list[dict], output_channel: str | None) -> None:
        params = {"execute_side_effects": "true"}
        if output_channel:
            params["output_channel"] = output_channel
        await self._call("POST", conversation_id, "tracker/events", params, events)

    async def _opening(self, conversation_id: str) -> list[dict]:
        """A conversation without messages yet (a caller's SMS thread) gets its session start from
        us: Rasa would otherwise add one stamped after our events, and then drop our events as
        belonging to no session (its tracker store reads events from the last session start on).
        Rasa's GET shows such a conversation with a session start it has not stored, so the test
        is "no message yet"; a second session start in an idle conversation is harmless."""
        tracker = await self._call("GET", conversation_id, "tracker", {})
        if any(e.get("event") in ("user", "bot") for e in tracker.get("events") or []):
            return []
        return [
            {"event": "action", "name": "action_session_start"},
            {"event": "session_started"},
            {"event": "action", "name": "action_listen"},
        ]

    async def send_reply(self, conversation_id: str, channel: str, text: str, staff: str) -> None:
        """Sends a staff message to the owner on their channel and keeps the conversation with staff."""
        thread = reply_thread(conversation_id, channel)
        if thread is None:
            raise RasaUnavailable("this owner chatted on the web and cannot be messaged; call them instead")
        events = [
            # Only a caller's SMS thread can be new; the escalated conversation has messages.
            *(await self._opening(thread) if thread != conversation_id else []),
            # Pausing again is harmless, and needed for a caller's SMS thread, which was never paused.
            {"event": "pause"},
            {"event": "bot", "text": text, "metadata": {"staff": staff}},
        ]
        await self._events(thread, _in_order(events), OUTPUT_CHANNELS[channel])

    async def hand_back(self, conversation_id: str, channel: str, staff: str) -> None:
        """The bot answers the owner again, and tells them so."""
        thread = reply_thread(conversation_id, channel)
        for conv in dict.fromkeys([conversation_id, thread]):  # a call's conversation and its SMS thread
            if conv is None:
                continue
            events: list[dict] = [{"event": "resume"}]
            if conv == thread:
                events.append({"event": "bot", "text": render(BACK_WITH_BOT), "metadata": {"handed_back_by": staff}})
            await self._events(conv, _in_order(events), OUTPUT_CHANNELS.get(channel) if conv == thread else None)
