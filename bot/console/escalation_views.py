"""The escalation queue and one escalation: transcript, reply, assign, hand back, resolve."""

from __future__ import annotations

import asyncio

from sanic import response
from sanic.request import Request

from bot.console.auth import signed_in
from bot.console.pages import render, run
from bot.console.rasa_api import RasaApi, RasaUnavailable, reply_thread
from bot.recall import escalations
from bot.recall.errors import UnknownEscalation

MAX_REPLY = 1000  # characters: a few SMS segments; longer answers belong in a phone call
NOTICES = {
    "sent": "Reply sent to the owner.",
    "assigned": "Assigned to you.",
    "handed_back": "The assistant answers this owner again.",
    "resolved": "Resolved; the assistant answers this owner again.",
}
REASONS = {
    "requested_person": "Asked for a person",
    "warning_sign": "Safety: pedal, accident",
    "complaint": "Complaint or legal words",
    "not_understood": "Not understood twice",
    "question": "Question for the dealer",
    "disputed_record": "Disputes the record",
}


def _api(request: Request) -> RasaApi:
    return request.app.ctx.rasa


@signed_in
async def queue(request: Request):
    show = request.args.get("show", "active")
    status = {"resolved": "resolved"}.get(show)
    items = await run(escalations.list_escalations, request.ctx.me.scope, status=status, active=show == "active")
    return render(request, "queue.html", items=items, show=show, reasons=REASONS)


async def _escalation_or_404(request: Request, escalation_id: int):
    try:
        return await run(escalations.get, escalation_id, dealer_code=request.ctx.me.scope)
    except UnknownEscalation:
        return None


def _not_found(request: Request):
    return render(request, "not_found.html", status=404, what="escalation")


async def _threads(request: Request, esc) -> tuple[list, str | None]:
    """The messages of the escalated conversation (and, for a call, the caller's SMS thread), or a
    warning and the transcript stored with the escalation when Rasa cannot be reached."""
    ids = list(dict.fromkeys(c for c in (esc.conversation_id, reply_thread(esc.conversation_id, esc.channel)) if c))
    try:
        conversations = await asyncio.gather(*(_api(request).conversation(c) for c in ids))
    except RasaUnavailable:
        return [], "The live conversation cannot be loaded right now; showing the transcript saved at escalation."
    messages = sorted((m for c in conversations for m in c.messages), key=lambda m: m.at)
    return messages, None


async def _show(request: Request, escalation_id: int, error: str | None = None, draft: str = "", status: int = 200):
    esc = await _escalation_or_404(request, escalation_id)
    if esc is None:
        return _not_found(request)
    messages, warning = await _threads(request, esc)
    return render(request, "escalation.html", status=status, esc=esc, messages=messages, warning=warning,
                  error=error, draft=draft, reasons=REASONS, notice=NOTICES.get(request.args.get("done", "")),
                  can_reply=reply_thread(esc.conversation_id, esc.channel) is not None, max_reply=MAX_REPLY)


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
    if esc.status == "resolved":
        return await _show(request, escalation_id, draft=text, status=409,
                           error="This escalation is resolved and the assistant has the conversation again. "
                                 "Nothing was sent.")
    if not text:
        return await _show(request, escalation_id, error="Type a message first.", status=400)
    if len(text) > MAX_REPLY:
        return await _show(request, escalation_id, draft=text, status=400,
                                      error=f"Please keep a reply under {MAX_REPLY} characters, or call the owner.")
    me = request.ctx.me
    try:
        await _api(request).send_reply(esc.conversation_id, esc.channel, text, staff=me.name)
    except RasaUnavailable as exc:
        # The draft stays in the box: nothing typed is lost when the bot server is briefly away.
        return await _show(request, escalation_id, draft=text, status=502,
                                      error=f"Not sent: {exc}. Your text is still here; try again.")
    await run(escalations.record_reply, escalation_id, me.name, text, dealer_code=me.scope)
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
            return await _show(request, escalation_id, status=502,
                                          error=f"The assistant could not take the conversation back: {exc}. "
                                                "Nothing was changed; try again.")
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
