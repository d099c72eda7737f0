"""The staff console over HTTP, as a browser without JavaScript meets it: sign-in, CSRF, per-dealer
scoping, the VIN check and remedy completion, appointments, and Rasa being briefly away."""

from __future__ import annotations

import csv
import io
import re
import threading
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select

from bot.recall import dealers, escalations, parts, reports, scheduling, seed, sms, staff
from bot.recall.db import dispose_engines, unit_of_work
from bot.recall.models import AuditEntry, Dealer, PartsStock
from bot.recall.sign_in_limits import PER_ADDRESS, PER_PAIR
from tests.console_client import ConsoleClient, ConsoleServer
from tests.helpers import vins_with_status

PASSWORD = "correct horse battery"


@pytest.fixture(scope="module")
def console(tmp_path_factory):
    var = tmp_path_factory.mktemp("console")
    url = f"sqlite:///{var / 'recall.db'}"
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("RECALLBOT_DATABASE_URL", url)
        from bot.recall import migrate

        migrate.upgrade(url)
        seed.seed_demo(affected=40, remedied=5, not_affected=3)
        staff.add("ann@tx501.example", "Ann Lee", PASSWORD, dealer_code="TX501")
        staff.add("bo@il301.example", "Bo Park", PASSWORD, dealer_code="IL301")
        staff.add("root@lexus.example", "Root Admin", PASSWORD, admin=True)
        server = ConsoleServer(var, url)
        # As behind the production proxy: tests sign in "from" addresses of their own (X-Forwarded-For),
        # so wrong passwords counted for one test's address never pause another test's sign-ins.
        server.env["RECALLBOT_TRUST_PROXY"] = "1"
        with server:
            yield server
        dispose_engines()


@pytest.fixture
def db(console, monkeypatch):
    monkeypatch.setenv("RECALLBOT_DATABASE_URL", console.env["RECALLBOT_DATABASE_URL"])


def signed_in(console, email="ann@tx501.example") -> ConsoleClient:
    client = ConsoleClient(console.url)
    assert client.login(email, PASSWORD) == 303
    return client


def from_address(console, address: str) -> ConsoleClient:
    """A browser at `address`, as the trusted proxy in front reports it."""
    client = ConsoleClient(console.url)
    client.opener.addheaders.append(("X-Forwarded-For", address))
    client.get("/login")
    return client


def sign_in_from(client: ConsoleClient, email: str, password: str):
    return client.post("/login", {"email": email, "password": password, "next": "/"})


def escalation(dealer: str, summary: str, priority: str = "normal"):
    return escalations.create(
        f"+1214555{len(summary):04d}",
        channel="sms",
        reason="requested_person",
        priority=priority,
        dealer_code=dealer,
        summary=summary,
        transcript=[{"event": "user", "text": summary, "timestamp": 0}],
    )


def test_every_page_needs_a_signed_in_person(console):
    client = ConsoleClient(console.url)
    for path in ("/", "/escalations/1", "/appointments", "/vin"):
        status, _, headers = client.get(path)
        assert status == 303 and headers["Location"].startswith("/login?next=")
    assert client.post("/escalations/1/assign", csrf=False)[0] == 401


def test_a_wrong_password_is_refused_politely_and_gives_no_session(console):
    client = ConsoleClient(console.url)
    client.get("/login")
    status, html, headers = client.post("/login", {"email": "ann@tx501.example", "password": "not it at all"})
    assert status == 401 and "Wrong e-mail or password" in html
    assert "recall_console=" not in headers.get("Set-Cookie", "")
    assert client.get("/")[0] == 303


def test_five_wrong_passwords_from_one_address_do_not_keep_the_owner_out(console):
    guesser = from_address(console, "198.51.100.7")
    for _ in range(PER_PAIR.amount):
        status, html, _ = sign_in_from(guesser, "bo@il301.example", "is it this one")
        assert status == 401 and "Wrong e-mail or password." in html and "locked" not in html
    status, html, headers = sign_in_from(guesser, "bo@il301.example", PASSWORD)  # even the right one, from there
    assert status == 429 and "sign-in is paused" in html and 0 < int(headers["Retry-After"]) <= 15 * 60
    assert "recall_console=" not in headers.get("Set-Cookie", "")
    owner = from_address(console, "198.51.100.8")
    assert sign_in_from(owner, "bo@il301.example", PASSWORD)[0] == 303
    assert owner.get("/")[0] == 200


