"""``nianbao db``: schema management."""

from __future__ import annotations

import click
from flask.cli import with_appcontext

from cli.services import current_services


@click.group("db", help="Manage the database schema.")
def db_group() -> None:
    """Database commands."""


@db_group.command("upgrade", help="Upgrade the database schema to the newest revision.")
@with_appcontext
def upgrade_command() -> None:
    """Run Alembic migrations up to head."""
    database = current_services().database
    database.upgrade()
    click.echo(f"数据库已升级至 {database.current_revision()}（{_redact(database.url)}）")


@db_group.command("current", help="Show the schema revision of the database.")
@with_appcontext
def current_command() -> None:
    """Print the stored revision."""
    click.echo(current_services().database.current_revision() or "(empty)")


def _redact(url: str) -> str:
    """A database URL without its password."""
    from sqlalchemy.engine import make_url

    return make_url(url).render_as_string(hide_password=True)
