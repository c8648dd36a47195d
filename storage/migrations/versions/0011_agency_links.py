"""agency_links: a body's identity across renames and mergers (机构改革)

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-04 14:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "agency_links",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("predecessor", sa.String(300), nullable=False),
        sa.Column("successor", sa.String(300), nullable=False),
        sa.Column("since_year", sa.Integer(), nullable=True),
        sa.Column("note", sa.String(500), nullable=False, server_default=""),
        sa.Column("created_by", sa.String(100), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.UniqueConstraint("predecessor", "successor"),
    )
    op.create_index("ix_agency_links_predecessor", "agency_links", ["predecessor"])
    op.create_index("ix_agency_links_successor", "agency_links", ["successor"])


def downgrade() -> None:
    op.drop_index("ix_agency_links_successor", "agency_links")
    op.drop_index("ix_agency_links_predecessor", "agency_links")
    op.drop_table("agency_links")
