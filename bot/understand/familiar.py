"""How much of a message is in words the assistant was ever shown (its training texts).

The intent classifier is a linear model on word and character n-gram counts: on made-up words
("wibble wobble frmp") it can still be sure of an intent, because a few of their n-grams are
common in one intent's examples. A message whose words are mostly ones no training text uses is
read as not understood, whatever the classifier's confidence (actions.actions._route).
"""

from __future__ import annotations

import functools
import re

from bot.understand import learned
from bot.understand.text import plain

_WORD = re.compile(r"[a-z]+")
FAMILIAR = 0.34  # below this share of known words a message is not understood


@functools.cache
def vocabulary() -> frozenset[str]:
    return frozenset(word for text in learned.training_texts() for word in _WORD.findall(text))


def share_known(text: str) -> float:
    """The share of the message's words (letters only) found in the training texts; 1.0 without words."""
    words = _WORD.findall(plain(text))
    if not words:
        return 1.0
    known = vocabulary()
    return sum(w in known for w in words) / len(words)
