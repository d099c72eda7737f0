"""Web chat at /webhooks/rest/webhook: Rasa's REST channel, made safe to leave public.

Rasa's own `RestInput` takes the conversation id (`sender`), the channel name (`input_channel`)
and `metadata` from the request body. Since a conversation is found by its id alone, anyone could
post as "sms:+12145550100" and join that owner's text thread, with the phone number vouching for
them. This subclass keeps the REST request and response format, but:
- the conversation id is one the server issued (`web:<random>.<mac>`, bot.conversations), handed
  back in the `X-Conversation-Id` header (and by POST /webhooks/rest/session); a request without
  one, or with any id the server did not issue, starts a new conversation;
- the channel is always "rest" (recorded as "chat"), and client metadata is dropped, so a web
  chat never carries a phone number or a caller's attestation;
- the text is the owner's words: never a "/command" (bot.channels.owner_text), at most 2,000
  characters; odd bodies get a polite 400, never a crash;
- each address may send a few messages a minute (bot.throttle).
"""

from __future__ import annotations

import hashlib
import hmac
import logging
from asyncio import CancelledError
from collections.abc import Awaitable, Callable
from typing import Any

from rasa.core.channels.channel import CollectingOutputChannel, UserMessage
from rasa.core.channels.rest import RestInput
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from bot import config, conversations, throttle
from bot.channels import owner_text

logger = logging.getLogger(__name__)

MAX_TEXT = 2000
ID_HEADER = "X-Conversation-Id"


def _secret() -> str:
    """The key that signs web ids, derived from the Rasa API token (already a secret kept off the
    command line and shared by the replicas), so no new setting is needed."""
    return hmac.new(config.rasa_api_token().encode(), b"web-chat conversation ids", hashlib.sha256).hexdigest()


class WebChatInput(RestInput):
    @classmethod
    def name(cls) -> str:
        return "rest"

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        hook = Blueprint("web_chat_webhook", __name__)
        secret = _secret()

        @hook.route("/", methods=["GET"])
        async def health(_: Request) -> HTTPResponse:
            return response.json({"status": "ok"})

        @hook.route("/session", methods=["POST"])
        async def session(request: Request) -> HTTPResponse:
            if not throttle.allow(throttle.WEB_CHAT, "web-chat", throttle.client_address(request)):
                return throttle.too_many()
            conversation_id = conversations.new_web(secret)
            return response.json({"sender": conversation_id}, headers={ID_HEADER: conversation_id})

        @hook.route("/webhook", methods=["POST"])
        async def receive(request: Request) -> HTTPResponse:
            if not throttle.allow(throttle.WEB_CHAT, "web-chat", throttle.client_address(request)):
                return throttle.too_many()
            body = _json_body(request) or {}
            text = body.get("message")
            if not isinstance(text, str) or not text.strip():
                return response.json(
                    {"error": 'Send JSON like {"sender": "<id>", "message": "your text"}.'}, status=400
                )
            sender = body.get("sender")
            conversation_id = (
                sender
                if isinstance(sender, str) and conversations.is_issued_web(sender, secret)
                else conversations.new_web(secret)
            )
            collector = CollectingOutputChannel()
            try:
                await on_new_message(
                    UserMessage(
                        owner_text(text[:MAX_TEXT]),
                        collector,
                        conversation_id,
                        input_channel=self.name(),
                        metadata=None,
                    )
                )
            except CancelledError:
                logger.error("web chat message for %s timed out", conversation_id)
            return response.json(collector.messages, headers={ID_HEADER: conversation_id})

        return hook


def _json_body(request: Request) -> dict | None:
    """The JSON object sent, or None for anything else (bad JSON, a list, another content type)."""
    try:
        body = request.json
    except Exception:  # noqa: BLE001 - Sanic raises its own errors for malformed JSON
        return None
    return body if isinstance(body, dict) else None