def test_one_address_trying_many_emails_is_paused_with_the_same_words_for_any_email(console):
    sprayer = from_address(console, "198.51.100.20")
    for n in range(PER_ADDRESS.amount):
        assert sign_in_from(sprayer, f"staff{n}@tx501.example", "Summer2026!Summer")[0] == 401
    paused_known = sign_in_from(sprayer, "root@lexus.example", PASSWORD)
    paused_unknown = sign_in_from(sprayer, "nobody-here@lexus.example", PASSWORD)
    assert paused_known[0] == paused_unknown[0] == 429
    assert paused_known[1].replace("root@lexus.example", "E") == paused_unknown[1].replace(
        "nobody-here@lexus.example", "E"
    )
    assert sign_in_from(from_address(console, "198.51.100.21"), "root@lexus.example", PASSWORD)[0] == 303


def test_a_flood_of_bogus_sign_ins_does_not_stall_the_bots_writes(console, db):
    """Twenty strangers at once signing in with made-up e-mails, while the bot records incoming
    texts (`sms.claim`, a write) on the same SQLite database: each text is recorded at once."""

    def claim() -> float:
        started = time.perf_counter()
        assert sms.claim(f"SM{uuid.uuid4().hex}", "+12145550123")
        return time.perf_counter() - started

    quiet = [claim() for _ in range(10)]
    clients = [from_address(console, f"192.0.2.{n + 1}") for n in range(20)]
    go = threading.Barrier(len(clients))

    def bogus(n: int) -> int:
        go.wait()
        return sign_in_from(clients[n], f"intruder{n}@nowhere.example", "letmein letmein")[0]

    with ThreadPoolExecutor(len(clients)) as pool:
        started = time.perf_counter()
        flood = [pool.submit(bogus, n) for n in range(len(clients))]
        busy = []
        while not all(f.done() for f in flood):
            busy.append(claim())
            time.sleep(0.02)
        took = time.perf_counter() - started
    statuses = [f.result() for f in flood]
    print(
        f"\nbot writes during {len(clients)} concurrent bogus sign-ins ({took:.2f} s): "
        f"{len(busy)} claims, max {max(busy) * 1000:.0f} ms, median {sorted(busy)[len(busy) // 2] * 1000:.0f} ms "
        f"(quiet: max {max(quiet) * 1000:.0f} ms)"
    )
    assert statuses == [401] * len(clients)  # "wrong e-mail or password", never "briefly unavailable"
    assert len(busy) >= 3 and max(busy) < 0.25


def test_sign_in_without_the_form_token_is_refused(console):
    client = ConsoleClient(console.url)
    status, html, _ = client.post("/login", {"email": "ann@tx501.example", "password": PASSWORD}, csrf=False)
    assert status == 403 and "did not come from the console" in html


def test_the_session_cookie_is_httponly_and_pages_are_locked_down(console):
    client = ConsoleClient(console.url)
    client.get("/login")
    status, _, headers = client.post("/login", {"email": "ann@tx501.example", "password": PASSWORD})
    cookie = headers["Set-Cookie"].lower()
    assert status == 303 and "httponly" in cookie and "samesite=lax" in cookie
    assert "max-age=43200" in cookie  # as long as a session can last (12 hours): the server ends it
    _, _, headers = client.get("/")
    assert "frame-ancestors 'none'" in headers["Content-Security-Policy"]
    assert headers["Cache-Control"] == "no-store"


def test_after_sign_in_only_a_local_page_is_opened(console):
    client = ConsoleClient(console.url)
    client.get("/login")
    _, _, headers = client.post(
        "/login", {"email": "ann@tx501.example", "password": PASSWORD, "next": "//evil.example/phish"}
    )
    assert headers["Location"] == "/"


