"""Dealer staff work an escalation in a real browser (Playwright driving Debian's Chromium), against
the real servers: an owner texting through the signed SMS webhook asks for a person, staff sign in,
read the conversation, reply (the owner receives it through the SMS channel's recording server),
see the owner's answer arrive, resolve, and the assistant answers the owner again.

Screenshots are written to var/screenshots/ (named console-*.png) for the closing note and for
anyone checking what staff see.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import select

from bot.recall import dealers, escalations, vehicles
from bot.recall.db import unit_of_work
from bot.recall.models import Dealer, PartsStock, Vehicle, VehicleCampaign
from tests.conftest import require_service
from tests.helpers import listening_addresses, vins_with_status
from tests.servers import ROOT, seeded
from tests.sms_client import text, twilio_env

CHROMIUM = "/usr/bin/chromium"
SHOTS = ROOT / "var" / "screenshots"
PASSWORD = "correct horse battery"
STAFF = {"ann@tx501.example": ("Ann Lee", "TX501"), "bo@il301.example": ("Bo Park", "IL301")}


@pytest.fixture(scope="module")
def browser():
    try:
        from playwright.sync_api import sync_playwright
    except ImportError as exc:  # the lock has it: a broken install fails under CI, never skips
        require_service("Playwright", f"{exc}; `make install` installs it")
    if not Path(CHROMIUM).exists():
        require_service("Chromium", f"{CHROMIUM} is missing; `make browser` installs Debian's chromium")
    with sync_playwright() as p:
        b = p.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--no-first-run",
                "--disable-sync",
            ],
        )
        yield b
        b.close()


@pytest.fixture(scope="module")
def bot(tmp_path_factory, recorder):
    srv = seeded(tmp_path_factory.mktemp("browser"), twilio_env(recorder))
    for email, (name, dealer) in STAFF.items():
        done = subprocess.run(
            [
                sys.executable,
                "-m",
                "bot.cli",
                "staff",
                "add",
                email,
                "--name",
                name,
                "--dealer",
                dealer,
                "--password-stdin",
            ],
            input=PASSWORD + "\n",
            cwd=ROOT,
            env=srv.env,
            capture_output=True,
            text=True,
        )
        assert done.returncode == 0, done.stderr
    SHOTS.mkdir(parents=True, exist_ok=True)
    yield srv
    srv.stop()


@pytest.fixture
def db(bot, monkeypatch):
    monkeypatch.setenv("RECALLBOT_DATABASE_URL", bot.db_url)
    return bot


def sign_in(browser, bot, email: str):
    page = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    page.goto(f"{bot.console_url}/")
    assert "/login" in page.url  # the queue needs a signed-in person
    page.fill("input[name=email]", email)
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"{bot.console_url}/")
    return page


def shot(page, name: str) -> None:
    page.screenshot(path=str(SHOTS / f"console-{name}.png"), full_page=True)


def test_staff_take_over_reply_and_hand_back_an_sms_conversation(browser, db, recorder):
    vin = vins_with_status("open", "TX501")[0]
    owner = vehicles.lookup(vin).owner_phone
    dealer = dealers.get("TX501")
    text(db, owner, "hi i got a recall letter")
    text(db, owner, "yes")  # "Is this about the ... ending in ...?"
    before = len(recorder.wait_for(owner, 3))
    text(db, owner, "I want to talk to a real person please")
    told = recorder.wait_for(owner, before + 1)[before:]
    assert told and dealer.name in " ".join(told)
    [esc] = [e for e in escalations.list_escalations("TX501", active=True) if e.conversation_id == f"sms:{owner}"]
    assert esc.reason == "requested_person" and esc.vin == vin
    alert = recorder.wait_for(dealer.escalation_phone, 1)
    assert alert and f"/escalations/{esc.id}" in alert[-1]

    page = sign_in(browser, db, "ann@tx501.example")
    row = page.locator(f"a[href='/escalations/{esc.id}']").first
    row.wait_for()
    shot(page, "1-queue")
    row.click()
    page.wait_for_url(re.compile(rf"/escalations/{esc.id}$"))
    transcript = page.locator("#messages")
    assert "I want to talk to a real person please" in transcript.inner_text()
    assert "the assistant is paused" in page.locator(".mode").inner_text()
    shot(page, "2-conversation")

    answer = "Hi, this is Ann at Preston Lexus. I can take your car Thursday at 9 AM. Does that work?"
    page.fill("textarea[name=text]", answer)
    page.click("form.reply button[type=submit]")
    page.wait_for_selector("text=Reply sent to the owner.")
    assert recorder.wait_for(owner, before + 2)[-1] == answer
    sent = len(recorder.to(owner))

    text(db, owner, "Thursday 9 works, thank you Ann")
    page.locator("#messages >> text=Thursday 9 works, thank you Ann").wait_for(timeout=15_000)
    assert len(recorder.to(owner)) == sent  # the assistant stays quiet while staff have the conversation
    shot(page, "3-owner-answered")

    page.click("text=Resolve")
    page.wait_for_selector("text=Resolved; the assistant answers this owner again.")
    assert "You're back with the automated Lexus recall assistant" in recorder.wait_for(owner, sent + 1)[-1]
    after = escalations.get(esc.id)
    assert after.status == "resolved" and after.resolved_by == "Ann Lee" and not after.with_staff
    shot(page, "4-resolved")

    back = len(recorder.to(owner))
    text(db, owner, "what is this recall about?")
    assert len(recorder.wait_for(owner, back + 1)) > back  # the assistant answers again


def test_staff_of_another_dealer_cannot_open_it_and_forms_need_the_csrf_token(browser, db):
    esc = escalations.create(
        "+13125550142",
        channel="sms",
        reason="requested_person",
        dealer_code="TX501",
        summary="Texas owner, private",
        transcript=[],
    )
    bo = sign_in(browser, db, "bo@il301.example")
    bo.goto(f"{db.console_url}/escalations/{esc.id}")
    assert "Not found" in bo.locator("h1").inner_text()
    assert "Texas owner, private" not in bo.content()
    shot(bo, "5-other-dealer-not-found")
    ann = sign_in(browser, db, "ann@tx501.example")
    refused = ann.request.post(f"{db.console_url}/escalations/{esc.id}/assign", form={"x": "1"})
    assert refused.status == 403
    assert escalations.get(esc.id).status == "open"


def _kits(code: str) -> int:
    with unit_of_work() as s:
        return s.execute(select(PartsStock.on_hand).join(Dealer).where(Dealer.code == code)).scalar_one()


def test_a_vehicle_in_stock_is_checked_and_its_remedy_recorded(browser, db):
    vin = vins_with_status("open", "TX501")[-1]
    kits = _kits("TX501")
    page = sign_in(browser, db, "ann@tx501.example")
    page.click("nav >> text=VIN check")
    page.fill("input[name=vin]", vin.lower())
    page.click("form.inline button[type=submit]")
    page.wait_for_selector("text=Recall OPEN")
    page.check("input[name=confirm]")
    page.click("text=Mark remedy completed")
    page.wait_for_selector("text=Remedy recorded as completed.")
    shot(page, "6-vin-remedied")
    with unit_of_work() as s:
        status = s.execute(select(VehicleCampaign.status).join(Vehicle).where(Vehicle.vin == vin)).scalar_one()
    assert status == "remedied" and _kits("TX501") == kits - 1
    page.click("nav >> text=Appointments")
    page.wait_for_selector("table.week")
    assert page.locator("table.week tbody tr").count() == 7  # the week, a row a day, against capacity
    shot(page, "7-appointments")


def test_rasas_http_api_wants_the_token_and_listens_on_localhost_only(bot):
    import urllib.error
    import urllib.request

    token = (Path(bot.var_dir) / "rasa-api-token").read_text().strip()
    tracker = f"{bot.url}/conversations/%2B12145550100/tracker"
    for url in (tracker, f"{tracker}?token=not-the-token"):
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(url, timeout=10)
        assert refused.value.code == 401
    with urllib.request.urlopen(f"{tracker}?token={token}", timeout=10) as resp:
        assert resp.status == 200
    assert listening_addresses(bot.rasa_port) == {"0100007F"}  # 127.0.0.1
    assert listening_addresses(bot.console_port) == {"0100007F"}


def test_the_parts_desk_capacity_and_reports_pages(browser, db):
    from bot.recall import parts

    before = parts.status("TX501")
    page = sign_in(browser, db, "ann@tx501.example")
    page.click("nav >> text=Parts")
    page.fill("input[name=quantity]", "2")
    page.click("text=Place order")
    page.wait_for_selector("text=Order placed.")
    ordered = parts.status("TX501")
    assert ordered.on_order == before.on_order + 2
    line = next(o for o in ordered.open_orders if o.quantity == 2)
    page.click(f"form[action='/parts/orders/{line.id}/receive'] button")
    page.wait_for_selector("text=Kits received: on hand updated.")
    assert parts.status("TX501").on_hand == before.on_hand + 2
    shot(page, "8-parts")

    page.click("nav >> text=Capacity")
    page.wait_for_selector("text=open VINs attributed to this dealer")
    shot(page, "9-capacity")

    page.click("nav >> text=Reports")
    assert page.locator("figure.chart").count() == 3
    assert "Preston Lexus" in page.locator("table.report").inner_text()
    with page.expect_download() as download:
        page.click("a[href='/reports/dealers.csv']")
    saved = SHOTS / "reports-dealers.csv"
    download.value.save_as(saved)
    header, row = saved.read_text().splitlines()[:2]
    assert header.startswith("dealer,name,attributed") and row.startswith("TX501,")
    shot(page, "10-reports")


def test_a_callers_escalation_is_answered_by_text_to_the_callers_phone(db, recorder):
    """A call cannot be spoken into later: the reply goes by SMS to the caller's number, in that
    number's text thread (paused with it), and hand-back resumes both."""
    from tests.console_client import ConsoleClient

    caller = "+13125550177"
    esc = escalations.create(
        f"voice:{caller}",
        channel="voice",
        reason="requested_person",
        dealer_code="TX501",
        summary="caller wants a call back",
        transcript=[],
    )
    ann = ConsoleClient(db.console_url)
    assert ann.login("ann@tx501.example", PASSWORD) == 303
    _, page, _ = ann.get(f"/escalations/{esc.id}")
    assert "sent as a text message to the caller" in page
    assert (
        ann.post(f"/escalations/{esc.id}/reply", {"text": "Hi, Preston Lexus here: we can call you at 2 PM."})[0] == 303
    )
    assert recorder.wait_for(caller, 1)[-1] == "Hi, Preston Lexus here: we can call you at 2 PM."
    text(db, caller, "2 PM is fine")  # the caller texts back: staff have that thread, the bot stays quiet
    assert len(recorder.wait_for(caller, 2, timeout=3)) == 1
    assert ann.post(f"/escalations/{esc.id}/resolve")[0] == 303
    assert "back with the automated" in recorder.wait_for(caller, 2)[-1]


