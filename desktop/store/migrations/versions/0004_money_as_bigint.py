"""amounts of money as 64-bit integers

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-01

A decision's total (and, with future base salaries, a single line) can pass 2,147,483,647 đồng:
PostgreSQL's INTEGER refuses it where SQLite's does not, so every money column is BIGINT.
"""
from alembic import op
import sqlalchemy as sa


revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None

MONEY = (
    ('base_salary', 'amount', False),
    ('nomination', 'base_salary', True),
    ('nomination', 'amount', True),
    ('decision', 'base_salary', False),
    ('decision', 'total_amount', False),
    ('decision_line', 'amount', False),
)


def _retype(old: type[sa.Integer], new: type[sa.Integer]) -> None:
    for table in dict.fromkeys(t for t, _c, _n in MONEY):
        with op.batch_alter_table(table, schema=None) as batch_op:
            for column, nullable in ((c, n) for t, c, n in MONEY if t == table):
                batch_op.alter_column(column, existing_type=old(), type_=new(),
                                      existing_nullable=nullable)


def upgrade() -> None:
    if op.get_bind().dialect.name != 'sqlite':
        _retype(sa.Integer, sa.BigInteger)


def downgrade() -> None:
    if op.get_bind().dialect.name != 'sqlite':
        _retype(sa.BigInteger, sa.Integer)
