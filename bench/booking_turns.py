"""Owner turns from first text to a booking, through the real servers over signed SMS.

    .venv/bin/python -m bench.booking_turns tests/dev/*.yml --show   # while developing
    .venv/bin/python -m bench.booking_turns tests/blind/*.yml        # the figures (totals only)

For each labelled text that `wants` "book", a new phone number sends the text (placeholders filled
as bench.understanding fills them, the owner's vehicle being an open one of the seeded demo
database), then plays a cooperative owner: it answers what the bot asked (`answer`) until the
recall database holds a booked appointment for that vehicle (scheduling.booked_for_vin, not the
reply text) or MAX_TURNS owner texts were sent. A hand-off (an escalation recorded for the
conversation), an offer of a person, no reply or a reply asking nothing the owner can answer ends
the conversation as "not booked", counted by why.

It prints how many texts were booked, the median and 90th percentile (nearest rank) of owner
turns among those (the first text is turn 1), their distribution, and why the others were not.
--show prints every conversation: use it on development sets only.
"""

from __future__ import annotations

import argparse
import itertools
import json
import math
import os
import re
import statistics
import sys
import tempfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from bench.understanding import _settle, _texts, fill

MAX_TURNS = 8
MENU = re.compile(r"\b1\) |reply with a number from 1\b", re.I)
VIN_ASKED = (
    "17-character vin",
    "a vin has",
    "check digit",
    "send it again",
    "didn't find a vin",
    "placeholder rather than a real vin",
    "not on the safety recall",
    "was already done",
    "send another vin",
    "other vehicle's vin",
)
AREA_ASKED = ("which area", "zip code or city", "5-digit zip", "couldn't find that place")


@dataclass(frozen=True)
class Owner:
    """What the played owner knows: the vehicle, the name and ZIP on file, a dealer's ZIP."""

    vin: str
    last_name: str
    zip: str
    dealer_zip: str


@dataclass
class Played:
    source: str
    text: str
    turns: list[tuple[str, list[str]]] = field(default_factory=list)  # (owner's text, bot's replies)
    booked: bool = False
    why: str | None = None  # why not booked


def answer(said: str, owner: Owner) -> tuple[str | None, str]:
    """The cooperative owner's answer to one turn's replies: (text, what was asked), or (None, why
    the conversation ends here)."""
    low = said.lower()
    if not low.strip():
        return None, "no reply"
    if "unsubscribed" in low or "no more texts" in low:
        return None, "opted out"
    if "would you like a person" in low:
        return None, "offered a person"
    if MENU.search(said):
        return "1", "numbered choice"
    if "last name" in low:
        return f"{owner.last_name} {owner.zip}", "identity"
    confirm = re.search(r"is this about the .* ending in (\w+)\?", said, re.I)
    if confirm:
        return ("yes" if owner.vin.endswith(confirm.group(1).upper()) else "no"), "which vehicle"
    if any(p in low for p in VIN_ASKED):
        return owner.vin, "vin"
    if "(yes/no)" in low:
        return "yes", "yes/no"
    if any(p in low for p in AREA_ASKED):
        return owner.dealer_zip, "area"
    if "didn't catch that" in low:
        return None, "not understood (fallback)"
    if re.search(r"""say ["“]book["”]""", low):
        return None, 'told to say "book"'
    return None, "answered, asked nothing"


def nearest_rank(values: list[int], q: float) -> int:
    ordered = sorted(values)
    return ordered[max(0, math.ceil(q * len(ordered)) - 1)]


def figures(played: list[Played]) -> dict:
    turns = [len(p.turns) for p in played if p.booked]
    return {
        "texts": len(played),
        "booked": len(turns),
        "booked_pct": round(100 * len(turns) / len(played), 1) if played else 0.0,
        "median_turns": statistics.median(turns) if turns else None,
        "p90_turns": nearest_rank(turns, 0.9) if turns else None,
        "turns": {str(k): v for k, v in sorted(Counter(turns).items())},
        "not_booked": dict(Counter(p.why for p in played if not p.booked).most_common()),
    }


