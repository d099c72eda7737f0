"""Who is asking: session cookies, sign-in and sign-out, CSRF checks, per-dealer scoping.

- The session cookie is HttpOnly and SameSite=Lax (Secure when the console's URL is https).
- Every POST of a signed-in person must carry the CSRF token bound to their session (a hidden
  `csrf` field); the sign-in form, before any session exists, uses a double-submit cookie.
- Staff of a dealer see only that dealer's data: every view passes `me.scope` to the recall
  services, which answer "not found" for anything else, so another dealer's URL shows nothing.
- Wrong passwords pause sign-in per e-mail and client address (bot.recall.sign_in_limits): a
  paused attempt gets 429 with Retry-After and the same words whether the e-mail exists or not.
"""

from __future__ import annotations

import functools
import hmac
import math
import secrets
from urllib.parse import quote

from sanic import response
from sanic.request import Request

from bot import config
from bot.console.pages import render, run
from bot.recall import sign_in_limits, staff
from bot.throttle import client_address  # RECALLBOT_TRUST_PROXY: the first X-Forwarded-For hop

SESSION_COOKIE = "recall_console"
LOGIN_CSRF_COOKIE = "recall_console_login"
WRONG = f"Wrong e-mail or password. After several wrong tries, sign-in pauses for up to {sign_in_limits.PAUSE_AT_MOST}."


def _cookie(resp, name: str, value: str, max_age: int | None = None) -> None:
    resp.cookies[name] = value
    morsel = resp.cookies[name]
    morsel["httponly"] = True
    morsel["samesite"] = "Lax"
    morsel["path"] = "/"
    if max_age is not None:
        morsel["max-age"] = max_age
    if config.console_url().startswith("https://"):
        morsel["secure"] = True


def _safe_next(target: str | None) -> str:
    """Only a path on this console: never an open redirect to another site."""
    if target and target.startswith("/") and not target.startswith("//") and "\\" not in target:
        return target
    return "/"


def forbidden_csrf() -> response.HTTPResponse:
    return response.text(
        "This form has expired or did not come from the console. Go back, reload the page and try again.", status=403
    )


def signed_in(handler):
    """A view for signed-in staff; sign-in page otherwise. POSTs must carry the session's CSRF token."""

    @functools.wraps(handler)
    async def wrapper(request: Request, *args, **kwargs):
        who = await run(staff.session, request.cookies.get(SESSION_COOKIE, ""))
        if who is None:
            if request.method != "GET":
                return response.text("Please sign in again.", status=401)
            return response.redirect(f"/login?next={quote(request.path)}", status=303)
        if request.method == "POST":
            sent = request.form.get("csrf") or request.headers.get("x-csrf-token") or ""
            if not hmac.compare_digest(sent.encode(), who.csrf_token.encode()):
                return forbidden_csrf()
        request.ctx.me = who.staff
        request.ctx.csrf = who.csrf_token
        return await handler(request, *args, **kwargs)

    return wrapper


async def login_page(request: Request, error: str | None = None, email: str = "", status: int = 200):
    token = request.cookies.get(LOGIN_CSRF_COOKIE) or secrets.token_urlsafe(32)
    wanted = request.form.get("next") if request.method == "POST" and request.form else request.args.get("next")
    resp = render(
        request, "login.html", status=status, error=error, email=email, login_csrf=token, next=_safe_next(wanted)
    )
    _cookie(resp, LOGIN_CSRF_COOKIE, token, max_age=3600)
    return resp


async def login(request: Request):
    if request.method == "GET":
        return await login_page(request)
    form = request.form or {}
    cookie = request.cookies.get(LOGIN_CSRF_COOKIE, "")
    sent = form.get("csrf") or ""
    if not cookie or not hmac.compare_digest(sent.encode(), cookie.encode()):
        return forbidden_csrf()
    email = (form.get("email") or "").strip()
    try:
        who = await run(staff.sign_in, email, form.get("password") or "", address=client_address(request))
    except staff.TooManyTries as paused:
        minutes = math.ceil(paused.retry_after / 60)
        resp = await login_page(
            request,
            f"Too many wrong tries: sign-in is paused. Try again in about "
            f"{minutes} minute{'s' if minutes != 1 else ''}.",
            email=email,
            status=429,
        )
        resp.headers["Retry-After"] = str(paused.retry_after)
        return resp
    if who is None:
        return await login_page(request, WRONG, email=email, status=401)
    resp = response.redirect(_safe_next(form.get("next")), status=303)
    # The server ends the session (idle, or SESSION_LIFETIME after sign-in); the cookie lasts as long.
    _cookie(resp, SESSION_COOKIE, who.token, max_age=int(staff.SESSION_LIFETIME.total_seconds()))
    del resp.cookies[LOGIN_CSRF_COOKIE]
    return resp


@signed_in
async def logout(request: Request):
    await run(staff.sign_out, request.cookies.get(SESSION_COOKIE, ""))
    resp = response.redirect("/login", status=303)
    del resp.cookies[SESSION_COOKIE]
    return resp