def test_staff_see_and_open_only_their_own_dealers_escalations(console, db):
    mine = escalation("TX501", "Please call me about the floor mat")
    theirs = escalation("IL301", "Chicago owner wants a person")
    ann = signed_in(console)
    _, queue, _ = ann.get("/")
    assert "Please call me about the floor mat" in queue and "Chicago owner" not in queue
    status, html, _ = ann.get(f"/escalations/{theirs.id}")
    assert status == 404 and "Chicago owner" not in html
    assert ann.get(f"/escalations/{theirs.id}/messages")[0] == 404
    assert ann.post(f"/escalations/{theirs.id}/assign")[0] == 404
    assert escalations.get(theirs.id).assigned_to is None
    assert ann.get(f"/escalations/{mine.id}")[0] == 200
    _, everything, _ = signed_in(console, "root@lexus.example").get("/?show=all")
    assert "floor mat" in everything and "Chicago owner" in everything


def test_urgent_escalations_come_first(console, db):
    escalation("TX501", "normal one, older")
    escalation("TX501", "pedal stuck right now", priority="urgent")
    _, queue, _ = signed_in(console).get("/")
    assert queue.index("pedal stuck right now") < queue.index("normal one, older")


def test_a_change_without_the_csrf_token_is_refused_and_changes_nothing(console, db):
    esc = escalation("TX501", "assign me please")
    ann = signed_in(console)
    assert ann.post(f"/escalations/{esc.id}/assign", csrf=False)[0] == 403
    assert ann.post(f"/escalations/{esc.id}/assign", {"csrf": "forged"})[0] == 403
    assert escalations.get(esc.id).status == "open"
    status, _, headers = ann.post(f"/escalations/{esc.id}/assign")
    assert status == 303 and headers["Location"].endswith("done=assigned")
    after = escalations.get(esc.id)
    assert after.status == "assigned" and after.assigned_to == "Ann Lee"


def test_when_rasa_is_away_the_saved_transcript_shows_and_a_reply_keeps_its_text(console, db):
    esc = escalation("TX501", "my pedal felt sticky yesterday")
    ann = signed_in(console)
    status, html, _ = ann.get(f"/escalations/{esc.id}")
    assert status == 200 and "cannot be loaded right now" in html and "my pedal felt sticky yesterday" in html
    status, html, _ = ann.post(f"/escalations/{esc.id}/reply", {"text": "We will call you at 3 PM today."})
    assert status == 502 and "Not sent" in html and "We will call you at 3 PM today." in html
    with unit_of_work() as s:
        replies = s.execute(select(AuditEntry).where(AuditEntry.action == "escalation.reply")).scalars().all()
    assert not [r for r in replies if r.entity_id == str(esc.id)]
    assert ann.post(f"/escalations/{esc.id}/reply", {"text": "   "})[0] == 400


def test_sign_out_ends_the_session(console):
    ann = signed_in(console)
    assert ann.get("/")[0] == 200
    assert ann.post("/logout")[0] == 303
    assert ann.get("/")[0] == 303


def _kits(code: str) -> tuple[int, int]:
    with unit_of_work() as s:
        row = s.execute(select(PartsStock.on_hand, PartsStock.reserved).join(Dealer).where(Dealer.code == code)).one()
    return row.on_hand, row.reserved


def test_vin_check_then_mark_the_remedy_completed_uses_a_kit(console, db):
    vin = vins_with_status("open")[0]
    ann = signed_in(console)
    _, html, _ = ann.get(f"/vin?vin={vin.lower()}")
    assert "Recall OPEN" in html
    before = _kits("TX501")
    status, html, _ = ann.post("/vin/complete", {"vin": vin})
    assert status == 400 and "Tick the box" in html
    status, _, headers = ann.post("/vin/complete", {"vin": vin, "confirm": "1"})
    assert status == 303
    on_hand, reserved = _kits("TX501")
    assert (on_hand, reserved) == (before[0] - 1, before[1])
    _, html, _ = ann.get(headers["Location"])
    assert "Remedy recorded as completed" in html and "Remedy already done" in html and "Preston Lexus" in html
    status, html, _ = ann.post("/vin/complete", {"vin": vin, "confirm": "1"})
    assert status == 409 and "already" in html.lower()


