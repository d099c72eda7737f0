"""Campaign facts, as loaded from ../shared/domain with their sources."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.recall.db import unit_of_work
from bot.recall.errors import UnknownCampaign
from bot.recall.models import Campaign
from bot.recall.records import CampaignFacts
from bot.recall.vocab import SERVED


def campaign_id(s: Session, code: str) -> int:
    """The id of the campaign with this code, inside the caller's unit of work."""
    found = s.execute(select(Campaign.id).where(Campaign.code == code.upper())).scalar_one_or_none()
    if found is None:
        raise UnknownCampaign(code)
    return found


def facts(code: str = SERVED) -> CampaignFacts:
    with unit_of_work() as s:
        c = s.execute(select(Campaign).where(Campaign.code == code.upper())).scalar_one_or_none()
        if c is None:
            raise UnknownCampaign(code)
        return CampaignFacts.of(c)
