"""docket's layers: every import inside src/docket goes down, never up or sideways, and no
module imports itself back through others.

The layers are written down once, here (docs/ARCHITECTURE.md draws the same picture). Each
line is a layer, lowest first; each name on it is a unit: a package (with everything under it)
or a module. A module may import from its own unit and from the units of lower layers; an
arrow to a higher layer, or to another unit of its own layer, fails. The imports are read
from the source with ``ast``: those inside functions and under ``TYPE_CHECKING`` count too,
since they are arrows all the same. A package's ``__init__`` run on the way to one of its
modules is not counted as an import of it.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import docket

PACKAGE = Path(docket.__file__).parent

LAYERS: list[tuple[str, ...]] = [
    ("docket", "docket.data", "docket.settings", "docket.isodates"),
    ("docket.record", "docket.gazetteer", "docket.timex3"),
    (
        "docket.wire",
        "docket.pieces",
        "docket.model_speed",
        "docket.ingest",
        "docket.extract",
        "docket.extract.common",
    ),
    ("docket.parse_speed",),  # the parser's decoder, on model_speed's BLIS product and fit check
    # extract/'s stages, one folder each, above the helpers they share (extract/common/)
    (
        "docket.extract.timex",
        "docket.extract.quantity",
        "docket.extract.actor",
        "docket.extract.certainty",
        "docket.extract.source",
    ),
    ("docket.extract.event",),  # reads the actors, sources and certainty cues found before it
    ("docket.extract.commitment",),  # built on the event stage's triggers and index
    ("docket.pipeline",),
    ("docket.story", "docket.store"),  # the domain and the database: neither knows the other
    ("docket.index",),  # the saved story index: story's merge kept in store's tables
    ("docket.render", "docket.export", "docket.batch", "docket.watch", "docket.web", "docket.evaluate"),
    ("docket.commands",),
    ("docket.cli",),
    ("docket.__main__",),
]

# Cycles known and left for a later step, each with why (none now: counted and the commitment
# rules, the last one, share their day arithmetic through extract/common/counting.py).
KNOWN_CYCLES: list[frozenset[str]] = []


def modules() -> dict[str, Path]:
    """Every module of the package by its dotted name (a package by its own name)."""
    found: dict[str, Path] = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        found[".".join(parts)] = path
    return found


def imports(name: str, path: Path, known: dict[str, Path]) -> Iterator[tuple[str, int]]:
    """The modules of docket that ``name`` imports, each with the line of the import."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name in known:
                    yield alias.name, node.lineno
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                source = ".".join([*base, *([node.module] if node.module else [])])
            else:
                source = node.module or ""
            if not source.startswith("docket"):
                continue
            for alias in node.names:
                target = f"{source}.{alias.name}"
                yield (target if target in known else source), node.lineno


def graph() -> dict[str, dict[str, int]]:
    """Module -> the docket modules it imports (other than itself) -> a line importing it."""
    known = modules()
    out: dict[str, dict[str, int]] = {}
    for name, path in known.items():
        out[name] = {}
        for target, line in imports(name, path, known):
            if target != name and target in known:
                out[name].setdefault(target, line)
    return out


def unit(module: str) -> tuple[int, str]:
    """The layer (its index) and the unit a module belongs to: the longest name that holds it."""
    best: tuple[int, str] | None = None
    for level, names in enumerate(LAYERS):
        for u in names:
            if (module == u or module.startswith(u + ".")) and (best is None or len(u) > len(best[1])):
                best = (level, u)
    assert best is not None, f"{module} is in no layer: add it to LAYERS in {__file__}"
    return best


def cycles(edges: dict[str, dict[str, int]]) -> list[frozenset[str]]:
    """The strongly connected groups of more than one module (Tarjan's algorithm, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[frozenset[str]] = []
    for root in sorted(edges):
        if root in index:
            continue
        work = [(root, iter(sorted(edges[root])))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        while work:
            node, targets = work[-1]
            for target in targets:
                if target not in index:
                    index[target] = low[target] = len(index)
                    stack.append(target)
                    on_stack.add(target)
                    work.append((target, iter(sorted(edges[target]))))
                    break
                if target in on_stack:
                    low[node] = min(low[node], index[target])
            else:
                work.pop()
                if work:
                    low[work[-1][0]] = min(low[work[-1][0]], low[node])
                if low[node] == index[node]:
                    group = set()
                    while True:
                        member = stack.pop()
                        on_stack.discard(member)
                        group.add(member)
                        if member == node:
                            break
                    if len(group) > 1:
                        found.append(frozenset(group))
    return found


def test_every_module_has_a_layer() -> None:
    for name in modules():
        unit(name)


def test_imports_go_down_the_layers() -> None:
    wrong = []
    for source, targets in sorted(graph().items()):
        level, mine = unit(source)
        for target, line in sorted(targets.items()):
            their_level, theirs = unit(target)
            if theirs == mine:
                continue
            if their_level > level:
                wrong.append(f"{source}:{line} imports {target}, a higher layer ({theirs})")
            elif their_level == level:
                wrong.append(f"{source}:{line} imports {target}, beside it in the same layer ({theirs})")
    assert not wrong, "\n".join(wrong)


def test_no_import_cycles() -> None:
    found = [c for c in cycles(graph()) if c not in KNOWN_CYCLES]
    assert not found, "import cycles: " + "; ".join(" <-> ".join(sorted(c)) for c in found)


def test_the_known_cycles_are_still_there() -> None:
    """A known cycle that is gone leaves the list: it must not hide a new one later."""
    now = set(cycles(graph()))
    assert [c for c in KNOWN_CYCLES if c not in now] == []


def test_the_walk_sees_imports_inside_functions_and_relative_ones(tmp_path: Path) -> None:
    code = "def f():\n    from docket.store.sqlite import Store\n\nfrom . import sqlite\n"
    path = tmp_path / "m.py"
    path.write_text(code, encoding="utf-8")
    known = {"docket.store.sqlite": path, "docket.store": path}
    assert sorted(imports("docket.store.m", path, known)) == [
        ("docket.store.sqlite", 2),
        ("docket.store.sqlite", 4),
    ]


def test_cycles_are_found() -> None:
    edges = {"a": {"b": 1}, "b": {"c": 1}, "c": {"a": 1}, "d": {"a": 1}}
    assert cycles(edges) == [frozenset({"a", "b", "c"})]
