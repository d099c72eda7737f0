"""The escalation queue and one escalation: transcript, reply, assign, hand back, resolve."""

from __future__ import annotations

import asyncio
from datetime import datetime, timezone

from sanic import response
from sanic.request import Request

from bot.console.auth import signed_in
from bot.console.pages import render, run
from bot.console.rasa_api import RasaApi, RasaUnavailable, reply_thread
from bot.conversations import parse
from bot.recall import escalations
from bot.recall.errors import EscalationClosed, UnknownEscalation
from bot.recall.vocab import Channel, EscalationReason, EscalationStatus

MAX_REPLY = 1000  # characters: a few SMS segments; longer answers belong in a phone call
NOTICES = {
    "sent": "Reply sent to the owner.",
    "assigned": "Assigned to you.",
    "handed_back": "The assistant answers this owner again.",
    "resolved": "Resolved; the assistant answers this owner again.",
}
# The queue, the escalation page and the reports show the vocabulary's label for every reason.
REASONS = EscalationReason.labels()


def _api(request: Request) -> RasaApi:
    return request.app.ctx.rasa


@signed_in
async def queue(request: Request):
    show = request.args.get("show", "active")
    status = {"resolved": EscalationStatus.RESOLVED}.get(show)
    items = await run(escalations.list_escalations, request.ctx.me.scope, status=status, active=show == "active")
    return render(request, "queue.html", items=items, show=show, reasons=REASONS)


async def _escalation_or_404(request: Request, escalation_id: int):
    try:
        return await run(escalations.get, escalation_id, dealer_code=request.ctx.me.scope)
    except UnknownEscalation:
        return None


def _not_found(request: Request):
    return render(request, "not_found.html", status=404, what="escalation")


def window(esc) -> tuple[datetime, datetime | None]:
    """What of the owner's conversation staff may read for this escalation: from the first message
    saved with it (the context they were handed) until it was handed back or resolved. Later
    messages, another dealer's replies and appointments among them, are not theirs to read."""
    saved = [float(m["timestamp"]) for m in esc.transcript if m.get("timestamp")]
    start = min([datetime.fromtimestamp(t, tz=timezone.utc) for t in saved] + [esc.created_at])
    ends = [t for t in (esc.handed_back_at, esc.resolved_at) if t is not None]
    return start, min(ends) if ends else None


def owner_label(esc) -> str:
    """Who the owner is, as far as the channel proves: a phone number, or what kind of stranger."""
    conversation = parse(esc.conversation_id)
    if conversation.phone:
        return conversation.phone
    if conversation.channel == Channel.VOICE:
        return "caller with a withheld number"
    return "web chat visitor"


async def _threads(request: Request, esc) -> tuple[list, str | None]:
    """The messages of the escalated conversation (and, for a call, the caller's SMS thread) inside
    the escalation's window, or a warning and the transcript stored with the escalation when Rasa
    cannot be reached."""
    ids = list(dict.fromkeys(c for c in (esc.conversation_id, reply_thread(esc.conversation_id, esc.channel)) if c))
    try:
        conversations = await asyncio.gather(*(_api(request).conversation(c) for c in ids))
    except RasaUnavailable:
        return [], "The live conversation cannot be loaded right now; showing the transcript saved at escalation."
    start, end = window(esc)
    messages = sorted(
        (m for c in conversations for m in c.messages if m.at >= start and (end is None or m.at <= end)),
        key=lambda m: m.at,
    )
    return messages, None


async def _show(request: Request, escalation_id: int, error: str | None = None, draft: str = "", status: int = 200):
    esc = await _escalation_or_404(request, escalation_id)
    if esc is None:
        return _not_found(request)
    messages, warning = await _threads(request, esc)
    return render(
        request,
        "escalation.html",
        status=status,
        esc=esc,
        messages=messages,
        warning=warning,
        error=error,
        draft=draft,
        reasons=REASONS,
        notice=NOTICES.get(request.args.get("done", "")),
        can_reply=reply_thread(esc.conversation_id, esc.channel) is not None,
        max_reply=MAX_REPLY,
        owner=owner_label(esc),
        closed=esc.status == EscalationStatus.RESOLVED or esc.handed_back_at is not None,
    )


@signed_in
async def page(request: Request, escalation_id: int):
    return await _show(request, escalation_id)


@signed_in
async def messages(request: Request, escalation_id: int):
    """The transcript alone, which the page re-fetches every few seconds to show new owner messages."""
    esc = await _escalation_or_404(request, escalation_id)
    if esc is None:
        return response.text("not found", status=404)
    msgs, warning = await _threads(request, esc)
    return render(request, "_messages.html", esc=esc, messages=msgs, warning=warning)


@signed_in
async def reply(request: Request, escalation_id: int):
    esc = await _escalation_or_404(request, escalation_id)
    if esc is None:
        return _not_found(request)
    text = " ".join((request.form.get("text") or "").split())
    try:
        esc = await run(escalations.open_for_reply, escalation_id, dealer_code=request.ctx.me.scope)
    except EscalationClosed:
        return await _show(
            request,
            escalation_id,
            draft=text,
            status=409,
            error="This conversation was handed back to the assistant, so it is no longer "
            "yours to write into. Nothing was sent.",
        )
    if not text:
        return await _show(request, escalation_id, error="Type a message first.", status=400)
    if len(text) > MAX_REPLY:
        return await _show(
            request,
            escalation_id,
            draft=text,
            status=400,
            error=f"Please keep a reply under {MAX_REPLY} characters, or call the owner.",
        )
    me = request.ctx.me
    try:
        await _api(request).send_reply(esc.conversation_id, esc.channel, text, staff=me.name)
    except RasaUnavailable as exc:
        # The draft stays in the box: nothing typed is lost when the bot server is briefly away.
        return await _show(
            request,
            escalation_id,
            draft=text,
            status=502,
            error=f"Not sent: {exc}. Your text is still here; try again.",
        )
    try:
        await run(escalations.record_reply, escalation_id, me.name, text, dealer_code=me.scope)
    except EscalationClosed:  # handed back while the text was on its way: it was sent, say so
        return await _show(
            request,
            escalation_id,
            status=409,
            error="Sent, but the conversation was handed back to the assistant meanwhile.",
        )
    return response.redirect(f"/escalations/{escalation_id}?done=sent", status=303)


async def _change(request: Request, escalation_id: int, change, done: str, back_to_bot: bool = False):
    esc = await _escalation_or_404(request, escalation_id)
    if esc is None:
        return _not_found(request)
    me = request.ctx.me
    if back_to_bot and esc.with_staff:
        try:
            await _api(request).hand_back(esc.conversation_id, esc.channel, staff=me.name)
        except RasaUnavailable as exc:
            return await _show(
                request,
                escalation_id,
                status=502,
                error=f"The assistant could not take the conversation back: {exc}. Nothing was changed; try again.",
            )
    await run(change, escalation_id, me.name, dealer_code=me.scope)
    return response.redirect(f"/escalations/{escalation_id}?done={done}", status=303)


@signed_in
async def assign(request: Request, escalation_id: int):
    return await _change(request, escalation_id, escalations.assign, "assigned")


@signed_in
async def hand_back(request: Request, escalation_id: int):
    return await _change(request, escalation_id, escalations.hand_back, "handed_back", back_to_bot=True)


@signed_in
async def resolve(request: Request, escalation_id: int):
    return await _change(request, escalation_id, escalations.resolve, "resolved", back_to_bot=True)
