"""Builds the spaCy pipeline Rasa loads: blank English plus an entity ruler that marks VINs.

No English model is on the package registry and nothing may be downloaded at run time, so the
pipeline is built here and saved to bot/nlp/pipeline (git-ignored; `make` rebuilds it). It has
no word vectors; config.yml adds CountVectors features for DIET.

The ruler marks VIN-shaped spans, including VINs typed in groups ("jtj ha31u 7 40012345") or
with dashes. It proposes; bot.vin decides (check digit, the specific error to tell the owner).
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any, cast

import spacy

PIPELINE_DIR = Path(__file__).resolve().parent / "pipeline"

# One token of 17 VIN characters (letters I/O/Q included: bot.vin explains those typos), with
# at least one digit so a 17-letter word is never taken for a VIN.
WHOLE = r"^(?=[^\d]*\d)[A-Za-z0-9]{17}$"
DASHED = r"^(?=[^\d]*\d)(?:[A-Za-z0-9][-.]?){16}[A-Za-z0-9]$"
# Groups typed with spaces ("jtj ha31u 7 40012345"): the first starts with the affected RX
# makers' codes (JTJ, 2T2) and the rest carry a digit, so "after 3" or "my 2005" never match.
HEAD = r"^(?:[Jj][Tt][Jj]|2[Tt]2)[A-Za-z0-9]{0,13}$"
GROUP = r"^(?=[^\d]*\d)[A-Za-z0-9]{1,16}$"


def patterns() -> list[dict]:
    return [
        {"label": "vin", "pattern": [{"TEXT": {"REGEX": WHOLE}}]},
        {"label": "vin", "pattern": [{"TEXT": {"REGEX": DASHED}}]},
        {"label": "vin", "pattern": [{"TEXT": {"REGEX": HEAD}}, {"TEXT": {"REGEX": GROUP}, "OP": "+"}]},
    ]


def build(target: Path = PIPELINE_DIR) -> Path:
    nlp = spacy.blank("en")
    # Keep "HA31U-740012345" one token: split no hyphen between letters and digits.
    # (spaCy's annotations allow patterns and callables here; the English defaults are strings.)
    infixes = [p for p in cast(list[str], nlp.Defaults.infixes) if "-" not in p]
    tokenizer: Any = nlp.tokenizer
    tokenizer.infix_finditer = spacy.util.compile_infix_regex(infixes).finditer
    ruler: Any = nlp.add_pipe("entity_ruler", config={"validate": True})
    ruler.add_patterns(patterns())
    target.mkdir(parents=True, exist_ok=True)
    nlp.to_disk(target)
    return target


if __name__ == "__main__":
    out = build(Path(sys.argv[1]) if len(sys.argv) > 1 else PIPELINE_DIR)
    print(f"spaCy pipeline written to {out}")
