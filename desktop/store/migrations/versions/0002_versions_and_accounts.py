"""record versions (optimistic locking) and user accounts

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-01
"""
from alembic import op
import sqlalchemy as sa


revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None

# Every record table of 0001 (the `Entity` models); existing rows start at version 1.
RECORD_TABLES = (
    'attachment', 'award_record', 'award_type', 'ballot', 'base_salary', 'bloc', 'bloc_member',
    'council_meeting', 'council_member', 'criterion', 'decision', 'decision_line', 'discipline',
    'household', 'initiative', 'legal_basis', 'movement', 'nomination', 'nomination_event',
    'nomination_round', 'office', 'person', 'person_position', 'phase', 'recusal', 'score',
    'score_adjustment', 'signer', 'target_group', 'task_rating', 'unit', 'unit_lineage',
)


def upgrade() -> None:
    for table in RECORD_TABLES:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.add_column(sa.Column('version', sa.Integer(), server_default='1',
                                          nullable=False))
    op.create_table('users',
    sa.Column('login', sa.String(length=60), nullable=False),
    sa.Column('full_name', sa.String(length=120), nullable=False),
    sa.Column('role', sa.String(length=16), nullable=False),
    sa.Column('password_hash', sa.String(length=200), nullable=False),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', sa.DateTime(), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.Column('updated_at', sa.DateTime(), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.Column('version', sa.Integer(), server_default='1', nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_users')),
    sa.UniqueConstraint('login', name=op.f('uq_users_login'))
    )


def downgrade() -> None:
    op.drop_table('users')
    for table in reversed(RECORD_TABLES):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_column('version')
