"""Intent accuracy and entity F1 of the trained model on a held-out NLU set.

`make nlu-report` runs it on tests/nlu/heldout.yml, which is never trained on. Entities are
scored as exact (entity, text) pairs, with VINs compared after normalization (the owner may
type spaces or dashes; what matters is that the right VIN was found).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from bot.vin import normalize


@dataclass
class Score:
    total: int = 0
    correct: int = 0
    tp: int = 0
    fp: int = 0
    fn: int = 0
    misses: list[tuple[str, str, str]] = field(default_factory=list)
    confusions: Counter = field(default_factory=Counter)

    @property
    def accuracy(self) -> float:
        return self.correct / self.total if self.total else 0.0

    @property
    def entity_f1(self) -> float:
        precision = self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0
        recall = self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0
        return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def _pairs(entities) -> set[tuple[str, str]]:
    pairs = set()
    for e in entities:
        value = str(e.get("value", e.get("text", "")))
        if e["entity"] == "vin":
            value = normalize(value).vin
        pairs.add((e["entity"], value.lower()))
    return pairs


async def score(model: Path, data: Path) -> Score:
    from rasa.core.agent import Agent
    from rasa.shared.nlu.training_data.loading import load_data

    agent = Agent.load(str(model))
    result = Score()
    for example in load_data(str(data)).intent_examples:
        gold_intent = example.get("intent")
        gold = _pairs(
            [{**e, "value": example.get("text")[e["start"] : e["end"]]} for e in example.get("entities") or []]
        )
        parsed = await agent.parse_message(example.get("text"))
        predicted = parsed["intent"]["name"]
        found = _pairs(
            [
                {**e, "value": parsed["text"][e["start"] : e["end"]]}
                for e in parsed.get("entities", [])
                if e["entity"] in {g[0] for g in gold} | {"vin", "zip"}
            ]
        )
        result.total += 1
        if predicted == gold_intent:
            result.correct += 1
        else:
            result.misses.append((example.get("text"), gold_intent, predicted))
            result.confusions[(gold_intent, predicted)] += 1
        result.tp += len(gold & found)
        result.fp += len(found - gold)
        result.fn += len(gold - found)
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("data", type=Path)
    parser.add_argument("--model", type=Path, default=Path("models/recall.tar.gz"))
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    result = asyncio.run(score(args.model, args.data))
    if args.json:
        print(
            json.dumps(
                {
                    "examples": result.total,
                    "intent_accuracy": result.accuracy,
                    "entity_f1": result.entity_f1,
                    "misses": result.misses,
                }
            )
        )
        return 0
    for text, gold, predicted in result.misses:
        print(f"  missed: {text!r}: expected {gold}, got {predicted}")
    print(f"Held-out set {args.data}: {result.total} messages")
    print(f"intent accuracy: {result.accuracy:.1%} ({result.correct}/{result.total})")
    print(f"entity F1: {result.entity_f1:.1%} (tp {result.tp}, fp {result.fp}, fn {result.fn})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
