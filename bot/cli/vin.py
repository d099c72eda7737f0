"""`recallbot vin check VIN`: validate, decode and look up a VIN, as text or JSON."""

from __future__ import annotations

import argparse
from typing import Any

from bot.cli.common import INVALID_INPUT, OK, add_command, add_group, print_json
from bot.messages import render
from bot.recall import vehicles
from bot.recall.vocab import CampaignStatus
from bot.vin import decode, validate


def cmd_vin_check(args: argparse.Namespace) -> int:
    checked = validate(args.vin)
    facts = decode(checked.vin) if checked.valid else None
    record = vehicles.lookup(checked.vin) if checked.valid else None
    result = {
        "vin": checked.vin,
        "valid": checked.valid,
        "errors": [render(error) for error in checked.errors],
        "notes": [render(note) for note in checked.notes],
        "model": (record.model if record and record.model else facts.model if facts else None),
        "model_year": (record.model_year if record and record.model_year else facts.model_year if facts else None),
        "assembly": (
            record.assembly_country if record and record.assembly_country else facts.assembly if facts else None
        ),
        "recalls": [
            {
                "campaign": r.campaign,
                "nhtsa_campaign": r.nhtsa_campaign,
                "status": r.status,
                "remedied_at": r.remedied_at.isoformat() if r.remedied_at else None,
                "remedied_by": r.remedied_by,
            }
            for r in (record.recalls if record else ())
        ],
    }
    if args.json:
        print_json(result)
    else:
        _print_vin(result)
    return OK if checked.valid else INVALID_INPUT


def _print_vin(result: dict) -> None:
    for note in result["notes"]:
        print(f"Note: {note}")
    if not result["valid"]:
        print(f"{result['vin'] or '(empty)'}: not a valid VIN. " + " ".join(result["errors"]))
        return
    described = " ".join(str(x) for x in (result["model_year"], result["model"]) if x) or "vehicle"
    built = f", built in {result['assembly']}" if result["assembly"] else ""
    print(f"{result['vin']}: {described}{built}.")
    if not result["recalls"]:
        print("Not on any recall list in this database.")
    for r in result["recalls"]:
        state = "OPEN: the remedy has not been done yet" if r["status"] == CampaignStatus.OPEN else "remedied"
        if r["status"] == CampaignStatus.REMEDIED and r["remedied_at"]:
            state += f" on {r['remedied_at'][:10]}" + (f" by {r['remedied_by']}" if r["remedied_by"] else "")
        print(f"{r['campaign']} (NHTSA {r['nhtsa_campaign']}): {state}.")


def register(sub: Any) -> None:
    vin = add_group(sub, "vin", "VIN checks")
    c = add_command(vin, "check", cmd_vin_check, "validate a VIN, decode it and look up its recalls")
    c.add_argument("vin")
    c.add_argument("--json", action="store_true")
