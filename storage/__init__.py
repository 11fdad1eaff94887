"""The consultation store: SQLModel tables, repositories and Alembic migrations.

This package imports no other project package; callers hand it plain values
(a database URL, key material) rather than settings objects.
"""
