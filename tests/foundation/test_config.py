"""Settings come from NIANBAO_* variables, with defaults, and the README documents every one."""

from __future__ import annotations

from pathlib import Path

import pytest

from config import Settings, SettingsError, describe_settings

README = Path(__file__).resolve().parents[2] / "README.md"


def test_defaults_keep_all_state_under_the_data_directory() -> None:
    settings = Settings()
    assert settings.data_dir == Path("instance")
    assert settings.sqlalchemy_url.endswith("instance/nianbao.sqlite3")
    assert settings.index_dir == Path("instance/index")
    assert settings.blobs_dir == Path("instance/blobs")


def test_environment_variables_override_defaults_with_their_types() -> None:
    settings = Settings.from_env(
        {
            "NIANBAO_DATA_DIR": "/srv/nianbao",
            "NIANBAO_DATABASE_URL": "postgresql+psycopg://db/nianbao",
            "NIANBAO_CRAWL_DELAY": "2.5",
            "NIANBAO_MAX_RETRIES": "7",
            "NIANBAO_ALLOW_PRIVATE_ADDRESSES": "yes",
        }
    )
    assert settings.data_dir == Path("/srv/nianbao")
    assert settings.sqlalchemy_url == "postgresql+psycopg://db/nianbao"
    assert settings.crawl_delay == 2.5
    assert settings.max_retries == 7
    assert settings.allow_private_addresses is True


def test_a_malformed_value_names_the_variable() -> None:
    with pytest.raises(SettingsError, match="NIANBAO_CRAWL_DELAY"):
        Settings.from_env({"NIANBAO_CRAWL_DELAY": "soon"})


def test_readme_documents_every_setting() -> None:
    readme = README.read_text(encoding="utf-8")
    missing = [name for name, _default, _help in describe_settings() if name not in readme]
    assert missing == []
