"""reports.ocr, ocr_confidence, prose_figures: scans read by OCR, figures read from prose

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-03 23:30:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("reports") as batch:
        batch.add_column(
            sa.Column("ocr", sa.Boolean(), nullable=False, server_default=sa.false())
        )
        batch.add_column(sa.Column("ocr_confidence", sa.Float(), nullable=True))
        batch.add_column(sa.Column("prose_figures", sa.JSON(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("reports") as batch:
        batch.drop_column("prose_figures")
        batch.drop_column("ocr_confidence")
        batch.drop_column("ocr")
