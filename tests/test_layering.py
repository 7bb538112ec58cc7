"""The layers of journeyctl depend only on the layers below them (docs/architecture.md).

Read from the import statements of every module under ``src/journeyctl`` (module-level,
function-local and under ``if TYPE_CHECKING``, and ``importlib.import_module("...")``
targets, which hide an import from a plain reading): every import goes down the ordered
list of layers or stays within one; rules see neither the loader nor the linter, reporters
and renderers see neither the linter nor the workspace loader, and no module imports itself
back. The checks are also fed made-up modules with an upward import, so that a reader
that stopped seeing imports would fail here rather than pass everything.
"""

from __future__ import annotations

import ast
from collections.abc import Mapping
from pathlib import Path

import pytest

SOURCE = Path(__file__).resolve().parent.parent / "src" / "journeyctl"

#: The layers, bottom first: a module may import its own layer and the layers before it.
#: ``journeyctl`` itself holds only the version, which any layer may name.
LAYERS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("text", ("journeyctl", "journeyctl.text")),
    ("model", ("journeyctl.model",)),
    ("loading", ("journeyctl.loading",)),
    ("analysis", ("journeyctl.analysis",)),
    ("evidence", ("journeyctl.evidence",)),
    ("checks", ("journeyctl.checks",)),
    ("outputs", ("journeyctl.outputs",)),
    ("review", ("journeyctl.review",)),
    ("importers", ("journeyctl.importers",)),
    ("editor", ("journeyctl.editor",)),
    ("cli", ("journeyctl.cli", "journeyctl.__main__")),
)