def test_an_admins_dealer_picker_shows_the_chosen_dealer(browser, db):
    """Choosing a dealer reloads the page for it. The change handler is in console.js: the pages'
    Content-Security-Policy blocks inline handlers such as onchange="...", and must stay strict."""
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "bot.cli",
            "staff",
            "add",
            "ops@lexus.example",
            "--name",
            "Ops",
            "--admin",
            "--password-stdin",
        ],
        input=PASSWORD + "\n",
        cwd=ROOT,
        env=db.env,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr
    first, chosen = dealers.list_dealers()[0], dealers.list_dealers()[-1]
    page = sign_in(browser, db, "ops@lexus.example")
    refused = []
    page.on("console", lambda msg: refused.append(msg.text) if "Content Security Policy" in msg.text else None)
    page.goto(f"{db.console_url}/appointments")
    assert page.locator("h1").inner_text() == f"Appointments · {first.name}"
    assert page.locator("form.picker button").is_hidden()  # no "Show" button: choosing is enough
    page.select_option("form.picker select", chosen.code)
    page.wait_for_url(re.compile(rf"/appointments\?dealer={chosen.code}"))
    assert page.locator("h1").inner_text() == f"Appointments · {chosen.name}"
    assert page.locator("form.picker select").input_value() == chosen.code
    shot(page, "11-dealer-picker")
    page.goto(f"{db.console_url}/reports")
    page.select_option("form.picker select", chosen.code)
    page.wait_for_url(re.compile(rf"/reports\?dealer={chosen.code}"))
    assert page.locator("h1").inner_text() == f"Reports · {chosen.name}"
    assert refused == []
