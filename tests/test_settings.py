"""Settings are declared once, read from the environment, and documented in the README."""

from __future__ import annotations

from pathlib import Path

from docket import settings

README = Path(__file__).resolve().parents[1] / "README.md"


def test_defaults_and_environment() -> None:
    base = settings.load({})
    assert base.db == "docket.db" and base.max_chars == 5_000_000 and base.check_language
    env = settings.load({"DOCKET_DB": "/tmp/x.db", "DOCKET_MAX_CHARS": "10", "DOCKET_CHECK_LANGUAGE": "0"})
    assert env.db == "/tmp/x.db" and env.max_chars == 10 and not env.check_language


def test_explicit_values_win_and_none_means_not_given() -> None:
    got = settings.load({"DOCKET_DB": "/tmp/env.db"}, db="/tmp/flag.db", max_chars=None)
    assert got.db == "/tmp/flag.db" and got.max_chars == 5_000_000


def test_every_setting_is_documented_in_the_readme() -> None:
    text = README.read_text(encoding="utf-8")
    missing = [s.env for s in settings.DECLARED if s.env not in text]
    assert not missing, f"document these settings in README.md: {missing}"


def test_entities_setting_names_by_default_full_on_request_and_nothing_else() -> None:
    import pytest

    assert settings.load({}).entities == "names"
    assert settings.load({"DOCKET_ENTITIES": " Full "}).entities == "full"
    with pytest.raises(
        settings.SettingError, match="DOCKET_ENTITIES='all' cannot be used: must be names or full"
    ):
        settings.load({"DOCKET_ENTITIES": "all"})


def test_a_bad_setting_is_one_line_naming_the_variable_and_exit_2(tmp_path: Path) -> None:
    import os
    import subprocess
    import sys

    for env, value in (("DOCKET_MAX_CHARS", "lots"), ("DOCKET_ENTITIES", "everything")):
        run = subprocess.run(
            [str(Path(sys.executable).with_name("docket")), "due", "--db", str(tmp_path / "s.db")],
            env={**os.environ, env: value},
            capture_output=True,
            text=True,
            check=False,
        )
        assert run.returncode == 2
        lines = run.stderr.strip().splitlines()
        assert len(lines) == 1, run.stderr
        assert lines[0].startswith(f"docket: {env}={value!r} cannot be used")
        assert f"unset {env}" in lines[0]
        assert "Traceback" not in run.stderr
        assert not (tmp_path / "s.db").exists()