def _module_name(path: Path) -> str:
    parts = ("journeyctl", *path.relative_to(SOURCE).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {_module_name(path): path for path in sorted(SOURCE.rglob("*.py"))}


def _under(module: str, package: str) -> bool:
    return module == package or module.startswith(package + ".")


def layer_of(module: str) -> int | None:
    """The index in :data:`LAYERS` of the layer ``module`` belongs to (``None``: no layer)."""
    if module == "journeyctl":
        return 0
    found = [
        (len(package), index)
        for index, (_, packages) in enumerate(LAYERS)
        for package in packages
        if package != "journeyctl" and _under(module, package)
    ]
    return max(found)[1] if found else None


def _resolve(module: str, is_package: bool, level: int, target: str | None) -> str:
    """The absolute name of a (possibly relative) import target."""
    if not level:
        return target or ""
    base = module.split(".")
    base = base if is_package else base[:-1]
    base = base[: len(base) - (level - 1)]
    return ".".join([*base, target] if target else base)


def _known(name: str, modules: Mapping[str, object]) -> str | None:
    """The journeyctl module ``name`` is, or lies in (``a.b.C`` → ``a.b``)."""
    while name:
        if name in modules:
            return name
        name = name.rpartition(".")[0]
    return None


def _is_import_module(func: ast.expr) -> bool:
    return (isinstance(func, ast.Attribute) and func.attr == "import_module") or (
        isinstance(func, ast.Name) and func.id == "import_module"
    )


def imports_in(module: str, source: str, modules: Mapping[str, object], *, is_package: bool = False) -> set[str]:
    """The modules of ``modules`` that ``source`` (the text of ``module``) imports,
    wherever in it the import stands."""
    found: set[str] = set()
    tree = ast.parse(source)
    # ``import_module(TABLE[name])``: every module a string in the file names may be the one
    indirect = any(
        isinstance(node, ast.Call) and _is_import_module(node.func) and node.args
        and not isinstance(node.args[0], (ast.Constant, ast.JoinedStr))
        for node in ast.walk(tree)
    )
    for node in ast.walk(tree):
        names: list[str] = []
        if indirect and isinstance(node, ast.Constant) and isinstance(node.value, str) and node.value in modules:
            names = [node.value]
        elif isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = _resolve(module, is_package, node.level, node.module)
            # ``from journeyctl.checks.rules import dead_end`` imports a module, not a name
            names = [f"{base}.{alias.name}" if f"{base}.{alias.name}" in modules else base for alias in node.names]
        elif isinstance(node, ast.Call) and _is_import_module(node.func) and node.args:
            target = node.args[0]
            if isinstance(target, ast.Constant) and isinstance(target.value, str):
                names = [target.value]
            elif isinstance(target, ast.JoinedStr) and isinstance(target.values[0], ast.Constant):
                # ``f"journeyctl.checks.rules.{name}"``: any module of that package
                prefix = target.values[0].value
                names = [name for name in modules if name.startswith(prefix)]
        found.update(known for name in names if (known := _known(name, modules)) and known != module)
    return found


def imports_of(module: str) -> set[str]:
    path = MODULES[module]
    return imports_in(module, path.read_text(encoding="utf-8"), MODULES, is_package=path.name == "__init__.py")


GRAPH = {module: imports_of(module) for module in MODULES}


def upward_imports(graph: Mapping[str, set[str]]) -> list[str]:
    """Every import of a module from a layer above its own, as ``a -> b (low < high)``."""
    found = []
    for module in sorted(graph):
        for target in sorted(graph[module]):
            low, high = layer_of(module), layer_of(target)
            if low is not None and high is not None and high > low:
                found.append(f"{module} -> {target} ({LAYERS[low][0]} < {LAYERS[high][0]})")
    return found


def forbidden_imports(graph: Mapping[str, set[str]]) -> list[str]:
    """Imports the layer order alone would allow but that break a rule of the house."""
    found = []
    for module in sorted(graph):
        for target in sorted(graph[module]):
            if _under(module, "journeyctl.checks.rules") and (
                _under(target, "journeyctl.loading")
                or target in ("journeyctl.checks.linter", "journeyctl.checks.selection")
            ):
                found.append(f"{module} -> {target}: a rule sees neither the loader nor the linter")
            if (_under(module, "journeyctl.outputs.reporters") or _under(module, "journeyctl.outputs.render")) and (
                target == "journeyctl.checks.linter" or _under(target, "journeyctl.loading.workspace")
            ):
                found.append(f"{module} -> {target}: reporters and renderers are handed what they show")
    return found


def find_cycle(graph: Mapping[str, set[str]]) -> list[str] | None:
    """One import cycle among the modules, as the chain of modules, or ``None``."""
    state: dict[str, int] = {}  # 1: on the current chain, 2: done
    chain: list[str] = []

    def visit(module: str) -> list[str] | None:
        state[module] = 1
        chain.append(module)
        for target in sorted(graph.get(module, ())):
            if state.get(target) == 1:
                return chain[chain.index(target):] + [target]
            if target not in state and (found := visit(target)):
                return found
        chain.pop()
        state[module] = 2
        return None

    for module in sorted(graph):
        if module not in state and (found := visit(module)):
            return found
    return None


def test_every_module_lives_in_a_layer():
    loose = [module for module in MODULES if layer_of(module) is None]
    assert not loose, f"modules in no layer folder: {loose}"


def test_every_import_goes_down_the_layers():
    upward = upward_imports(GRAPH)
    assert not upward, "imports from a lower layer to a higher one:\n" + "\n".join(upward)


def test_rules_reporters_and_renderers_keep_their_distance():
    forbidden = forbidden_imports(GRAPH)
    assert not forbidden, "\n".join(forbidden)


def test_no_import_cycle():
    cycle = find_cycle(GRAPH)
    assert cycle is None, "import cycle: " + " -> ".join(cycle or [])


def test_the_reader_sees_hidden_imports():
    """The checks are only as good as the reading of ``importlib`` calls."""
    assert "journeyctl.checks.rules.dead_end" in GRAPH["journeyctl.checks.rules"]
    assert "journeyctl.outputs.reporters.sarif" in GRAPH["journeyctl.outputs.reporters"]


# A made-up model module that reaches up three ways: at the top, inside a function, and
# through importlib; and a made-up rule and renderer that break the house rules.
FAKE_UPWARD = """\
import importlib
from journeyctl.checks.linter import lint

def later():
    from journeyctl.cli import main
    return importlib.import_module("journeyctl.outputs.reporters.text")
"""


@pytest.mark.parametrize(
    "target",
    ["journeyctl.checks.linter", "journeyctl.cli", "journeyctl.outputs.reporters.text"],
)
def test_an_upward_import_fails_the_check(target):
    graph = {**GRAPH, "journeyctl.model.fake": imports_in("journeyctl.model.fake", FAKE_UPWARD, MODULES)}
    upward = upward_imports(graph)
    assert f"journeyctl.model.fake -> {target} (model < {LAYERS[layer_of(target)][0]})" in upward


@pytest.mark.parametrize(
    ("module", "target"),
    [
        ("journeyctl.checks.rules.fake", "journeyctl.loading.workspace"),
        ("journeyctl.checks.rules.fake", "journeyctl.checks.linter"),
        ("journeyctl.checks.rules.fake", "journeyctl.checks.selection"),
        ("journeyctl.outputs.render.fake", "journeyctl.checks.linter"),
        ("journeyctl.outputs.reporters.fake", "journeyctl.loading.workspace"),
    ],
)
def test_a_forbidden_import_fails_the_check(module, target):
    source = f"def later():\n    import {target}\n"
    graph = {module: imports_in(module, source, MODULES)}
    assert [line.split(":")[0] for line in forbidden_imports(graph)] == [f"{module} -> {target}"]


def test_a_cycle_fails_the_check():
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert find_cycle(graph) == ["a", "b", "c", "a"]
