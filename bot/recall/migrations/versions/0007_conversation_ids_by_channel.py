"""conversation ids by channel

An SMS thread was stored under the owner's bare number ("+12145550100"); conversation ids now
carry the channel that made them ("sms:+12145550100", bot.conversations), so no other channel
can name an SMS thread. Appointments and escalations that name an SMS thread are renamed, so
each stays with its conversation (the tracker store is renamed by bot.tracker_ids).

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-01 20:00:00
"""

from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

TABLES = ("appointments", "escalations")


def upgrade() -> None:
    for table in TABLES:
        op.execute(f"UPDATE {table} SET conversation_id = 'sms:' || conversation_id WHERE conversation_id LIKE '+%'")


def downgrade() -> None:
    for table in TABLES:
        op.execute(
            f"UPDATE {table} SET conversation_id = substr(conversation_id, 5) WHERE conversation_id LIKE 'sms:+%'"
        )
