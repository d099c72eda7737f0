"""The trained model on messages it never saw in training (tests/nlu/heldout.yml, written blind)."""

from __future__ import annotations

import asyncio
from pathlib import Path

from bot.nlp.report import score
from tests.servers import MODEL

HELDOUT = Path(__file__).with_name("heldout.yml")


def test_heldout_intent_accuracy_and_entity_f1(capsys):
    result = asyncio.run(score(MODEL, HELDOUT))
    with capsys.disabled():
        print(
            f"\nheld-out NLU: intent accuracy {result.accuracy:.1%} ({result.correct}/{result.total}), "
            f"entity F1 {result.entity_f1:.1%}"
        )
        for text, gold, predicted in result.misses:
            print(f"  missed {text!r}: expected {gold}, got {predicted}")
    assert result.total >= 300
    assert result.accuracy >= 0.97  # issue 13's bar
    assert result.entity_f1 >= 0.90
