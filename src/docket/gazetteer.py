"""The actor gazetteer: who docket knows by name, and the words that stand for them.

Countries come from pycountry (ISO 3166-1 alpha-3 ids and names), completed by
``data/actors_countries.yaml`` (short forms, demonyms, capitals, seats of power);
organisations, armed groups, agencies and news outlets from ``data/actors.yaml``.
A user file (setting ``DOCKET_ACTORS``) of the same form adds or extends entries.

    >>> gaz = load()
    >>> gaz.entry("IRQ").name
    'Iraq'
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal

import pycountry
import yaml

from docket import data

Kind = Literal["country", "organization", "group", "person", "place"]
KINDS: tuple[str, ...] = ("country", "organization", "group", "person", "place")
# How a surface form names its actor: its name or an alias, a demonym, a capital, a seat of power.
FormKind = Literal["name", "demonym", "capital", "seat"]


class GazetteerError(ValueError):
    """A gazetteer file that cannot be used; the message names the file and the fix."""


@dataclass(frozen=True)
class Form:
    """One way of writing an actor in text."""

    text: str
    actor: str
    how: FormKind
    role: str | None = None
    kind: str = "country"  # the kind of the actor it names


@dataclass
class Entry:
    id: str
    name: str
    kind: Kind
    aliases: list[str] = field(default_factory=list)
    demonyms: list[str] = field(default_factory=list)
    capitals: list[str] = field(default_factory=list)
    seats: dict[str, str] = field(default_factory=dict)
    unless_next: list[str] = field(default_factory=list)
    affiliation: str | None = None

    def forms(self, capital_role: str | None = None) -> Iterator[Form]:
        for text in self.aliases:
            yield Form(text, self.id, "name", kind=self.kind)
        for text in self.demonyms:
            yield Form(text, self.id, "demonym", kind=self.kind)
        for text in self.capitals:
            yield Form(text, self.id, "capital", capital_role, kind=self.kind)
            if text.upper() != text:  # datelines: "BAGHDAD - ..."
                yield Form(text.upper(), self.id, "capital", capital_role, kind=self.kind)
        for text, role in self.seats.items():
            yield Form(text, self.id, "seat", role, kind=self.kind)

    def as_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"id": self.id, "name": self.name, "kind": self.kind, "aliases": self.aliases}
        if self.demonyms:
            out["demonyms"] = self.demonyms
        if self.capitals:
            out["capitals"] = self.capitals
        if self.seats:
            out["seats"] = self.seats
        if self.affiliation:
            out["affiliation"] = self.affiliation
        return out


def slug(text: str) -> str:
    """A stable lower-case id from a name: 'Saddam Hussein' -> 'saddam-hussein'; an apostrophe
    inside a word goes, as people write such names in ids: "Oliver's Stores" -> 'olivers-stores'."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    plain = re.sub(r"(?<=[A-Za-z0-9])'(?=[A-Za-z])", "", plain)
    out: list[str] = []
    for ch in plain.lower():
        if ch.isalnum():
            out.append(ch)
        elif out and out[-1] != "-":
            out.append("-")
    return "".join(out).strip("-")


@dataclass
class Gazetteer:
    entries: dict[str, Entry]
    capital_role: str | None = None
    _index: dict[str, Form] = field(default_factory=dict, init=False, repr=False)

    def __post_init__(self) -> None:
        # The first entry to claim a surface form keeps it: countries come before organisations.
        for entry in self.entries.values():
            for form in entry.forms(self.capital_role):
                self._index.setdefault(form.text, form)

    def entry(self, actor_id: str) -> Entry:
        return self.entries[actor_id]

    def get(self, actor_id: str) -> Entry | None:
        return self.entries.get(actor_id)

    def form(self, text: str) -> Form | None:
        """The actor a surface form names, exactly as written, or None."""
        return self._index.get(text)

    def forms(self) -> list[Form]:
        return list(self._index.values())

    def search(self, query: str = "") -> list[Entry]:
        """Entries whose id, name or any surface form contains ``query`` (case-insensitive)."""
        needle = query.strip().casefold()
        if not needle:
            return list(self.entries.values())
        found: list[Entry] = []
        for entry in self.entries.values():
            texts = [entry.id, entry.name, *entry.aliases, *entry.demonyms, *entry.capitals, *entry.seats]
            if any(needle in t.casefold() for t in texts):
                found.append(entry)
        return found


def _strings(value: Any, where: str) -> list[str]:
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise GazetteerError(f"{where}: expected a list of strings, got {value!r}")
    return list(value)


