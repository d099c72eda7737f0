"""End-to-end right answers on labelled owner texts, through the real servers over signed SMS.

    .venv/bin/python -m bench.understanding tests/dev/*.yml --misses   # while developing
    .venv/bin/python -m bench.understanding tests/blind/*.yml          # the figures (never tune on these)

Each text is the first message from a new phone number (as the sets were written), sent to the
Twilio SMS webhook signed with Twilio's RequestValidator; the replies are what the real `twilio`
client sent to a recording server on 127.0.0.1, and the recall database says what was recorded.
A placeholder VIN is replaced by a real one of the seeded demo database ({VIN}: open, {VIN_DONE}:
remedied, {VIN_OTHER}: not on the list), the vehicle chosen by the text (`stable_pools`: the same in every run).

A text is answered right when every label of its `wants` is met (`JUDGES`: what an owner would
see, or what the database holds). With --misses it lists what each wrong answer lacked (use it on
development sets only: reading the blind sets' misses would make them development sets).
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import re
import sys
import tempfile
import time
import zlib
from collections import Counter, defaultdict
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import yaml

Judge = Callable[["Answer"], bool]


@dataclass
class Answer:
    text: str
    replies: list[str]
    opted_out: bool
    escalations: list  # EscalationInfo of this number's conversation
    vin_kind: str | None  # which placeholder the text carried

    @property
    def said(self) -> str:
        return " ".join(self.replies)

    def has(self, *phrases: str) -> bool:
        said = self.said.lower()
        return any(p.lower() in said for p in phrases)


def _asks_vin(a: Answer) -> bool:
    """The bot asked for the VIN (to go on with the request): not merely a reply that names it, such as
    the fallback's "I can check your VIN..." or "the VIN ending 123456"."""
    return a.has("17-character VIN", "send your VIN", "other vehicle's VIN", "send it again", "Is this about the")


def _escalated(a: Answer, priority: str | None = None) -> bool:
    return any(priority is None or e.priority == priority for e in a.escalations)


def _vin_answer(a: Answer) -> bool:
    """What the record of the vehicle says (the dispute check words it as "Our records still show ... open")."""
    return a.has(
        "has Safety Recall BLC open", "was already done", "is not on the Safety Recall", "still show Safety Recall"
    )


JUDGES: dict[str, Judge] = {
    "emergency": lambda a: a.has("call 911") and _escalated(a, "urgent"),
    "opt_out": lambda a: a.opted_out,
    "check_vehicle": lambda a: _vin_answer(a) if a.vin_kind else (_asks_vin(a) or _vin_answer(a)),
    "explain_recall": lambda a: a.has("floor carpet", "carpet cover", "retention clip", "accelerator pedal"),
    # In an emergency the urgent hand-off is the way to the dealer: staff have the conversation from then on.
    "book": lambda a: (
        bool(re.search(r"\b1\) ", a.said))
        or a.has("Which area", "Option 1")
        or _asks_vin(a)
        or _escalated(a, "urgent")
        # the owner's check before a VIN whose record holds another number is booked (issue 12)
        or a.has("last name and the ZIP code")
    ),
    "find_dealer": lambda a: a.has("nearest Lexus dealer", "Which area", "ZIP code or city") or _asks_vin(a),
    "reschedule": lambda a: a.has("no appointment booked", "current appointment", "last name") or _asks_vin(a),
    "cancel_appointment": lambda a: (
        a.has("no appointment booked", "Cancel your appointment", "last name") or _asks_vin(a)
    ),
    "appointment_details": lambda a: a.has("no appointment booked", "Your appointment", "last name") or _asks_vin(a),
    "cost": lambda a: a.has("free"),
    "duration": lambda a: a.has("How long", "minutes", "takes about"),
    "what_to_bring": lambda a: a.has("What to bring", "bring"),
    "person": lambda a: _escalated(a) or a.has("call ", "dealer's phone"),
    "complaint": lambda a: _escalated(a) or a.has("sorry"),
    # How to stop texts: moot for an owner whose message itself opted out.
    "who_is_this": lambda a: (
        a.has("Lexus") and a.has("customer line", "1-800", "(800)", "800-") and (a.has("STOP") or a.opted_out)
    ),
    "not_my_car": lambda a: a.has("no longer own", "Thanks for telling us", "no longer yours"),
    # Checked against the record, or the VIN asked for to check it (an opted-out number can be asked
    # nothing more: then where the record can be checked).
    "already_done": lambda a: (
        a.has("Our records", "was already done", "still show")
        or _vin_answer(a)
        or _asks_vin(a)
        or (a.opted_out and a.has("check the record"))
    ),
    "other_service": lambda a: _escalated(a) or a.has("dealer's service team", "your dealer", "your Lexus dealer"),
    "greet": lambda a: a.has("Hi", "Hello", "recall assistant"),
    "thanks": lambda a: a.has("welcome"),
    "goodbye": lambda a: a.has("Goodbye", "bye", "welcome"),
    "out_of_scope": lambda a: a.has("only help with", "Safety Recall BLC"),
}


