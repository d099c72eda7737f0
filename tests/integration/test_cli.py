"""The `recallbot` command as an operator meets it: its output, JSON shapes and exit codes."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import datetime

import pytest

from bot.recall import escalations, scheduling
from bot.vin import with_check_digit
from tests.helpers import vins_with_status


def recallbot(*args: str, url: str | None = None) -> subprocess.CompletedProcess:
    env = dict(os.environ)
    if url:
        env["RECALLBOT_DATABASE_URL"] = url
    return subprocess.run(
        [sys.executable, "-m", "bot.cli", *args], capture_output=True, text=True, env=env, timeout=120
    )


@pytest.fixture
def cli_db(tmp_path) -> str:
    url = f"sqlite:///{tmp_path / 'cli.db'}"
    assert recallbot("db", "init", url=url).returncode == 0
    seeded = recallbot("db", "seed", "--demo", url=url)
    assert seeded.returncode == 0, seeded.stderr
    assert "10 dealers, 320 vehicles (245 with BLC open, 55 remedied, 20 not affected)" in seeded.stdout
    return url


def test_vin_check_answers_for_a_vin_the_importer_just_loaded(cli_db, tmp_path):
    vin = with_check_digit("2T2HK31U_7C771204")
    before = json.loads(recallbot("vin", "check", vin, "--json", url=cli_db).stdout)
    assert before["recalls"] == []
    csv = tmp_path / "list.csv"
    csv.write_text(
        "vin,model,model_year,owner_name,phone,zip,dealer_code,status\n"
        f"{vin},RX 350,2007,Pat Doe,(214) 555-0177,75254,TX501,open\n"
    )
    imported = recallbot("db", "import-vins", str(csv), "--campaign", "BLC", url=cli_db)
    assert imported.returncode == 0, imported.stderr
    assert "1 added" in imported.stdout
    result = recallbot("vin", "check", vin.lower(), "--json", url=cli_db)
    assert result.returncode == 0
    data = json.loads(result.stdout)
    assert data == {
        "vin": vin,
        "valid": True,
        "errors": [],
        "notes": [],
        "model": "RX 350",
        "model_year": 2007,
        "assembly": "Canada",
        "recalls": [
            {
                "campaign": "BLC",
                "nhtsa_campaign": "11V112000",
                "status": "open",
                "remedied_at": None,
                "remedied_by": None,
            }
        ],
    }
    text = recallbot("vin", "check", vin, url=cli_db).stdout
    assert "2007 RX 350, built in Canada" in text and "OPEN" in text


def test_vin_check_remedied_invalid_and_unknown(cli_db):
    remedied = json.loads(recallbot("vin", "check", _remedied_vin(cli_db), "--json", url=cli_db).stdout)
    assert remedied["recalls"][0]["status"] == "remedied"
    assert remedied["recalls"][0]["remedied_by"].endswith("(demo)")
    bad = recallbot("vin", "check", "JTJHA31U74001234", "--json", url=cli_db)
    assert bad.returncode == 2
    data = json.loads(bad.stdout)
    assert data["valid"] is False and data["recalls"] == [] and data["model"] is None
    assert data["errors"] == ["A VIN has 17 characters; you sent 16."]
    typo = recallbot("vin", "check", "JTJHA31U-7400-1234-6", url=cli_db)
    assert typo.returncode == 2 and "check digit" in typo.stdout
    honda = json.loads(recallbot("vin", "check", "1HGCM82633A004352", "--json", url=cli_db).stdout)
    assert honda["valid"] is True and honda["model"] is None and honda["recalls"] == []


def _remedied_vin(url: str) -> str:
    os.environ["RECALLBOT_DATABASE_URL"] = url
    try:
        return vins_with_status("remedied")[0]
    finally:
        del os.environ["RECALLBOT_DATABASE_URL"]


def test_dealers_near_a_zip_nearest_first(cli_db):
    result = recallbot("dealers", "list", "--near", "75201", "--json", url=cli_db)
    assert result.returncode == 0
    dealers = json.loads(result.stdout)
    assert len(dealers) == 10
    assert dealers[0]["code"] == "TX501" and dealers[0]["distance_miles"] < 20
    assert [d["distance_miles"] for d in dealers] == sorted(d["distance_miles"] for d in dealers)
    assert {"code", "name", "zip", "timezone", "phone"} <= dealers[0].keys()
    assert "distance_miles" not in json.loads(recallbot("dealers", "list", "--json", url=cli_db).stdout)[0]
    nowhere = recallbot("dealers", "list", "--near", "00000", url=cli_db)
    assert nowhere.returncode == 2 and "ZIP" in nowhere.stderr


def test_appointment_and_escalation_listings(cli_db, monkeypatch):
    monkeypatch.setenv("RECALLBOT_DATABASE_URL", cli_db)
    vin = vins_with_status("open", "IL301")[0]
    slot = scheduling.free_slots("IL301")[0]
    scheduling.book(vin, "IL301", slot.start, channel="sms", conversation_id="+13125550100")
    escalations.create(
        "+13125550100", channel="sms", reason="pedal_sticks", priority="urgent", dealer_code="IL301", vin=vin
    )
    appts = json.loads(recallbot("appointments", "list", "--dealer", "IL301", "--json").stdout)
    assert len(appts) == 1
    assert {k: appts[0][k] for k in ("vin", "dealer_code", "status")} == {
        "vin": vin,
        "dealer_code": "IL301",
        "status": "booked",
    }
    start = datetime.fromisoformat(appts[0]["start"])
    assert start.utcoffset() is not None and start == slot.start
    assert json.loads(recallbot("appointments", "list", "--dealer", "TX501", "--json").stdout) == []
    escs = json.loads(recallbot("escalations", "list", "--json").stdout)
    assert [{k: e[k] for k in ("conversation_id", "dealer_code", "reason", "priority", "status")} for e in escs] == [
        {
            "conversation_id": "+13125550100",
            "dealer_code": "IL301",
            "reason": "pedal_sticks",
            "priority": "urgent",
            "status": "open",
        }
    ]
    assert isinstance(escs[0]["id"], int)


def test_bad_rows_exit_1_and_name_their_lines(cli_db, tmp_path):
    csv = tmp_path / "list.csv"
    csv.write_text(
        "vin,model,model_year,owner_name,phone,zip,dealer_code,status\n"
        f"{with_check_digit('JTJGA31U_50123456')},RX 330,2005,A B,,,,open\n"
        "NOTAVIN,RX 330,2005,C D,,,,open\n"
    )
    result = recallbot("db", "import-vins", str(csv), url=cli_db)
    assert result.returncode == 1
    assert f"{csv}:3: rejected: VIN 'NOTAVIN'" in result.stderr
    assert "1 added" in result.stdout and "1 rejected" in result.stdout


def test_an_unusable_database_gives_exit_3_and_a_plain_message(tmp_path):
    empty = recallbot("vin", "check", "1HGCM82633A004352", url=f"sqlite:///{tmp_path / 'empty.db'}")
    assert empty.returncode == 3
    assert "cannot be used" in empty.stderr and "recallbot db init" in empty.stderr
    assert "Traceback" not in empty.stderr
    down = recallbot("dealers", "list", url="postgresql+psycopg2://nobody@127.0.0.1:1/none")
    assert down.returncode == 3 and "Traceback" not in down.stderr
