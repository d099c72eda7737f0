"""identity checks and limits

Issue 11: answers to the identity question are counted per vehicle, conversation and phone
number (identity_checks); bookings made lately are counted per conversation and per vehicle
(two indexes on appointments); the text to a dealer's escalation contact is limited per
conversation (escalations.dealer_alerted_at). The numbers are in bot.recall.quotas.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-01 20:00:00
"""

import sqlalchemy as sa
from alembic import op

import bot.recall.models

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "identity_checks",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("at", bot.recall.models.UTCDateTime(), nullable=False),
        sa.Column("vehicle_id", sa.Integer(), nullable=False),
        sa.Column("conversation_id", sa.String(length=100), nullable=False),
        sa.Column("phone", sa.String(length=20), nullable=True),
        sa.Column("outcome", sa.String(length=10), nullable=False),
        sa.Column("locks_until", bot.recall.models.UTCDateTime(), nullable=True),
        sa.CheckConstraint("outcome IN ('confirmed', 'mismatch', 'refused')", name="ck_identity_checks_outcome"),
        sa.ForeignKeyConstraint(["vehicle_id"], ["vehicles.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("identity_checks", schema=None) as batch_op:
        batch_op.create_index("ix_identity_checks_conversation_at", ["conversation_id", "at"], unique=False)
        batch_op.create_index("ix_identity_checks_phone_at", ["phone", "at"], unique=False)
        batch_op.create_index("ix_identity_checks_vehicle_at", ["vehicle_id", "at"], unique=False)

    with op.batch_alter_table("appointments", schema=None) as batch_op:
        batch_op.create_index("ix_appointments_conversation_created", ["conversation_id", "created_at"], unique=False)
        batch_op.create_index("ix_appointments_vehicle_created", ["vehicle_id", "created_at"], unique=False)

    # A plain ADD COLUMN: a batch rebuild of escalations is not needed for a nullable column.
    op.add_column("escalations", sa.Column("dealer_alerted_at", bot.recall.models.UTCDateTime(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("escalations", schema=None) as batch_op:
        batch_op.drop_column("dealer_alerted_at")

    with op.batch_alter_table("appointments", schema=None) as batch_op:
        batch_op.drop_index("ix_appointments_vehicle_created")
        batch_op.drop_index("ix_appointments_conversation_created")

    with op.batch_alter_table("identity_checks", schema=None) as batch_op:
        batch_op.drop_index("ix_identity_checks_vehicle_at")
        batch_op.drop_index("ix_identity_checks_phone_at")
        batch_op.drop_index("ix_identity_checks_conversation_at")

    op.drop_table("identity_checks")