def _texts(paths: list[Path]) -> list[tuple[str, dict]]:
    out = []
    for path in paths:
        out += [(path.stem, item) for item in yaml.safe_load(path.read_text())["texts"]]
    return out


def fill(body: str, pools: dict) -> tuple[str, str | None, dict[str, str]]:
    """The text with each placeholder replaced by the next VIN of its pool; the kind of the first
    placeholder (None without one); and the first VIN put in for each placeholder."""
    kind: str | None = None
    first: dict[str, str] = {}
    for placeholder, pool in pools.items():
        while placeholder in body:
            kind = kind or placeholder
            vin = next(pool)
            first.setdefault(placeholder, vin)
            body = body.replace(placeholder, vin, 1)
    return body, kind, first


def stable_pools(key: str, kinds: dict[str, list[str]]) -> dict:
    """The VINs a text's placeholders take, chosen by the text itself (a checksum of its set and
    words), not by its place in the run: adding or removing a set leaves every other text with the
    vehicle it had, so two runs differ only by what changed in the bot."""
    start = zlib.crc32(key.encode())
    return {p: itertools.islice(itertools.cycle(vins), start % len(vins), None) for p, vins in kinds.items()}


def run(paths: list[Path], limit: int | None, workers: int = 6) -> list[tuple[str, dict, Answer]]:
    """Each text from its own new number; `workers` numbers text at once (as owners do), so a set of
    a thousand texts takes minutes, not a quarter of an hour."""
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    from bot.recall import escalations, sms
    from tests.helpers import unlisted_vins, vins_with_status
    from tests.servers import seeded
    from tests.sms_client import text, twilio_env
    from tests.twilio_recorder import Recorder

    items = _texts(paths)[:limit]
    with Recorder() as recorder, tempfile.TemporaryDirectory() as var:
        srv = seeded(Path(var), twilio_env(recorder))
        try:
            os.environ["RECALLBOT_DATABASE_URL"] = srv.db_url
            kinds = {  # the demo has 300 open, 55 remedied, 20 other
                "{VIN}": vins_with_status("open"),
                "{VIN_DONE}": vins_with_status("remedied"),
                "{VIN_OTHER}": unlisted_vins(),
            }
            sent = [
                (f"+1646555{n:04d}", *fill(item["text"], stable_pools(f"{source}:{item['text']}", kinds))[:2])
                for n, (source, item) in enumerate(items)
            ]

            def exchange(phone: str, body: str) -> list[str]:
                text(srv, phone, body)
                return _settle(recorder, phone)

            with ThreadPoolExecutor(max_workers=workers) as pool:
                replies = list(pool.map(lambda s: exchange(s[0], s[1]), sent))
            handed = escalations.list_escalations()
            results = []
            for (source, item), (phone, body, kind), said in zip(items, sent, replies, strict=True):
                answer = Answer(
                    text=body,
                    replies=said,
                    opted_out=sms.is_opted_out(phone),
                    escalations=[e for e in handed if e.conversation_id == f"sms:{phone}"],
                    vin_kind=kind,
                )
                results.append((source, item, answer))
        finally:
            srv.stop()
    return results


def _settle(recorder, phone: str, quiet: float = 0.3, most: float = 5.0) -> list[str]:
    """The replies to one text: SMS replies are sent before the webhook answers, so a short quiet
    spell is enough (a dealer alert goes to another number)."""
    end = time.monotonic() + most
    seen = -1
    while time.monotonic() < end:
        now = len(recorder.to(phone))
        if now == seen:
            break
        seen = now
        time.sleep(quiet)
    return list(recorder.to(phone))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="+", type=Path)
    parser.add_argument("--misses", action="store_true", help="list the wrong answers (development sets only)")
    parser.add_argument("--limit", type=int, help="only the first N texts (a quick look)")
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    args = parser.parse_args()
    results = run(args.files, args.limit)
    by_source: dict[str, Counter] = defaultdict(Counter)
    by_label: dict[str, Counter] = defaultdict(Counter)
    by_language: dict[str, Counter] = defaultdict(Counter)
    for source, item, answer in results:
        failed = [label for label in item["wants"] if label in JUDGES and not JUDGES[label](answer)]
        right = not failed
        for bucket, key in ((by_source, source), (by_language, item.get("lang") or "en"), (by_source, "all")):
            bucket[key]["total"] += 1
            bucket[key]["right"] += right
        for label in item["wants"]:
            by_label[label]["total"] += 1
            by_label[label]["right"] += label not in failed
        if args.misses and failed:
            print(f"MISSED {failed}: {answer.text!r}\n    -> {answer.said[:300]!r}")
    figures = {}
    for title, bucket in (("set", by_source), ("language", by_language), ("label", by_label)):
        print(f"== right answers by {title}")
        for key, c in sorted(bucket.items()):
            print(f"  {key:24} {c['right']:4}/{c['total']:<4} ({100 * c['right'] / c['total']:5.1f}%)")
            figures[f"{title}.{key}"] = dict(c)
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
