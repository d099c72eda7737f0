"""How the safety and opt-out checks (bot.understand) score on a labelled set of owner texts.

    .venv/bin/python -m bench.detectors tests/dev/*.yml          # while developing (tune on these)
    .venv/bin/python -m bench.detectors tests/blind/*.yml        # the figures (never tune on these)

For each file: emergencies detected (of the texts whose `wants` has `emergency`), other texts
read as emergencies, opt-outs detected, other texts read as opt-outs; by language too. With
--misses it lists the texts each check got wrong (use it on development sets only: reading the
blind sets' misses and fixing them would make them development sets).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from bot.channels.sms_text import keyword
from bot.understand.emergency import is_emergency
from bot.understand.opt_out import wants_no_contact

PLACEHOLDERS = {"{VIN}": "JTJHA31U740000000", "{VIN_DONE}": "JTJHA31U740000001", "{VIN_OTHER}": "JTJHA31U740000002"}
# The sets are texts, so opt-outs are read as the SMS channel reads them: a carrier keyword alone
# (sms_text.keyword, "END", "CANCEL") or a wish in any words (bot.understand.opt_out).
CHECKS: dict[str, Callable[[str], bool]] = {
    "emergency": is_emergency,
    "opt_out": lambda text: keyword(text) == "stop" or wants_no_contact(text),
}


@dataclass
class Score:
    positives: int = 0
    found: int = 0
    negatives: int = 0
    false_alarms: int = 0
    missed: list[str] = field(default_factory=list)
    wrongly: list[str] = field(default_factory=list)

    @property
    def recall(self) -> float:
        return self.found / self.positives if self.positives else 1.0

    @property
    def false_rate(self) -> float:
        return self.false_alarms / self.negatives if self.negatives else 0.0


def texts(path: Path) -> list[dict]:
    items = yaml.safe_load(path.read_text())["texts"]
    for item in items:
        for placeholder, vin in PLACEHOLDERS.items():
            item["text"] = item["text"].replace(placeholder, vin)
    return items


def score(items: list[dict]) -> dict[str, dict[str, Score]]:
    """check -> bucket -> Score; buckets: "all", each language ("en", "es", "mixed"), and
    "near" (the texts written as near misses: only their false alarms count)."""
    scores: dict[str, dict[str, Score]] = {name: defaultdict(Score) for name in CHECKS}
    for item in items:
        language = item.get("lang") or "en"
        near = "near miss" in str(item.get("note") or "")
        for name, check in CHECKS.items():
            said = check(item["text"])
            for bucket in ("all", language, *(("near",) if near else ())):
                s = scores[name][bucket]
                if name in item["wants"]:
                    s.positives += 1
                    s.found += said
                    if not said and bucket == "all":
                        s.missed.append(item["text"])
                else:
                    s.negatives += 1
                    s.false_alarms += said
                    if said and bucket == "all":
                        s.wrongly.append(item["text"])
    return scores


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="+", type=Path)
    parser.add_argument("--misses", action="store_true", help="list the texts each check got wrong")
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    args = parser.parse_args()
    figures: dict[str, dict] = {}
    everything: list[dict] = []
    for path in args.files:
        items = texts(path)
        everything += items
        figures[path.stem] = _report(path.stem, score(items), args.misses)
    if len(args.files) > 1:
        figures["all"] = _report("all files", score(everything), False)
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2))
    return 0


def _report(title: str, scores: dict[str, dict[str, Score]], misses: bool) -> dict:
    print(f"== {title}")
    out: dict = {}
    for name, by_language in scores.items():
        for language, s in sorted(by_language.items()):
            print(
                f"  {name:9} {language:5}  detected {s.found:3}/{s.positives:<3} ({100 * s.recall:5.1f}%)"
                f"   false {s.false_alarms:3}/{s.negatives:<3} ({100 * s.false_rate:4.1f}%)"
            )
            out[f"{name}.{language}"] = {
                "detected": s.found,
                "positives": s.positives,
                "false": s.false_alarms,
                "negatives": s.negatives,
            }
        if misses:
            for text in by_language["all"].missed:
                print(f"    MISSED  {text}")
            for text in by_language["all"].wrongly:
                print(f"    WRONGLY {text}")
    return out


if __name__ == "__main__":
    sys.exit(main())
