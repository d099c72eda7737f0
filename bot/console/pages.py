"""Rendering console pages: one Jinja2 environment (autoescaped), times in the dealer's zone."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from jinja2 import Environment, FileSystemLoader, select_autoescape
from sanic import response
from sanic.request import Request

from bot.messages import render as render_message
from bot.recall.db import in_thread as run  # noqa: F401 - views call the database through it
from bot.recall.reports import to_csv
from bot.recall.vocab import AppointmentStatus, Channel, EscalationReason, EscalationStatus, Priority

TEMPLATES = Path(__file__).resolve().parent / "templates"
STATIC = Path(__file__).resolve().parent / "static"


def local_time(moment: datetime | None, tz: str | None = None, fmt: str = "%a %b %-d, %-I:%M %p") -> str:
    """A moment as staff read it: in the dealer's time zone (with its abbreviation), UTC for none."""
    if moment is None:
        return ""
    zone = ZoneInfo(tz) if tz else ZoneInfo("UTC")
    here = moment.astimezone(zone)
    return f"{here.strftime(fmt)} {here.tzname()}"


def ago(moment: datetime | None, now: datetime | None = None) -> str:
    if moment is None:
        return ""
    seconds = int(((now or datetime.now(moment.tzinfo)) - moment).total_seconds())
    if seconds < 90:
        return "just now"
    if seconds < 90 * 60:
        return f"{seconds // 60} min ago"
    if seconds < 36 * 3600:
        return f"{seconds // 3600} h ago"
    return f"{seconds // 86400} days ago"


_env = Environment(
    loader=FileSystemLoader(TEMPLATES), autoescape=select_autoescape(["html"]), trim_blocks=True, lstrip_blocks=True
)
_env.filters["local"] = local_time
_env.filters["ago"] = ago
_env.filters["words"] = render_message  # a bot message (bot.messages.Msg) as an owner would read it
# Stored codes as staff read them, from the one vocabulary (`labels.priority.get(e.priority, e.priority)`).
_env.globals["labels"] = {
    "appointment": AppointmentStatus.labels(),
    "escalation": EscalationStatus.labels(),
    "priority": Priority.labels(),
    "reason": EscalationReason.labels(),
    "channel": Channel.labels(),
}


def csv_download(rows: list, record: type, what: str, scope: str | None) -> response.HTTPResponse:
    """A table as a CSV file named for what it is and whose it is (bot.recall.reports.to_csv)."""
    name = f"recall-blc-{what}-{(scope or 'all-dealers').lower()}.csv"
    return response.text(
        to_csv(rows, record_type=record),
        content_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )


def render(request: Request, template: str, status: int = 200, **context: Any) -> response.HTTPResponse:
    html = _env.get_template(template).render(
        me=getattr(request.ctx, "me", None), csrf=getattr(request.ctx, "csrf", ""), path=request.path, **context
    )
    return response.html(html, status=status)
