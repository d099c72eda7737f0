"""Callers on a phone line: a Twilio Voice channel at /webhooks/twilio_voice/webhook.

Each webhook answers with TwiML: what the assistant says, inside a speech-and-keypad
<Gather> whose answer comes back to this webhook. Compared with Rasa's own `twilio_voice`:
- the same X-Twilio-Signature check as SMS (403, nothing processed);
- a greeting when the call rings, CallSid kept in the message metadata;
- speech hints for VIN letters, NATO words and digits, and keypad input ("press 1");
- silence gets a reprompt; after two silences in a row, an offer of a person, then goodbye;
- never an empty response: with nothing to say it still asks again;
- a transfer to a person is a <Dial> to the number the actions chose; custom payloads never crash;
- the Gather URL is relative, so it works behind any path prefix.
A call is its own conversation (bot.conversations: "voice:+1..." by caller ID, separate from
that number's SMS thread: a call is a live session with its own flow, read-backs and keypad).
Caller ID can be spoofed: only a caller ID the carrier attested at level A (Twilio's STIR/SHAKEN
verdict, `StirVerstat`, also kept in the message metadata) gets the per-number conversation and
stands for the owner (actions.turn.Turn.caller_phone). A withheld, invalid or unattested caller
ID gets a conversation of its own call ("voice:call:<CallSid>"), so two anonymous callers never
share one, and a spoofed call never sees what the owner's own calls learned.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from typing import Any

from rasa.core.channels.channel import CollectingOutputChannel, InputChannel, UserMessage
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse
from twilio.twiml.voice_response import Gather, VoiceResponse

from bot import conversations
from bot.channels import owner_text
from bot.channels.twilio_auth import form_params, refuse_unsigned
from bot.messages import Msg, msg
from bot.messages import render as render_message
from bot.recall.vocab import Channel

logger = logging.getLogger(__name__)

VOICE = "Polly.Joanna"
MAX_SILENCES = 2
# Words a caller says: VIN letters as spoken, the NATO alphabet, digits, answers, dealer words.
HINTS = ", ".join(
    [
        "VIN",
        "J T J",
        "2 T 2",
        "H A 3 1 U",
        "G K 3 1 U",
        "alpha",
        "bravo",
        "charlie",
        "delta",
        "echo",
        "foxtrot",
        "golf",
        "hotel",
        "juliet",
        "kilo",
        "lima",
        "mike",
        "november",
        "papa",
        "romeo",
        "sierra",
        "tango",
        "uniform",
        "victor",
        "whiskey",
        "x-ray",
        "yankee",
        "zulu",
        "zero",
        "oh",
        "double",
        "triple",
        "yes",
        "no",
        "book",
        "appointment",
        "person",
        "agent",
        "Lexus",
        "dealer",
    ]
)
GREETING_TEXT = "/greet"  # the greet intent, without asking NLU to guess what a ringing phone means
# What the channel itself says (the words are in the message catalog, bot/locale).
SILENT_AGAIN = msg("voice.silent_again")
OFFER_PERSON = msg("voice.still_silent")
NOBODY_ANSWERED = msg("voice.nobody_answered")
SAY_AGAIN = msg("voice.say_again")


def _said(message: Msg) -> str:
    return render_message(message, Channel.VOICE)


def _gather(twiml: VoiceResponse, texts: list[str], silences: int) -> None:
    gather = Gather(
        input="speech dtmf",
        action="webhook",
        method="POST",
        speech_timeout="auto",
        hints=HINTS,
        language="en-US",
        action_on_empty_result=False,
        num_digits=1,
        timeout=6,
    )
    for text in texts:
        gather.say(text, voice=VOICE)
    twiml.append(gather)
    # Reached only when the caller said nothing: come back with the silence counted.
    twiml.redirect(f"webhook?silence={silences + 1}", method="POST")


def render(messages: list[dict[str, Any]], silences: int = 0) -> str:
    """TwiML for what the assistant said this turn; never empty."""
    twiml = VoiceResponse()
    texts: list[str] = []
    for message in messages:
        custom = message.get("custom") if isinstance(message.get("custom"), dict) else {}
        if message.get("text"):
            texts.append(str(message["text"]))
        dial = custom.get("dial") if custom else None
        if dial:
            for text in texts:
                twiml.say(text, voice=VOICE)
            twiml.dial(str(dial), timeout=30)
            twiml.say(_said(NOBODY_ANSWERED), voice=VOICE)
            twiml.hangup()
            return str(twiml)
        if custom and custom.get("hangup"):
            for text in texts:
                twiml.say(text, voice=VOICE)
            twiml.hangup()
            return str(twiml)
        if not message.get("text") and not dial:
            logger.info("voice: ignored a payload without text: %s", sorted(message))
    _gather(twiml, texts or [_said(SAY_AGAIN)], silences)
    return str(twiml)


class TwilioVoiceInput(InputChannel):
    @classmethod
    def name(cls) -> str:
        return "twilio_voice"

    @classmethod
    def from_credentials(cls, credentials: dict[str, Any] | None) -> InputChannel:
        return cls()  # secrets come from the environment only

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        hook = Blueprint("twilio_voice_webhook", __name__)

        @hook.route("/", methods=["GET"])
        async def health(_: Request) -> HTTPResponse:
            return response.json({"status": "ok"})

        @hook.route("/webhook", methods=["POST"])
        async def call(request: Request) -> HTTPResponse:
            if refused := refuse_unsigned(request, "voice"):
                return refused
            form = form_params(request)
            call_sid = form.get("CallSid") or ""
            try:
                conversation_id = conversations.caller(form.get("From") or "", call_sid, form.get("StirVerstat"))
            except ValueError:
                return response.text("Bad request: CallSid is required", status=400)
            heard = (form.get("SpeechResult") or form.get("Digits") or "").strip()
            silences = int(request.args.get("silence", "0")) if request.args.get("silence", "0").isdigit() else 0
            if silences >= MAX_SILENCES:
                twiml = VoiceResponse()
                twiml.say(_said(OFFER_PERSON), voice=VOICE)
                twiml.hangup()
                return _xml(str(twiml))
            if not heard and silences:
                return _xml(render([{"text": _said(SILENT_AGAIN)}], silences))
            collector = CollectingOutputChannel()
            text = owner_text(heard) if heard else GREETING_TEXT
            await on_new_message(
                UserMessage(
                    text,
                    collector,
                    conversation_id,
                    input_channel=self.name(),
                    metadata={
                        "call_sid": call_sid,
                        "digits": form.get("Digits"),
                        "confidence": form.get("Confidence"),
                        "stir_verstat": form.get("StirVerstat") or None,
                    },
                )
            )
            return _xml(render(collector.messages))

        return hook


def _xml(twiml: str) -> HTTPResponse:
    return response.text(twiml, content_type="text/xml")
