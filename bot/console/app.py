"""The dealer staff console: escalations, appointments against capacity, VIN checks.

Server-rendered pages (Sanic, which Rasa already brings, and Jinja2), no front-end build. It
reads and writes the recall database through bot.recall, and talks to owners only through
Rasa's HTTP API (bot.console.rasa_api), so every message stays in the conversation's transcript.
`python -m bot.console` runs it; `make run` starts it beside the bot on port 8080.
"""

from __future__ import annotations

import argparse
import logging

from sanic import Sanic, response
from sanic.request import Request

from bot import config, http_guard
from bot.console import auth, escalation_views, parts_views, report_views, service_views
from bot.console.pages import STATIC, render
from bot.console.rasa_api import RasaApi
from bot.recall.db import DatabaseUnavailable
from bot.recall.errors import UnknownDealer

logger = logging.getLogger(__name__)

# What a browser may do with these pages: only this console's own scripts, styles and forms.
SECURITY_HEADERS = {
    "Content-Security-Policy": "default-src 'self'; img-src 'self' data:; frame-ancestors 'none'; "
    "form-action 'self'; base-uri 'none'",
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "same-origin",
}


def create_app(name: str = "recall_console") -> Sanic:
    app = Sanic(name)
    http_guard.install(app)
    app.config.FORWARDED_SECRET = None
    app.config.KEEP_ALIVE_TIMEOUT = 15
    app.static("/static", str(STATIC), name="static")

    app.add_route(auth.login, "/login", methods=["GET", "POST"])
    app.add_route(auth.logout, "/logout", methods=["POST"])
    app.add_route(escalation_views.queue, "/", methods=["GET"])
    app.add_route(escalation_views.page, "/escalations/<escalation_id:int>", methods=["GET"])
    app.add_route(escalation_views.messages, "/escalations/<escalation_id:int>/messages", methods=["GET"])
    app.add_route(escalation_views.reply, "/escalations/<escalation_id:int>/reply", methods=["POST"])
    app.add_route(escalation_views.assign, "/escalations/<escalation_id:int>/assign", methods=["POST"])
    app.add_route(escalation_views.hand_back, "/escalations/<escalation_id:int>/hand-back", methods=["POST"])
    app.add_route(escalation_views.resolve, "/escalations/<escalation_id:int>/resolve", methods=["POST"])
    app.add_route(service_views.appointments, "/appointments", methods=["GET"])
    app.add_route(service_views.vin_check, "/vin", methods=["GET"])
    app.add_route(service_views.complete, "/vin/complete", methods=["POST"])
    app.add_route(report_views.overview, "/reports", methods=["GET"])
    app.add_route(report_views.csv_export, "/reports/<filename:str>", methods=["GET"])
    app.add_route(report_views.capacity, "/capacity", methods=["GET"])
    app.add_route(report_views.capacity_csv, "/capacity.csv", methods=["GET"])
    app.add_route(parts_views.page, "/parts", methods=["GET"])
    app.add_route(parts_views.csv_export, "/parts.csv", methods=["GET"])
    app.add_route(parts_views.order, "/parts/order", methods=["POST"])
    app.add_route(parts_views.receive, "/parts/orders/<order_id:int>/receive", methods=["POST"])
    app.add_route(parts_views.cancel, "/parts/orders/<order_id:int>/cancel", methods=["POST"])
    app.add_route(health, "/health", methods=["GET"])

    async def _open(app_, _loop):
        app_.ctx.rasa = RasaApi()

    async def _close(app_, _loop):
        await app_.ctx.rasa.close()

    app.register_listener(_open, "before_server_start")
    app.register_listener(_close, "after_server_stop")

    @app.middleware("response")
    async def _headers(request: Request, resp):
        for key, value in SECURITY_HEADERS.items():
            resp.headers.setdefault(key, value)
        if not request.path.startswith("/static/"):
            resp.headers["Cache-Control"] = "no-store"  # pages show one dealer's customers

    @app.exception(UnknownDealer)
    async def _no_dealer(request: Request, exc):
        return render(request, "not_found.html", status=404, what="dealer")

    @app.exception(DatabaseUnavailable)
    async def _database_down(request: Request, exc):
        logger.warning("recall database unavailable: %s", exc)
        return render(request, "unavailable.html", status=503)

    return app


async def health(_: Request):
    return response.json({"status": "ok"})


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="The dealer staff console")
    parser.add_argument("--host", default=config.console_interface())
    parser.add_argument("--port", type=int, default=config.console_port())
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    create_app().run(host=args.host, port=args.port, access_log=False, workers=1)
