"""Owners texting: a hardened Twilio SMS channel at /webhooks/twilio/webhook.

Compared with Rasa's own `twilio` channel (same name and path, so Twilio set-up from Rasa's docs
still applies), this one:
- answers 403 and processes nothing unless X-Twilio-Signature is valid (bot.channels.twilio_auth);
- takes each MessageSid once, persisted in the recall database, so Twilio's retries and replays
  never produce a second reply or a second booking, also across a restart;
- handles STOP/START/HELP itself (bot.channels.sms_text) and sends nothing to a number that
  opted out;
- answers an empty message or a picture politely, and never crashes on odd input;
- sends replies in order, split under 1,600 characters at sentence ends, through the async
  `twilio` client, retried only when Twilio cannot have taken the text (bot.channels.twilio_rest).
The conversation id is "sms:" and the owner's number in E.164 (bot.conversations): only this
channel makes such ids, and only from a signed request, so the number in it is proven.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from typing import Any

from rasa.core.channels.channel import InputChannel, OutputChannel, UserMessage
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse
from twilio.twiml.messaging_response import MessagingResponse

from bot import conversations
from bot.channels import opt_out_reply, owner_text, sms_text
from bot.channels.twilio_auth import form_params, refuse_unsigned
from bot.channels.twilio_rest import TwilioSender
from bot.messages import Msg, msg, render
from bot.phone import BadPhone, to_e164
from bot.recall import campaigns, contacts, escalations, sms
from bot.recall.vocab import SERVED, Channel
from bot.understand import learned
from bot.understand.emergency import is_emergency
from bot.understand.not_owner import not_owner
from bot.understand.opt_out import wants_no_contact

logger = logging.getLogger(__name__)

# What the channel itself answers (the words are in the message catalog, bot/locale).
EMPTY = msg("sms.empty")
MEDIA = msg("sms.media")
STOPPED = msg("sms.stopped")
STOPPED_NOT_OWNER = msg("sms.stopped_not_owner")
STARTED = msg("sms.started", code=SERVED)


def with_staff(dealer_name: str | None) -> Msg:
    team = msg("sms.team_at_dealer", dealer=dealer_name) if dealer_name else msg("sms.team_of_lexus")
    return msg("sms.with_staff", team=team)


def help_text() -> Msg:
    facts = campaigns.facts(SERVED)
    return msg("sms.help", code=facts.code, customer_line=facts.customer_line)


def twiml() -> HTTPResponse:
    """An empty TwiML answer: replies travel through the REST API, in order, after the turn."""
    return response.text(str(MessagingResponse()), content_type="text/xml")


class TwilioSmsOutput(OutputChannel):
    def __init__(self, sender: TwilioSender) -> None:
        self.sender = sender
        self.sent = 0  # texts this turn: none means Rasa stayed silent (a conversation with staff)

    @classmethod
    def name(cls) -> str:
        return "twilio"

    async def send_text_message(self, recipient_id: str, text: str, **kwargs: Any) -> None:
        """`recipient_id` is the conversation id (Rasa passes the tracker's); only an SMS thread
        names a number to text, so nothing else is ever sent to a phone."""
        conversation = conversations.parse(recipient_id)
        phone = conversation.phone if conversation.channel == Channel.SMS else None
        if phone is None:
            logger.warning("not texting conversation %s: it is not an SMS thread", recipient_id)
            return
        if await asyncio.to_thread(sms.is_opted_out, phone):
            logger.info("not texting %s: the number opted out", phone)
            return
        for part in sms_text.split(text):
            await self.sender.send(phone, part)
            self.sent += 1

    async def send_image_url(self, recipient_id: str, image: str, **kwargs: Any) -> None:
        await self.send_text_message(recipient_id, image)

    async def send_custom_json(self, recipient_id: str, json_message: dict[str, Any], **kwargs: Any) -> None:
        text = json_message.get("text") or json_message.get("body")
        if text:
            await self.send_text_message(recipient_id, str(text))
        else:
            logger.warning("custom payload without text not sent over SMS: %s", sorted(json_message))


class TwilioSmsInput(InputChannel):
    def __init__(self) -> None:
        self.sender = TwilioSender()
        learned.warm_up()  # the opt-out check reads every text: trained before the first one

    @classmethod
    def name(cls) -> str:
        return "twilio"

    @classmethod
    def from_credentials(cls, credentials: dict[str, Any] | None) -> InputChannel:
        return cls()  # secrets come from the environment only, never from credentials.yml

    def get_output_channel(self) -> OutputChannel:
        return TwilioSmsOutput(self.sender)

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        hook = Blueprint("twilio_sms_webhook", __name__)

        @hook.route("/", methods=["GET"])
        async def health(_: Request) -> HTTPResponse:
            return response.json({"status": "ok"})

        @hook.route("/webhook", methods=["POST"])
        async def message(request: Request) -> HTTPResponse:
            if refused := refuse_unsigned(request, "SMS"):
                return refused
            form = form_params(request)
            sid = form.get("MessageSid") or form.get("SmsSid")
            try:
                phone = to_e164(form.get("From") or "")
            except BadPhone:
                phone = None
            if not sid or not phone:
                return response.text("Bad request: MessageSid and From are required", status=400)
            if not await asyncio.to_thread(sms.claim, sid, phone):
                logger.info("SMS %s from %s already taken in: Twilio retry or replay ignored", sid, phone)
                return twiml()
            try:
                await self._handle(form, sid, phone, on_new_message)
            except Exception:
                # Forget the SID so Twilio's retry of this message is processed, not dropped.
                await asyncio.to_thread(sms.release, sid)
                logger.exception("SMS %s from %s failed", sid, phone)
                return response.text("Internal error", status=500)
            return twiml()

        return hook

    async def _handle(self, form, sid: str, phone: str, on_new_message) -> None:
        body = (form.get("Body") or "").strip()[: sms_text.MAX_SMS]
        media = int(form.get("NumMedia") or 0) if str(form.get("NumMedia") or "0").isdigit() else 0
        output = self.get_output_channel()
        thread = conversations.sms(phone)
        word = sms_text.keyword(body)
        opted_out = await asyncio.to_thread(sms.is_opted_out, phone)
        if word == "stop":
            await asyncio.to_thread(sms.set_opted_out, phone, True)
            await self.sender.send(phone, render(STOPPED))  # the one confirmation carriers allow
            return
        if word == "start" or (word == "yes" and opted_out):
            await asyncio.to_thread(sms.set_opted_out, phone, False)
            await output.send_text_message(thread, render(STARTED))
            return
        if word == "help":  # answered even after STOP, as carriers require
            await self.sender.send(phone, render(await asyncio.to_thread(help_text)))
            return
        if body and wants_no_contact(body) and not is_emergency(body):
            # "Please stop texting me" in any words is STOP (consent is revoked by any reasonable
            # means); confirmed once: a number already opted out gets no further text. A safety
            # report goes on to the bot even when it also says "stop": the urgent hand-off comes first.
            if not opted_out:
                await asyncio.to_thread(sms.set_opted_out, phone, True, actor="sms:words")
                reason = not_owner(body)  # "sold it years ago, take me off your list": noted too
                if reason is not None:
                    await asyncio.to_thread(contacts.report_not_owner, phone, reason, channel=Channel.SMS)
                # The one text carriers allow answers the rest of the message too ("who is this?",
                # "already fixed", an apology to an annoyed owner), then confirms.
                parts = await asyncio.to_thread(opt_out_reply.preface, body, phone)
                confirm = " ".join(render(m) for m in [*parts, STOPPED_NOT_OWNER if reason else STOPPED])
                await self.sender.send(phone, confirm)
            return
        if media:
            await output.send_text_message(thread, render(MEDIA))
            if not body:
                return
        if not body:
            await output.send_text_message(thread, render(EMPTY))
            return
        await on_new_message(
            UserMessage(
                owner_text(body),
                output,
                thread,
                input_channel=self.name(),
                metadata={"message_sid": sid, "num_media": media},
            )
        )
        if output.sent == 0:
            await self._tell_owner_staff_have_it(phone, thread, output)

    @staticmethod
    async def _tell_owner_staff_have_it(phone: str, thread: str, output: TwilioSmsOutput) -> None:
        """Rasa answered nothing: the conversation is with dealer staff (paused). Until staff reply,
        the owner hears now and then that the message arrived, instead of silence."""
        waiting = await asyncio.to_thread(escalations.acknowledge_waiting, conversations.threads_of_phone(phone))
        if waiting is not None:
            await output.send_text_message(thread, render(with_staff(waiting.dealer_name)))
