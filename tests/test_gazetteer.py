"""The actor gazetteer: pycountry + docket's tables + a user's file, and `docket actors`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from docket import data, gazetteer
from docket.cli import app
from docket.gazetteer import KINDS, GazetteerError, slug


@pytest.fixture(scope="module")
def gaz() -> gazetteer.Gazetteer:
    return gazetteer.load()


@pytest.mark.parametrize(
    ("text", "actor", "how"),
    [
        ("US", "USA", "name"),
        ("U.S.", "USA", "name"),
        ("the States", "USA", "name"),
        ("American", "USA", "demonym"),
        ("Washington", "USA", "capital"),
        ("Pentagon", "USA", "seat"),
        ("Iraq", "IRQ", "name"),
        ("Iraqi", "IRQ", "demonym"),
        ("Baghdad", "IRQ", "capital"),
        ("Syria", "SYR", "name"),
        ("Kremlin", "RUS", "seat"),
        ("Fiji", "FJI", "name"),  # straight from pycountry, not in docket's tables
        ("ISIL", "isis", "name"),
        ("Daesh", "isis", "name"),
        ("Reuters", "reuters", "name"),
        ("ECOWAS", "ecowas", "name"),
    ],
)
def test_surface_forms_name_their_actor(gaz: gazetteer.Gazetteer, text: str, actor: str, how: str) -> None:
    form = gaz.form(text)
    assert form is not None
    assert (form.actor, form.how) == (actor, how)


def test_seats_keep_the_institution_as_role(gaz: gazetteer.Gazetteer) -> None:
    pentagon = gaz.form("Pentagon")
    washington = gaz.form("Washington")
    assert pentagon is not None and pentagon.role == "Pentagon"
    assert washington is not None and washington.role == "government"


def test_forms_are_case_sensitive(gaz: gazetteer.Gazetteer) -> None:
    assert gaz.form("us") is None  # the pronoun, not the country


def test_countries_have_iso_ids_and_plain_names(gaz: gazetteer.Gazetteer) -> None:
    assert gaz.entry("SYR").name == "Syria"
    assert gaz.entry("USA").name == "United States"
    assert gaz.entry("IRN").kind == "country"
    assert all(len(e.id) == 3 and e.id.isupper() for e in gaz.entries.values() if e.kind == "country")
    # pycountry's inverted names are not surface forms
    assert gaz.form("Korea, Republic of") is None
    assert gaz.form("South Korea") is not None


def test_search_matches_ids_names_and_forms(gaz: gazetteer.Gazetteer) -> None:
    assert [e.id for e in gaz.search("baghdad")] == ["IRQ"]
    assert "isis" in [e.id for e in gaz.search("daesh")]
    assert gaz.search("no such actor anywhere") == []
    assert len(gaz.search("")) == len(gaz.entries)


def test_user_file_adds_and_extends(tmp_path: Path) -> None:
    user = tmp_path / "mine.yaml"
    user.write_text(
        "organizations:\n"
        "  - {id: tigris-watch, name: Tigris Watch, kind: organization, aliases: [Tigris Watch, TW]}\n"
        "  - {id: isis, name: Islamic State, kind: group, aliases: [IS group]}\n"
        "countries:\n"
        "  IRQ: {aliases: [Mesopotamia]}\n",
        encoding="utf-8",
    )
    gaz = gazetteer.load(str(user))
    tw = gaz.form("TW")
    meso = gaz.form("Mesopotamia")
    is_group = gaz.form("IS group")
    assert tw is not None and tw.actor == "tigris-watch"
    assert meso is not None and meso.actor == "IRQ"
    assert is_group is not None and is_group.actor == "isis"
    assert gaz.form("Daesh") is not None  # built-in forms stay


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("organizations: {a: 1}\n", "must be a list"),
        ("organizations:\n  - {name: No Id}\n", "needs at least an id"),
        ("organizations:\n  - {id: x, name: X, kind: tribe}\n", "kind 'tribe'"),
        ("countries:\n  Iraq: {aliases: [X]}\n", "not an ISO 3166-1 alpha-3 code"),
        ("- just a list\n", "expected a table"),
        ("organizations: [\n", "not valid YAML"),
    ],
)
def test_bad_user_files_say_what_to_fix(tmp_path: Path, content: str, message: str) -> None:
    user = tmp_path / "bad.yaml"
    user.write_text(content, encoding="utf-8")
    with pytest.raises(GazetteerError, match=message) as info:
        gazetteer.load(str(user))
    assert str(user) in str(info.value)


def test_missing_user_file_names_the_setting(tmp_path: Path) -> None:
    with pytest.raises(GazetteerError, match="DOCKET_ACTORS"):
        gazetteer.load(str(tmp_path / "absent.yaml"))


def test_data_files_follow_their_schema() -> None:
    orgs = data.load("actors.yaml")["organizations"]
    ids = [o["id"] for o in orgs]
    assert len(ids) == len(set(ids)), "duplicate organisation ids"
    for org in orgs:
        assert set(org) <= {"id", "name", "kind", "aliases", "affiliation", "note"}, org
        assert org["id"] == slug(org["id"]), f"{org['id']} is not a slug"
        assert org["kind"] in KINDS
        assert org["aliases"] and all(isinstance(a, str) and a for a in org["aliases"])
    countries = data.load("actors_countries.yaml")
    for code, spec in countries.items():
        assert len(code) == 3 and code.isupper(), code
        assert set(spec) <= {"name", "aliases", "demonyms", "capitals", "seats", "unless_next"}, code
        for key in ("aliases", "demonyms", "capitals", "unless_next"):
            assert all(isinstance(a, str) and a for a in spec.get(key) or []), (code, key)
    roles = data.load("actors_roles.yaml")
    for key in ("role_words", "honorifics", "title_link_words", "person_pronouns", "place_heads"):
        assert all(isinstance(w, str) and w == w.lower() for w in roles[key]), key
    assert all(c["field"] in {"led_by", "backed_by"} for c in roles["compounds"])
    assert all(h.get("kind") in KINDS for h in roles["compound_heads"].values())


def test_every_affiliation_is_a_known_actor() -> None:
    gaz = gazetteer.load()
    for entry in gaz.entries.values():
        if entry.affiliation:
            assert gaz.get(entry.affiliation) is not None, entry.id


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Saddam Hussein", "saddam-hussein"),
        ("Al Sudani", "al-sudani"),
        ("Farhad Farhad", "farhad-farhad"),
        ("Mohammed Shia al-Sudani", "mohammed-shia-al-sudani"),
        ("Médecins Sans Frontières", "medecins-sans-frontieres"),
        ("  the -- Coalition's  ", "the-coalitions"),
        ("Oliver's Stores Inc", "olivers-stores-inc"),
        ("Oliver\u2019s Stores", "olivers-stores"),
        ("O'Brien", "obrien"),
        ("'quoted' name", "quoted-name"),
    ],
)
def test_slug(name: str, expected: str) -> None:
    assert slug(name) == expected


@given(st.text(max_size=60))
def test_slug_is_always_a_clean_id(text: str) -> None:
    out = slug(text)
    assert out == out.strip("-")
    assert "--" not in out
    assert all(ch.isascii() and (ch.islower() or ch.isdigit() or ch == "-") for ch in out)
    assert slug(out) == out


runner = CliRunner()


def test_cli_lists_and_searches() -> None:
    result = runner.invoke(app, ["actors", "baghdad"])
    assert result.exit_code == 0
    assert "IRQ" in result.stdout and "Iraq" in result.stdout
    everything = runner.invoke(app, ["actors", "--json"])
    assert everything.exit_code == 0
    ids = {e["id"] for e in json.loads(everything.stdout)}
    assert {"USA", "IRQ", "SYR", "IRN", "ISR", "isis", "reuters", "nato", "hezbollah", "taliban"} <= ids


def test_cli_search_json_has_the_entry_fields() -> None:
    result = runner.invoke(app, ["actors", "Kremlin", "--json"])
    assert result.exit_code == 0
    [russia] = json.loads(result.stdout)
    assert russia["id"] == "RUS" and russia["kind"] == "country"
    assert russia["seats"]["Kremlin"] == "Kremlin"


def test_cli_no_match_exits_1_with_a_hint() -> None:
    result = runner.invoke(app, ["actors", "qqqq-nothing"])
    assert result.exit_code == 1
    assert "no actor matches" in result.stderr


def test_cli_reads_the_user_file_from_the_setting(tmp_path: Path) -> None:
    user = tmp_path / "mine.yaml"
    user.write_text("organizations:\n  - {id: tigris-watch, name: Tigris Watch, aliases: [Tigris Watch]}\n")
    result = runner.invoke(app, ["actors", "tigris", "--json"], env={"DOCKET_ACTORS": str(user)})
    assert result.exit_code == 0
    assert [e["id"] for e in json.loads(result.stdout)] == ["tigris-watch"]
    bad = runner.invoke(app, ["actors"], env={"DOCKET_ACTORS": str(tmp_path / "absent.yaml")})
    assert bad.exit_code == 1
    assert "absent.yaml" in bad.stderr
