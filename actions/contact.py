"""An owner who wants no more texts or calls, in any words, on a call or in a chat.

On SMS the channel records it before the bot sees the message (as it does STOP). Here the
number is the one the channel proves (Turn.caller_phone: an SMS thread, or a call whose caller
ID the carrier attested); web chat proves no number, so nothing can be recorded for one, and the
owner is told how to stop texts themselves.
"""

from __future__ import annotations

from actions.turn import Turn, db
from bot.channels import opt_out_reply
from bot.messages import msg
from bot.recall import sms


async def opt_out(turn: Turn) -> None:
    phone = turn.caller_phone
    if phone is None:
        turn.say("opt_out.no_number")
    else:
        if not await db(sms.is_opted_out, phone):
            await db(sms.set_opted_out, phone, True, actor=f"{turn.channel}:words")
        turn.say(*await db(opt_out_reply.preface, turn.text, phone), msg("opt_out.recorded"))
    turn.expect(None, pending=None)
