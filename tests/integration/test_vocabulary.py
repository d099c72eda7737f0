"""Every stored code has its words, and the database refuses a code the vocabulary does not know
(issue 12): staff and the dealer alert used to see the raw code for reasons no label listed."""

from __future__ import annotations

import pytest
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError

from actions import replies
from bot.console import escalation_views
from bot.messages import render
from bot.recall import escalations
from bot.recall.db import get_engine
from bot.recall.vocab import Channel, EscalationReason


def test_every_reason_has_a_console_label_and_dealer_alert_words(db_url):
    for n, reason in enumerate(EscalationReason):
        esc = escalations.create(f"web:reason-{n}", channel=Channel.SMS, reason=reason)
        assert escalation_views.REASONS[esc.reason] == reason.label != reason.value
        alert = render(replies.dealer_alert(esc, "https://console.example/escalations/1"))
        assert f"(SMS, {reason.in_alert}). Open:" in alert


def test_every_reason_has_what_the_owner_is_told():
    told = {reason for reason in EscalationReason if reason in replies.HANDOFF_INTROS}
    assert told == set(EscalationReason)


@pytest.mark.parametrize(
    ("column", "value"),
    [("reason", "no_such_reason"), ("channel", "fax"), ("priority", "whenever"), ("status", "lost")],
)
def test_the_database_refuses_codes_outside_the_vocabulary(db_url, column, value):
    escalations.create("web:refused", channel="chat", reason="requested_person")
    with pytest.raises(IntegrityError), get_engine(db_url).begin() as conn:
        conn.execute(text(f"UPDATE escalations SET {column} = :v"), {"v": value})
    assert escalations.create("web:still-fine", channel="voice", reason="identity_not_confirmed").id
