"""`recallbot parts ...` as the parts desk meets it: status, order, receive, cancel; exit codes."""

from __future__ import annotations

import json

from bot.recall import scheduling
from tests.helpers import vins_with_status
from tests.integration.test_cli import cli_db, recallbot  # noqa: F401 - cli_db is a fixture


def test_status_of_every_dealer_one_line_each(cli_db):  # noqa: F811
    result = recallbot("parts", "status", url=cli_db)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert len(lines) == 10
    ga202 = next(line for line in lines if line.startswith("GA202"))
    assert ga202.split() == [
        "GA202",
        "2",
        "on",
        "hand",
        "0",
        "reserved",
        "2",
        "free",
        "1",
        "on",
        "order",
        "suggested",
        "order",
        "0",
    ]
    every = json.loads(recallbot("parts", "status", "--json", url=cli_db).stdout)
    assert [d["dealer_code"] for d in every][:2] == ["AZ601", "CA401"] and len(every) == 10


def test_order_for_the_bookings_then_receive(cli_db, monkeypatch):  # noqa: F811
    monkeypatch.setenv("RECALLBOT_DATABASE_URL", cli_db)
    for vin, slot in zip(vins_with_status("open")[:2], scheduling.free_slots("CA402", limit=2), strict=True):
        scheduling.book(vin, "CA402", slot.start, channel="sms")
    status = json.loads(recallbot("parts", "status", "--dealer", "ca402", "--json").stdout)
    assert {k: status[k] for k in ("on_hand", "reserved", "free", "on_order", "suggested_order", "open_orders")} == {
        "on_hand": 0,
        "reserved": 2,
        "free": -2,
        "on_order": 0,
        "suggested_order": 2,
        "open_orders": [],
    }
    text = recallbot("parts", "status", "--dealer", "CA402").stdout
    assert "0 on hand, 2 reserved, short 2, 0 on order" in text
    assert "Suggested order: 2 kits now" in text and "recallbot parts order --dealer CA402 --quantity 2" in text

    ordered = recallbot("parts", "order", "--dealer", "CA402", "--quantity", "2")
    assert ordered.returncode == 0, ordered.stderr
    assert ordered.stdout.startswith("Ordered 2 kits for CA402 (parts order #2), expected ")
    status = json.loads(recallbot("parts", "status", "--dealer", "CA402", "--json").stdout)
    assert (status["on_order"], status["suggested_order"]) == (2, 0)
    [line] = status["open_orders"]
    assert {k: line[k] for k in ("id", "quantity", "reason", "status", "created_by")} == {
        "id": 2,
        "quantity": 2,
        "reason": "appointments",
        "status": "ordered",
        "created_by": "cli",
    }

    received = recallbot("parts", "receive", "2", "--dealer", "CA402")
    assert received.returncode == 0
    assert "Received parts order #2 at CA402: 2 kits. Now 2 on hand, 2 reserved, 0 on order." in received.stdout
    again = recallbot("parts", "receive", "2", "--dealer", "CA402")
    assert again.returncode == 2 and "already received" in again.stderr and "Traceback" not in again.stderr
    status = json.loads(recallbot("parts", "status", "--dealer", "CA402", "--json").stdout)
    assert (status["on_hand"], status["on_order"], status["free"]) == (2, 0, 0)


def test_mistakes_exit_2_and_change_nothing(cli_db):  # noqa: F811
    for args, said in [
        (("order", "--dealer", "ZZ999", "--quantity", "1"), "No dealer ZZ999"),
        (("order", "--dealer", "WA801", "--quantity", "0"), "from 1 to 1000"),
        (("order", "--dealer", "WA801", "--quantity", "2", "--reason", "replenish"), "invalid choice"),
        (("receive", "1", "--dealer", "WA801"), "no parts order 1 at WA801"),  # GA202's line
        (("cancel", "99", "--dealer", "GA202"), "no parts order 99 at GA202"),
        (("status", "--dealer", "ZZ999"), "No dealer ZZ999"),
    ]:
        result = recallbot("parts", *args, url=cli_db)
        assert (result.returncode, said in result.stderr, "Traceback" in result.stderr) == (2, True, False), args
    status = json.loads(recallbot("parts", "status", "--json", url=cli_db).stdout)
    assert sum(d["on_order"] for d in status) == 1 and sum(d["on_hand"] for d in status) == 172

    cancelled = recallbot("parts", "cancel", "1", "--dealer", "GA202", url=cli_db)
    assert cancelled.returncode == 0 and "Cancelled parts order #1 at GA202 (1 kit)." in cancelled.stdout
    assert json.loads(recallbot("parts", "status", "--dealer", "GA202", "--json", url=cli_db).stdout)["on_order"] == 0
