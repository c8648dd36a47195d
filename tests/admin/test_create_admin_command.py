"""``nianbao create-admin`` and ``nianbao admins``."""

from __future__ import annotations

from flask.testing import FlaskCliRunner
from sqlalchemy import select

from cli import main
from portal.admin.accounts import authenticate
from services import Services
from storage.models import AdminUser, AuditLogEntry

PASSWORD = "a long enough password"


def test_create_admin_reads_the_password_from_stdin_and_stores_only_its_hash(
    cli_runner: FlaskCliRunner, services: Services
) -> None:
    result = cli_runner.invoke(
        main, ["create-admin", "bob", "--password-stdin"], input=PASSWORD + "\n"
    )
    assert result.exit_code == 0, result.output
    assert "已创建管理员 bob" in result.output
    assert PASSWORD not in result.output
    with services.database.session() as session:
        admin = session.scalar(select(AdminUser).where(AdminUser.name == "bob"))
        assert admin is not None
        assert admin.password_hash != PASSWORD
        assert authenticate(session, "bob", PASSWORD) is not None
        actions = list(session.scalars(select(AuditLogEntry.action)))
    assert actions == ["admin.create"]


def test_create_admin_reads_stdin_without_the_flag_when_it_is_not_a_terminal(
    cli_runner: FlaskCliRunner, services: Services
) -> None:
    result = cli_runner.invoke(main, ["create-admin", "carol"], input=PASSWORD + "\n")
    assert result.exit_code == 0, result.output
    with services.database.session() as session:
        assert authenticate(session, "carol", PASSWORD) is not None


def test_create_admin_refuses_a_short_password_and_a_taken_name(cli_runner: FlaskCliRunner) -> None:
    short = cli_runner.invoke(main, ["create-admin", "dave", "--password-stdin"], input="short\n")
    assert short.exit_code != 0
    assert "密码至少需要" in short.output
    assert cli_runner.invoke(main, ["create-admin", "dave"], input=PASSWORD + "\n").exit_code == 0
    taken = cli_runner.invoke(main, ["create-admin", "dave"], input=PASSWORD + "\n")
    assert taken.exit_code != 0
    assert "已存在" in taken.output


def test_create_admin_refuses_an_empty_stdin(cli_runner: FlaskCliRunner) -> None:
    result = cli_runner.invoke(main, ["create-admin", "erin", "--password-stdin"], input="")
    assert result.exit_code != 0
    assert "没有密码" in result.output


def test_admins_can_be_listed_disabled_and_enabled(
    cli_runner: FlaskCliRunner, services: Services
) -> None:
    cli_runner.invoke(main, ["create-admin", "frank"], input=PASSWORD + "\n")
    assert "frank\t启用" in cli_runner.invoke(main, ["admins", "list"]).output

    assert cli_runner.invoke(main, ["admins", "disable", "frank"]).exit_code == 0
    assert "frank\t已停用" in cli_runner.invoke(main, ["admins", "list"]).output
    with services.database.session() as session:
        assert authenticate(session, "frank", PASSWORD) is None

    assert cli_runner.invoke(main, ["admins", "enable", "frank"]).exit_code == 0
    with services.database.session() as session:
        assert authenticate(session, "frank", PASSWORD) is not None


def test_disabling_an_unknown_admin_fails(cli_runner: FlaskCliRunner) -> None:
    result = cli_runner.invoke(main, ["admins", "disable", "nobody"])
    assert result.exit_code != 0
    assert "没有名为 nobody 的管理员" in result.output
