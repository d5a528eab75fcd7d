"""docs/ARCHITECTURE.md is the map of the code: modules, layers, kinds and live events agree."""

import ast
import re
from pathlib import Path

import pytest

from toolkit.config import ROOT
from toolkit.kinds import KINDS
from toolkit.room.pages import STAGE_EVENTS

PACKAGE = ROOT / "toolkit"
MAP = ROOT / "docs" / "ARCHITECTURE.md"
LAYERS = ("base", "data", "request", "pages", "views", "app")
FLASK = ("flask", "flask_wtf")
MAX_LINES = 400
# Sent by the brokers themselves (a stream that missed events), never by a data function.
BROKER_EVENTS = {"refresh"}


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def source_files() -> dict[str, Path]:
    """Every module of the package by dotted name; the frozen migrations are not code to map."""
    files = sorted(PACKAGE.rglob("*.py"))
    return {module_name(p): p for p in files if "migrations" not in p.relative_to(PACKAGE).parts}


MODULES = source_files()


def imports_of(path: Path) -> tuple[set[str], set[str]]:
    """The package's modules this file imports, and the outside top-level packages it imports."""
    inside, outside = set(), set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.ImportFrom) and node.module:
            if node.module.split(".")[0] != "toolkit":
                outside.add(node.module.split(".")[0])
                continue
            for alias in node.names:
                full = f"{node.module}.{alias.name}"
                inside.add(full if full in MODULES else node.module)
        elif isinstance(node, ast.Import):
            for alias in node.names:
                top = alias.name.split(".")[0]
                (inside if top == "toolkit" else outside).add(
                    alias.name if top == "toolkit" else top
                )
    inside.discard(module_name(path))
    return inside, outside


def map_rows(heading: str) -> list[list[str]]:
    """The rows of the table under a `## heading` of the map, as cells without backticks."""
    text = MAP.read_text()
    match = re.search(rf"^## {re.escape(heading)}\n(.*?)(?=^## |\Z)", text, re.M | re.S)
    assert match, f"docs/ARCHITECTURE.md has no section '## {heading}'"
    rows = []
    for line in match.group(1).splitlines():
        if line.startswith("|") and not re.match(r"^\|[\s|:-]+\|$", line):
            rows.append([cell.strip().strip("`") for cell in line.strip("|").split("|")])
    return rows[1:]  # the first row is the table's header


def mapped_layers() -> dict[str, str]:
    """The layer the map gives each module, by dotted name."""
    layers = {}
    for path, layer, *_ in map_rows("Modules"):
        layers[module_name(PACKAGE / path)] = layer
    return layers


def is_blueprint(path: Path) -> bool:
    return re.search(r"^bp = Blueprint\(", path.read_text(), re.M) is not None


def test_every_module_is_on_the_map_and_every_mapped_module_exists():
    mapped = set(mapped_layers())
    assert sorted(set(MODULES) - mapped) == [], "modules missing from docs/ARCHITECTURE.md"
    assert sorted(mapped - set(MODULES)) == [], "docs/ARCHITECTURE.md names modules that are gone"


def test_every_module_has_a_known_layer():
    unknown = {m: layer for m, layer in mapped_layers().items() if layer not in LAYERS}
    assert unknown == {}


def test_imports_point_down_and_blueprints_do_not_import_each_other():
    layers = mapped_layers()
    wrong = []
    for name, path in MODULES.items():
        inside, _ = imports_of(path)
        for target in inside:
            mine, theirs = LAYERS.index(layers[name]), LAYERS.index(layers[target])
            if theirs > mine or (theirs == mine == LAYERS.index("views")):
                wrong.append(f"{name} ({layers[name]}) imports {target} ({layers[target]})")
    assert wrong == []


def test_only_the_request_layer_and_above_import_flask():
    layers = mapped_layers()
    low = [n for n, layer in layers.items() if LAYERS.index(layer) < LAYERS.index("request")]
    assert [n for n in low if imports_of(MODULES[n])[1] & set(FLASK)] == []


def test_blueprints_are_exactly_the_views_layer():
    layers = mapped_layers()
    blueprints = {n for n, p in MODULES.items() if is_blueprint(p)}
    assert blueprints == {n for n, layer in layers.items() if layer == "views"}


