"""contact reports

Issue 13: an owner who texts "I sold it years ago", "not my car" or "wrong number" is recorded
(contact_reports), so no follow-up about that vehicle goes to that number.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-01 23:10:00
"""

import sqlalchemy as sa
from alembic import op

import bot.recall.models

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None

# The codes as of this revision (bot.recall.vocab.NotOwnerReason, Channel).
REASONS = ("sold", "not_mine")
CHANNELS = ("sms", "voice", "chat", "staff")


def _in(column: str, values: tuple[str, ...]) -> str:
    return f"{column} IN ({', '.join(repr(v) for v in values)})"


def upgrade() -> None:
    op.create_table(
        "contact_reports",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("at", bot.recall.models.UTCDateTime(), nullable=False),
        sa.Column("phone", sa.String(20), nullable=False),
        sa.Column("vehicle_id", sa.Integer(), sa.ForeignKey("vehicles.id", ondelete="CASCADE")),
        sa.Column("reason", sa.String(20), nullable=False),
        sa.Column("channel", sa.String(10), nullable=False),
        sa.CheckConstraint(_in("reason", REASONS), name="ck_contact_reports_reason"),
        sa.CheckConstraint(_in("channel", CHANNELS), name="ck_contact_reports_channel"),
    )
    op.create_index("ix_contact_reports_phone", "contact_reports", ["phone"])


def downgrade() -> None:
    op.drop_index("ix_contact_reports_phone", table_name="contact_reports")
    op.drop_table("contact_reports")
