"""Persistence: SQLAlchemy models, opening and migrating databases, backup, integrity, audit.

May import `desktop.i18n`, `desktop.errors`, `desktop.paths` only; never Qt, never core.
"""
