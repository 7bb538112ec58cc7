"""The layers of journeyctl depend only on the layers below them.

Read from the import statements of every module under ``src/journeyctl`` (module-level
and function-local, and ``importlib.import_module("...")`` targets, which hide an import
from a plain reading): rules see neither the loader nor the linter, reporters and renderers
do not see the linter or the workspace loader, and no module imports itself back.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SOURCE = Path(__file__).resolve().parent.parent / "src" / "journeyctl"


def _module_name(path: Path) -> str:
    parts = ("journeyctl", *path.relative_to(SOURCE).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {_module_name(path): path for path in sorted(SOURCE.rglob("*.py"))}


def _resolve(module: str, is_package: bool, level: int, target: str | None) -> str:
    """The absolute name of a (possibly relative) import target."""
    if not level:
        return target or ""
    base = module.split(".")
    base = base if is_package else base[:-1]
    base = base[: len(base) - (level - 1)]
    return ".".join([*base, target] if target else base)


def _known(name: str) -> str | None:
    """The journeyctl module ``name`` is, or lies in (``a.b.C`` → ``a.b``)."""
    while name:
        if name in MODULES:
            return name
        name = name.rpartition(".")[0]
    return None


def imports_of(module: str) -> set[str]:
    """The journeyctl modules ``module`` imports, wherever in it the import stands."""
    path = MODULES[module]
    is_package = path.name == "__init__.py"
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        names: list[str] = []
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = _resolve(module, is_package, node.level, node.module)
            # ``from journeyctl.rules import dead_end`` imports a module, not a name
            names = [f"{base}.{alias.name}" if f"{base}.{alias.name}" in MODULES else base for alias in node.names]
        elif isinstance(node, ast.Call) and _is_import_module(node.func) and node.args:
            target = node.args[0]
            if isinstance(target, ast.Constant) and isinstance(target.value, str):
                names = [target.value]
            elif isinstance(target, ast.JoinedStr) and isinstance(target.values[0], ast.Constant):
                # ``f"journeyctl.rules.{name}"``: any module of that package
                prefix = target.values[0].value
                names = [name for name in MODULES if name.startswith(prefix)]
        found.update(known for name in names if (known := _known(name)) and known != module)
    return found


def _is_import_module(func: ast.expr) -> bool:
    return (isinstance(func, ast.Attribute) and func.attr == "import_module") or (
        isinstance(func, ast.Name) and func.id == "import_module"
    )


GRAPH = {module: imports_of(module) for module in MODULES}


def _under(module: str, package: str) -> bool:
    return module == package or module.startswith(package + ".")


def _is_loader(module: str) -> bool:
    last = module.removeprefix("journeyctl.").split(".")[0]
    return last.startswith("workspace") or last in ("yamlload", "files")


@pytest.mark.parametrize("module", [m for m in MODULES if _under(m, "journeyctl.rules")])
def test_rules_import_neither_loader_nor_linter(module):
    forbidden = {
        m for m in GRAPH[module]
        if _is_loader(m) or m in ("journeyctl.linter", "journeyctl.selection")
    }
    assert not forbidden, f"{module} imports {sorted(forbidden)}"


@pytest.mark.parametrize(
    "module", [m for m in MODULES if _under(m, "journeyctl.reporters") or _under(m, "journeyctl.render")]
)
def test_outputs_import_neither_linter_nor_workspace(module):
    forbidden = {
        m for m in GRAPH[module]
        if m == "journeyctl.linter" or m.removeprefix("journeyctl.").startswith("workspace")
    }
    assert not forbidden, f"{module} imports {sorted(forbidden)}"


def _cycle() -> list[str] | None:
    """One import cycle among the modules, as the chain of modules, or ``None``."""
    state: dict[str, int] = {}  # 1: on the current chain, 2: done
    chain: list[str] = []

    def visit(module: str) -> list[str] | None:
        state[module] = 1
        chain.append(module)
        for target in sorted(GRAPH[module]):
            if state.get(target) == 1:
                return chain[chain.index(target):] + [target]
            if target not in state and (found := visit(target)):
                return found
        chain.pop()
        state[module] = 2
        return None

    for module in sorted(GRAPH):
        if module not in state and (found := visit(module)):
            return found
    return None


def test_no_import_cycle():
    cycle = _cycle()
    assert cycle is None, "import cycle: " + " -> ".join(cycle or [])


def test_the_reader_sees_hidden_imports():
    """The cycle check is only as good as its reading of ``importlib`` calls."""
    assert "journeyctl.rules.dead_end" in GRAPH["journeyctl.rules"]
