"""``nianbao create-admin`` and ``nianbao admins``: administrator accounts of the admin area."""

from __future__ import annotations

import sys

import click
from flask.cli import with_appcontext

from cli.services import current_services
from portal.admin.accounts import AccountError, create_admin, list_admins, set_admin_disabled
from portal.admin.audit import record_action
from portal.admin.display import format_time


@click.command("create-admin", help="Create an administrator of the admin area (/admin).")
@click.argument("name")
@click.option(
    "--password-stdin",
    is_flag=True,
    help="Read the password from the first line of standard input (implied when it is not a TTY).",
)
@with_appcontext
def create_admin_command(name: str, password_stdin: bool) -> None:
    """Create the account ``NAME``; the password is asked twice, hidden, or read from stdin."""
    password = _read_password(password_stdin)
    try:
        with current_services().database.session() as session:
            create_admin(session, name, password)
            record_action(session, "admin.create", f"命令行创建管理员 {name}", user_name="(命令行)")
    except AccountError as error:
        raise click.ClickException(str(error)) from error
    click.echo(f"已创建管理员 {name.strip()}。")


@click.group("admins", help="List, disable and enable administrators.")
def admins_group() -> None:
    """Administrator accounts."""


@admins_group.command("list", help="List administrators.")
@with_appcontext
def list_command() -> None:
    """Print every account with its state and last sign-in."""
    with current_services().database.session() as session:
        admins = list_admins(session)
    if not admins:
        click.echo("还没有管理员。用 nianbao create-admin NAME 创建。")
        return
    for admin in admins:
        state = "已停用" if admin.disabled else "启用"
        last = format_time(admin.last_login_at)
        click.echo(
            f"{admin.name}\t{state}\t创建于 {format_time(admin.created_at)}\t最近登录 {last}"
        )


@admins_group.command("disable", help="Disable an administrator: no more sign-ins or sessions.")
@click.argument("name")
@with_appcontext
def disable_command(name: str) -> None:
    """Disable the account ``NAME``."""
    _set_disabled(name, True)
    click.echo(f"已停用管理员 {name}。")


@admins_group.command("enable", help="Enable a disabled administrator again.")
@click.argument("name")
@with_appcontext
def enable_command(name: str) -> None:
    """Enable the account ``NAME``."""
    _set_disabled(name, False)
    click.echo(f"已启用管理员 {name}。")


def _set_disabled(name: str, disabled: bool) -> None:
    try:
        with current_services().database.session() as session:
            set_admin_disabled(session, name, disabled)
            action = "admin.disable" if disabled else "admin.enable"
            record_action(
                session,
                action,
                f"命令行{'停用' if disabled else '启用'}管理员 {name}",
                user_name="(命令行)",
            )
    except AccountError as error:
        raise click.ClickException(str(error)) from error


def _read_password(from_stdin: bool) -> str:
    """The password: the first line of stdin, or typed twice at a hidden prompt."""
    if from_stdin or not sys.stdin.isatty():
        password = sys.stdin.readline().rstrip("\r\n")
        if not password:
            raise click.ClickException("标准输入中没有密码。")
        return password
    typed: str = click.prompt("密码", hide_input=True, confirmation_prompt="再次输入密码")
    return typed
