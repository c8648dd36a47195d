"""The ``nianbao`` command: a Flask CLI group around the app factory.

Each command lives in its own module and is registered here, so ``nianbao --help`` lists them all.
"""

from __future__ import annotations

import importlib

import click
from flask import Flask
from flask.cli import FlaskGroup

from portal import create_app

#: (module, attribute) of every command, in the order ``--help`` lists them.
COMMANDS: tuple[tuple[str, str], ...] = (
    ("cli.db", "db_group"),
    ("cli.ingest", "ingest_command"),
    ("cli.export", "export_command"),
    ("cli.parse", "parse_command"),
    ("cli.search", "search_command"),
    ("cli.reindex", "reindex_command"),
    ("cli.index_check", "index_group"),
    ("cli.reparse", "reparse_command"),
    ("cli.dedupe", "dedupe_command"),
    ("cli.copies", "copies_command"),
    ("cli.accountability", "accountability_command"),
    ("cli.demo", "demo_group"),
    ("cli.crawl", "crawl_command"),
    ("cli.sources", "sources_group"),
    ("cli.scheduler", "scheduler_command"),
    ("cli.admins", "create_admin_command"),
    ("cli.admins", "admins_group"),
)


def _create_app() -> Flask:
    return create_app()


#: Flask's and extensions' own commands: still there for developers, not listed in ``--help``.
INTERNAL_COMMANDS = frozenset({"limiter", "routes", "shell"})


class NianbaoGroup(FlaskGroup):
    """Flask's command group with its internal commands hidden from ``nianbao --help``."""

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        """The command ``name``; Flask internals are marked hidden."""
        command = super().get_command(ctx, name)
        if command is not None and name in INTERNAL_COMMANDS:
            command.hidden = True
        return command


@click.group(
    cls=NianbaoGroup,
    create_app=_create_app,
    add_version_option=False,
    load_dotenv=False,
    set_debug_flag=False,
    help="Nianbao (年报): crawl, parse, search and serve government information-disclosure annual reports.",
)
def main() -> None:
    """Entry point of the ``nianbao`` console script."""


for module_name, attribute in COMMANDS:
    main.add_command(getattr(importlib.import_module(module_name), attribute))

# The app always comes from ``create_app``; Flask's --app/--env-file options would only mislead.
main.params = [param for param in main.params if param.name not in {"app", "env_file"}]
