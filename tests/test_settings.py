from pathlib import Path

import pytest

from khabar.errors import ConfigError
from khabar.settings import Settings, load_settings


def test_defaults_then_toml_then_env_then_overrides(tmp_path: Path) -> None:
    toml = tmp_path / "k.toml"
    toml.write_text('database = "from-toml.db"\nnear_dup_threshold = 0.7\nsearch_limit = 5\n')
    env = {"KHABAR_NEAR_DUP_THRESHOLD": "0.75", "KHABAR_SEARCH_LIMIT": "7"}
    s = load_settings({"search_limit": 9}, config_file=toml, environ=env)
    assert (s.database, s.near_dup_threshold, s.search_limit) == ("from-toml.db", 0.75, 9)


def test_tuple_settings_read_from_env_as_comma_lists() -> None:
    s = load_settings(environ={"KHABAR_TEXT_SUFFIXES": ".txt, .text"})
    assert s.text_suffixes == (".txt", ".text")


def test_unknown_setting_in_file_is_an_error_naming_it(tmp_path: Path) -> None:
    toml = tmp_path / "k.toml"
    toml.write_text("neardup = 0.5\n")
    with pytest.raises(ConfigError, match="neardup"):
        load_settings(config_file=toml, environ={})


def test_bad_values_are_errors_not_crashes() -> None:
    with pytest.raises(ConfigError, match="near_dup_threshold"):
        load_settings(environ={"KHABAR_NEAR_DUP_THRESHOLD": "1.5"})
    with pytest.raises(ConfigError, match="cannot read"):
        load_settings(environ={"KHABAR_SEARCH_LIMIT": "many"})
    with pytest.raises(ConfigError, match="reference_date"):
        load_settings(environ={"KHABAR_REFERENCE_DATE": "23/11/2026"})
    for ratio in ("nan", "0.5", "-1"):  # NaN would turn the bomb guard off unseen
        with pytest.raises(ConfigError, match="max_decompression_ratio"):
            load_settings(environ={"KHABAR_MAX_DECOMPRESSION_RATIO": ratio})
    assert load_settings(environ={"KHABAR_MAX_DECOMPRESSION_RATIO": "0"}).max_decompression_ratio == 0


def test_missing_config_file_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="does not exist"):
        load_settings(config_file=tmp_path / "nope.toml", environ={})


def test_every_setting_has_help() -> None:
    assert all(len(h) > 10 for h in Settings.help().values())


def test_secrets_are_masked_where_settings_are_shown_or_stored() -> None:
    from khabar.settings import Settings

    s = Settings().replace(api_token="s3cret", database_url="postgresql://me:pw@db:5432/k")
    shown = s.as_dict(redact=True)
    assert shown["api_token"] == "***" and shown["database_url"] == "postgresql://me:***@db:5432/k"
    assert s.as_dict()["api_token"] == "s3cret"  # the settings themselves are unchanged


def test_an_ingest_run_does_not_store_the_api_token(tmp_path) -> None:  # type: ignore[no-untyped-def]
    import json

    from khabar.settings import Settings
    from khabar.store import open_store

    s = Settings().replace(database=str(tmp_path / "k.db"), api_token="s3cret")
    with open_store(s) as store:
        store.begin_run(["x"])
        (saved,) = store.db.execute("SELECT settings FROM ingest_runs").fetchone()
    assert json.loads(saved)["api_token"] == "***" and "s3cret" not in saved
