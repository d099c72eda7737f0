"""The audit trail: one row per change, written inside the change's own transaction."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from bot.recall.models import AuditEntry


def record(session: Session, actor: str, action: str, entity: str, entity_id: Any, **detail: Any) -> None:
    session.add(AuditEntry(actor=actor, action=action, entity=entity, entity_id=str(entity_id), detail=detail))
