"""an index for the award history list, newest first, read page by page

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-01
"""
from alembic import op


revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index('ix_award_record_list', 'award_record', ['year', 'id'], unique=False)


def downgrade() -> None:
    op.drop_index('ix_award_record_list', table_name='award_record')
