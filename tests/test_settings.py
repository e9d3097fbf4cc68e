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
