"""escalation reason check

Issue 12: escalations.reason was the one stored code without a CHECK constraint, so a reason no
label knew could be written (bot.recall.vocab.EscalationReason now lists every reason the code
writes, and builds this constraint in the models). SQLite cannot add a constraint in place: the
batch rebuilds the table, keeping its rows and its other constraints.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-01 21:30:00
"""

from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

# The reasons as of this revision; a later reason needs its own migration, as a later table does.
REASONS = (
    "requested_person",
    "warning_sign",
    "complaint",
    "not_understood",
    "question",
    "disputed_record",
    "vin_not_accepted",
    "identity_not_confirmed",
    "pedal_sticks",
)


def upgrade() -> None:
    with op.batch_alter_table("escalations", schema=None) as batch_op:
        batch_op.create_check_constraint("ck_escalations_reason", f"reason IN ({', '.join(repr(r) for r in REASONS)})")


def downgrade() -> None:
    with op.batch_alter_table("escalations", schema=None) as batch_op:
        batch_op.drop_constraint("ck_escalations_reason", type_="check")
