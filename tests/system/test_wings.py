"""The house: sitegen's wings import only downhill, and the floor stays small.

Read from the source with ast, so a lazy import inside a function counts as much as one
at the top of a module."""

from __future__ import annotations

import ast
from pathlib import Path

import sitegen

PACKAGE = Path(sitegen.__file__).resolve().parent
FLOOR = "floor"
# each wing and the wings it may import (the floor is open to all)
ALLOWED = {
    FLOOR: {FLOOR},
    "analysis": {FLOOR, "analysis"},
    "ingest": {FLOOR, "ingest"},
    "site": {FLOOR, "analysis", "site"},
    "build": {FLOOR, "analysis", "site", "build"},
    "serve": {FLOOR, "analysis", "site", "build", "serve"},
}
# the floor's modules that may reach up: the command line starts every command
ENTRY_POINTS = {"cli", "__main__"}


def _wing(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) >= 2 and parts[1] in ALLOWED else FLOOR


def _imports(path: Path) -> set[str]:
    module = ".".join(("sitegen", *path.relative_to(PACKAGE).with_suffix("").parts))
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            names = [f"{target}.{a.name}" for a in node.names] if not node.module else [target]
            found.update(n for n in names if n.startswith("sitegen"))
        elif isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name.startswith("sitegen"))
    return found


def test_every_wing_imports_only_downhill() -> None:
    wrong = []
    for path in sorted(PACKAGE.rglob("*.py")):
        module = ".".join(("sitegen", *path.relative_to(PACKAGE).with_suffix("").parts))
        if path.parent == PACKAGE and path.stem in ENTRY_POINTS:
            continue
        for target in _imports(path):
            if _wing(target) not in ALLOWED[_wing(module)]:
                wrong.append(f"{module} imports {target}")
    assert wrong == []


def test_the_floor_holds_at_most_twelve_modules_and_each_wing_says_what_it_owns() -> None:
    assert len(list(PACKAGE.glob("*.py"))) <= 12
    for wing in ALLOWED:
        if wing != FLOOR:
            doc = ast.get_docstring(ast.parse((PACKAGE / wing / "__init__.py").read_text()))
            assert doc, wing