def test_a_vin_with_a_typo_is_explained(console):
    _, html, _ = signed_in(console).get("/vin?vin=JTJGA31U46270496")
    assert "A VIN has 17 characters; you sent 16." in html


def test_appointments_show_the_days_bookings_against_capacity(console, db):
    vin = vins_with_status("open")[1]
    slot = scheduling.free_slots("TX501", limit=1)[0]
    scheduling.book(vin, "TX501", slot.start, channel="sms")
    day = slot.start.astimezone(ZoneInfo(dealers.get("TX501").timezone)).date()
    booked = len(
        [
            a
            for a in scheduling.list_appointments("TX501", status="booked")
            if a.start.astimezone(ZoneInfo(a.dealer_timezone)).date() == day
        ]
    )
    _, html, _ = signed_in(console).get(f"/appointments?day={day.isoformat()}")
    assert vin in html and "Mark remedy completed" in html
    row = re.search(rf'day={day.isoformat()}">[^<]+</a></td>\s*<td>(\d+)</td>\s*<td>(\d+)</td>', html)
    assert row and int(row.group(1)) == booked and int(row.group(2)) > 0


def _open_lines(code: str) -> list:
    return parts.status(code).open_orders


def test_the_parts_page_orders_and_receives_kits(console, db):
    ann = signed_in(console)
    before = parts.status("TX501")
    _, html, _ = ann.get("/parts")
    assert f'<span class="n">{before.on_hand}</span> on hand' in html
    assert ann.post("/parts/order", {"quantity": "3"}, csrf=False)[0] == 403
    assert ann.post("/parts/order", {"quantity": "0"})[0] == 400
    assert ann.post("/parts/order", {"quantity": "lots"})[0] == 400
    status, _, headers = ann.post("/parts/order", {"quantity": "3", "dealer": "IL301"})  # her own dealer only
    assert status == 303 and "done=ordered" in headers["Location"]
    after = parts.status("TX501")
    assert after.on_order == before.on_order + 3 and parts.status("IL301").on_order == 0
    line = next(o for o in after.open_orders if o.quantity == 3 and o.reason == "manual")
    assert signed_in(console, "bo@il301.example").post(f"/parts/orders/{line.id}/receive")[0] == 409
    assert parts.status("TX501").on_hand == before.on_hand  # another dealer's staff changed nothing
    assert ann.post(f"/parts/orders/{line.id}/receive")[0] == 303
    received = parts.status("TX501")
    assert (received.on_hand, received.on_order) == (before.on_hand + 3, before.on_order)
    status, html, _ = ann.post(f"/parts/orders/{line.id}/receive")  # a second click
    assert status == 409 and parts.status("TX501").on_hand == before.on_hand + 3


def test_reports_show_staff_their_own_dealer_and_export_the_same_figures_as_csv(console, db):
    ann = signed_in(console)
    _, html, _ = ann.get("/reports?dealer=IL301")  # the dealer parameter is ignored for staff
    assert "Preston Lexus" in html and "Lakeshore Lexus" not in html
    status, text, headers = ann.get("/reports/dealers.csv")
    assert status == 200 and headers["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(text)))
    [mine] = reports.dealer_summary("TX501")
    assert rows == [{k: str(v) for k, v in asdict(mine).items()}]
    _, everything, _ = signed_in(console, "root@lexus.example").get("/reports/dealers.csv")
    assert {r["dealer"] for r in csv.DictReader(io.StringIO(everything))} == {d.code for d in dealers.list_dealers()}
    assert ann.get("/reports/secrets.csv")[0] == 404
    _, html, _ = ann.get("/capacity")
    assert f"<strong>{reports.demand_to_come('TX501')}</strong> open VINs" in html
