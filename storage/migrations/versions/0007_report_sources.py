"""report_sources: one record per report, reached from several places

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-04 06:10:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "report_sources",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("report_id", sa.Integer(), sa.ForeignKey("reports.id"), nullable=False),
        sa.Column("identity", sa.String(2000), nullable=False, unique=True),
        sa.Column("url", sa.String(2000), nullable=True),
        sa.Column("role", sa.String(20), nullable=False),
        sa.Column("first_seen_at", sa.DateTime(), nullable=False),
        sa.Column("last_seen_at", sa.DateTime(), nullable=False),
        sa.Column("similarity", sa.Float(), nullable=True),
        sa.Column("reason", sa.Text(), nullable=False),
    )
    op.create_index("ix_report_sources_report_id", "report_sources", ["report_id"])


def downgrade() -> None:
    op.drop_index("ix_report_sources_report_id", "report_sources")
    op.drop_table("report_sources")