def _owner(vin: str) -> Owner:
    from bot.recall import dealers, vehicles

    record = vehicles.lookup(vin)
    assert record and record.owner_name and record.owner_zip, f"no owner on file for {vin}"
    code = next((r.last_servicing_dealer for r in record.recalls if r.last_servicing_dealer), None)
    dealer_zip = dealers.get(code).zip if code else dealers.list_dealers()[0].zip
    return Owner(vin, record.owner_name.split()[-1], record.owner_zip, dealer_zip)


def play(srv, recorder, phone: str, source: str, body: str, owner: Owner) -> Played:
    from bot.recall import escalations, scheduling
    from tests.sms_client import text

    played = Played(source, body)
    said = body
    while True:
        seen = len(recorder.to(phone))
        text(srv, phone, said)
        replies = _settle(recorder, phone)[seen:]
        played.turns.append((said, replies))
        if scheduling.booked_for_vin(owner.vin):
            played.booked = True
            return played
        handed = [e for e in escalations.list_escalations() if e.conversation_id == f"sms:{phone}"]
        if handed:
            played.why = f"hand-off: {handed[-1].reason}"
            return played
        if len(played.turns) >= MAX_TURNS:
            played.why = f"{MAX_TURNS} turns, not booked"
            return played
        reply, asked = answer(" ".join(replies), owner)
        if reply is None:
            played.why = asked
            return played
        said = reply


def run(paths: list[Path], limit: int | None) -> list[Played]:
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    from tests.helpers import unlisted_vins, vins_with_status
    from tests.servers import seeded
    from tests.sms_client import twilio_env
    from tests.twilio_recorder import Recorder

    items = [(source, item) for source, item in _texts(paths) if "book" in item["wants"]][:limit]
    played: list[Played] = []
    while len(played) < len(items):
        # A vehicle is booked once: a freshly seeded database for each batch of texts (the demo has
        # 300 open vehicles).
        with Recorder() as recorder, tempfile.TemporaryDirectory() as var:
            srv = seeded(Path(var), twilio_env(recorder))
            try:
                os.environ["RECALLBOT_DATABASE_URL"] = srv.env["RECALLBOT_DATABASE_URL"]
                open_vins = vins_with_status("open")
                pools = {
                    "{VIN}": iter(open_vins),
                    "{VIN_DONE}": itertools.cycle(vins_with_status("remedied")),
                    "{VIN_OTHER}": itertools.cycle(unlisted_vins()),
                }
                start = len(played)
                batch = len(open_vins) // 2  # a text may name two vehicles, and one without a VIN takes one
                for n, (source, item) in enumerate(items[start : start + batch], start):
                    body, _, first = fill(item["text"], pools)
                    given = first.get("{VIN}")
                    owner = _owner(given or next(pools["{VIN}"]))
                    played.append(play(srv, recorder, f"+1646556{n:04d}", source, body, owner))
            finally:
                srv.stop()
    return played


def _show(p: Played) -> None:
    print(f"== {p.source}: {'booked in ' + str(len(p.turns)) if p.booked else 'NOT booked (' + str(p.why) + ')'}")
    for said, replies in p.turns:
        print(f"  owner: {said}")
        for r in replies:
            print("    bot: " + r.replace("\n", "\n         "))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="+", type=Path)
    parser.add_argument("--show", action="store_true", help="print each conversation (development sets only)")
    parser.add_argument("--limit", type=int, help="only the first N booking texts (a quick look)")
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    args = parser.parse_args()
    played = run(args.files, args.limit)
    if args.show:
        for p in played:
            _show(p)
    f = figures(played)
    print(f"texts wanting a booking: {f['texts']}")
    print(f"booked: {f['booked']} ({f['booked_pct']}%)")
    print(f"owner turns to a booking: median {f['median_turns']}, p90 {f['p90_turns']}")
    print("distribution: " + ", ".join(f"{k} turns: {v}" for k, v in f["turns"].items()))
    print("not booked:")
    for why, n in f["not_booked"].items():
        print(f"  {n:4}  {why}")
    if args.json:
        args.json.write_text(json.dumps(f, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
