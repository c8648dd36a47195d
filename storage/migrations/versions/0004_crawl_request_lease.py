"""crawl_requests.lease_until: a killed scheduler's requests are queued again

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-03 19:05:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("crawl_requests") as batch:
        batch.add_column(sa.Column("lease_until", sa.DateTime(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("crawl_requests") as batch:
        batch.drop_column("lease_until")
