"""A guard every Sanic app of ours installs: a request's Accept header never breaks an error page.

Sanic 21.12 reads the Accept header to choose the format of an error page (404, 405, 400...),
and its parser raises on values like "0", "x" or "text/html;q=abc": the error page itself then
fails and the client gets "500 An error occurred while handling an error" (found by the webhook
fuzz test). A header that does not parse is read as "*/*", before routing, so it holds for the
routes that do not exist too.
"""

from __future__ import annotations

from sanic import Sanic
from sanic.headers import parse_accept
from sanic.request import Request

ANY = parse_accept("*/*")


def sane_accept(request: Request) -> None:
    try:
        request.accept  # noqa: B018 - parses and caches the header
    except Exception:  # noqa: BLE001 - Sanic raises its InvalidHeader, ValueError, IndexError...
        request.parsed_accept = ANY


def install(app: Sanic) -> None:
    @app.signal("http.routing.before")
    async def _accept_before_routing(request: Request) -> None:
        sane_accept(request)