def _country_names(code: str) -> tuple[str | None, list[str]]:
    """pycountry's display name and plain names (no 'Korea, Republic of' inversions) for a code."""
    country = pycountry.countries.get(alpha_3=code)
    if country is None:
        return None, []
    names: list[str] = []
    for attr in ("common_name", "name", "official_name"):
        value = getattr(country, attr, None)
        if isinstance(value, str) and "," not in value and value not in names:
            names.append(value)
    display = getattr(country, "common_name", None) or country.name
    return str(display), names


def _add_countries(entries: dict[str, Entry], table: Mapping[str, Any], where: str) -> None:
    for code, spec in table.items():
        if not isinstance(code, str) or len(code) != 3 or not code.isupper():
            raise GazetteerError(f"{where}: country key {code!r} is not an ISO 3166-1 alpha-3 code like IRQ")
        spec = spec or {}
        if not isinstance(spec, Mapping):
            raise GazetteerError(f"{where}: {code} must map to a table of aliases, demonyms, capitals, seats")
        seats = spec.get("seats") or {}
        if not isinstance(seats, Mapping):
            raise GazetteerError(f"{where}: {code}.seats must map each seat to the role it stands for")
        entry = entries.get(code)
        if entry is None:
            display, names = _country_names(code)
            entry = Entry(
                id=code, name=str(spec.get("name") or display or code), kind="country", aliases=names
            )
            entries[code] = entry
        elif spec.get("name"):
            entry.name = str(spec["name"])
        _extend(entry.aliases, _strings(spec.get("aliases"), f"{where}: {code}.aliases"))
        _extend(entry.demonyms, _strings(spec.get("demonyms"), f"{where}: {code}.demonyms"))
        _extend(entry.capitals, _strings(spec.get("capitals"), f"{where}: {code}.capitals"))
        _extend(entry.unless_next, _strings(spec.get("unless_next"), f"{where}: {code}.unless_next"))
        entry.seats.update({str(k): str(v) for k, v in seats.items()})


def _extend(target: list[str], values: Iterable[str]) -> None:
    for value in values:
        if value not in target:
            target.append(value)


def _add_organizations(entries: dict[str, Entry], items: Any, where: str) -> None:
    if items is None:
        return
    if not isinstance(items, list):
        raise GazetteerError(
            f"{where}: 'organizations' must be a list of entries with id, name, kind, aliases"
        )
    for n, item in enumerate(items, 1):
        if not isinstance(item, Mapping) or not item.get("id") or not item.get("name"):
            raise GazetteerError(f"{where}: organization #{n} needs at least an id and a name")
        actor_id = str(item["id"])
        kind = str(item.get("kind") or "organization")
        if kind not in KINDS:
            raise GazetteerError(f"{where}: {actor_id}: kind {kind!r} is not one of {', '.join(KINDS)}")
        aliases = _strings(item.get("aliases"), f"{where}: {actor_id}.aliases") or [str(item["name"])]
        entry = entries.get(actor_id)
        if entry is None:
            entries[actor_id] = Entry(
                id=actor_id,
                name=str(item["name"]),
                kind=kind,  # type: ignore[arg-type]
                aliases=aliases,
                affiliation=str(item["affiliation"]) if item.get("affiliation") else None,
            )
        else:
            entry.name = str(item["name"])
            _extend(entry.aliases, aliases)
            if item.get("affiliation"):
                entry.affiliation = str(item["affiliation"])


def _read_user_file(path: Path) -> Mapping[str, Any]:
    try:
        content = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise GazetteerError(
            f"{path}: cannot read the actors file ({exc.strerror}); fix the path in DOCKET_ACTORS"
        ) from None
    except yaml.YAMLError as exc:
        raise GazetteerError(f"{path}: not valid YAML ({exc.__class__.__name__}); fix the file") from None
    if content is None:
        return {}
    if not isinstance(content, Mapping):
        raise GazetteerError(f"{path}: expected a table with 'organizations' and/or 'countries'")
    return content


@lru_cache(maxsize=8)
def load(user_file: str = "") -> Gazetteer:
    """The gazetteer: pycountry + docket's tables (+ the user's file, if given). Cached."""
    entries: dict[str, Entry] = {}
    for country in pycountry.countries:
        display, names = _country_names(country.alpha_3)
        entries[country.alpha_3] = Entry(
            id=country.alpha_3, name=display or country.alpha_3, kind="country", aliases=names
        )
    _add_countries(entries, data.load("actors_countries.yaml"), "actors_countries.yaml")
    _add_organizations(entries, data.load("actors.yaml").get("organizations"), "actors.yaml")
    if user_file:
        path = Path(user_file)
        content = _read_user_file(path)
        _add_countries(entries, content.get("countries") or {}, str(path))
        _add_organizations(entries, content.get("organizations"), str(path))
    roles = data.load("actors_roles.yaml")
    return Gazetteer(entries, capital_role=roles.get("capital_role"))
