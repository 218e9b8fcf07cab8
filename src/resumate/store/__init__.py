"""Persistence: the database (SQLAlchemy 2.0 + Alembic) and the file store for original uploads."""