def test_there_are_no_import_cycles():
    graph = {name: imports_of(path)[0] & set(MODULES) for name, path in MODULES.items()}
    cycles, state = [], {}

    def visit(node, trail):
        state[node] = "open"
        for nxt in sorted(graph[node]):
            if state.get(nxt) == "open":
                cycles.append(trail[trail.index(nxt) :] + [nxt])
            elif nxt not in state:
                visit(nxt, [*trail, nxt])
        state[node] = "done"

    for name in sorted(graph):
        if name not in state:
            visit(name, [name])
    assert cycles == []


@pytest.mark.parametrize("name", sorted(MODULES))
def test_modules_stay_short(name):
    assert len(MODULES[name].read_text().splitlines()) <= MAX_LINES


def published_events() -> dict[str, set[str]]:
    """Each live event name passed to `mark()`, with the modules that pass it."""
    events: dict[str, set[str]] = {}
    for name, path in MODULES.items():
        tree = ast.parse(path.read_text())
        constants = {
            target.id: node.value.value
            for node in tree.body
            if isinstance(node, ast.Assign) and isinstance(node.value, ast.Constant)
            for target in node.targets
            if isinstance(target, ast.Name)
        }
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "mark":
                for arg in node.args[2:]:
                    value = arg.value if isinstance(arg, ast.Constant) else None
                    if isinstance(arg, ast.Name):
                        value = constants.get(arg.id) or _imported_constant(tree, arg.id)
                    assert isinstance(value, str), f"{name}: mark() with an event name not known"
                    events.setdefault(value, set()).add(name)
    return events


def _imported_constant(tree: ast.Module, local: str) -> str | None:
    """The value of a module-level string constant imported from another module of the package."""
    for node in tree.body:
        if isinstance(node, ast.ImportFrom) and node.module in MODULES:
            if any((a.asname or a.name) == local for a in node.names):
                source = ast.parse(MODULES[node.module].read_text())
                for item in source.body:
                    if isinstance(item, ast.Assign) and isinstance(item.value, ast.Constant):
                        if any(getattr(t, "id", None) == local for t in item.targets):
                            return item.value.value
    return None


def listened_events() -> dict[str, set[str]]:
    """Each live event a screen listens to, with the templates, kinds and stage that do."""
    events: dict[str, set[str]] = {}
    for path in sorted((ROOT / "templates").rglob("*.html")):
        where = path.relative_to(ROOT / "templates").as_posix()
        for event in template_events(path.read_text()):
            events.setdefault(event, set()).add(where)
    for kind in KINDS.values():
        for event in kind.events:
            events.setdefault(event, set()).add(f"kind {kind.name}")
    for event in STAGE_EVENTS:
        events.setdefault(event, set()).add("the projector's stage")
    return events


def template_events(source: str) -> set[str]:
    """The events a template's hx-triggers and live_region calls name."""
    events = set(re.findall(r"live:([a-z]+)", source))
    for call in re.findall(r"{%\s*call\s+live_region\((.*?)\)\s*%}", source):
        listed = re.search(r"\[([^\]]*)\]", call)
        events |= set(re.findall(r'"([a-z]+)"', listed.group(1))) if listed else set()
    return events - {"name"}  # the macro's own loop variable


def test_every_published_event_has_a_listener_and_every_listener_a_publisher():
    published, listened = set(published_events()), set(listened_events()) - BROKER_EVENTS
    assert sorted(published - listened) == [], "published, but no screen listens"
    assert sorted(listened - published) == [], "listened to, but nothing publishes it"


def test_the_map_lists_each_live_event_with_its_publishers():
    rows = {row[0]: row for row in map_rows("Live events")}
    published = published_events()
    assert sorted(rows) == sorted(set(published) | BROKER_EVENTS)
    for event, modules in published.items():
        named = {m.strip().strip("`") for m in rows[event][1].split(",")}
        assert named == {m.removeprefix("toolkit.") for m in modules}, event


def test_the_map_lists_every_kind():
    assert sorted(row[0] for row in map_rows("Exercise kinds")) == sorted(KINDS)
