"""The package's shape, checked: the imports between its modules form no cycle, no module reaches into another's
private names, the domain package never imports MkDocs, and nothing edits ``sys.path``.

The imports are read from the source with ``ast`` (so a module that is never imported at run time is still
checked). An import under ``if TYPE_CHECKING:`` is left out: it never runs, and it is how a type can be named
without making the module depend on another at run time.
"""

from __future__ import annotations

import ast
from collections import defaultdict
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
# Each package and the folder it is in: the runtime package, and the development tools kept apart in dev/.
PACKAGES = {"casereviews": REPO, "casereviews_dev": REPO / "dev"}
STAGES = ("content", "publication", "pages", "outputs")


def module_name(path: Path) -> str:
    parts = path.relative_to(REPO / "dev" if path.is_relative_to(REPO / "dev") else REPO).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def modules() -> dict[str, Path]:
    return {module_name(p): p for package, parent in PACKAGES.items() for p in (parent / package).rglob("*.py")}


def _runtime_nodes(tree: ast.AST):
    """Every node, leaving out the bodies of ``if TYPE_CHECKING:``."""
    stack = [tree]
    while stack:
        node = stack.pop()
        yield node
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.If) and getattr(child.test, "id", getattr(child.test, "attr", "")) == \
                    "TYPE_CHECKING":
                stack.extend(child.orelse)
                continue
            stack.append(child)


def imports_of(name: str, path: Path, known: dict[str, Path]) -> list[tuple[str, list[str], int]]:
    """(module imported, names taken from it, line) for each import of one of our own modules."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = []
    for node in _runtime_nodes(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found += [(a.name, [], node.lineno) for a in node.names if a.name in known]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            names = [a.name for a in node.names]
            submodules = [f"{target}.{n}" for n in names if f"{target}.{n}" in known]
            found += [(s, [], node.lineno) for s in submodules]
            if target in known:
                found.append((target, [n for n in names if f"{target}.{n}" not in known], node.lineno))
    return found


def graph() -> dict[str, set[str]]:
    known = modules()
    edges: dict[str, set[str]] = defaultdict(set)
    for name, path in known.items():
        edges[name] |= {target for target, _, _ in imports_of(name, path, known) if target != name}
    return edges


def cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan's algorithm, without recursion)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    found: list[list[str]] = []
    counter = 0
    for root in sorted(edges):
        if root in index:
            continue
        work = [(root, iter(sorted(edges[root])))]
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            for child in children:
                if child not in index:
                    index[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(edges.get(child, ())))))
                    break
                if child in on_stack:
                    low[node] = min(low[node], index[child])
            else:
                work.pop()
                if work:
                    low[work[-1][0]] = min(low[work[-1][0]], low[node])
                if low[node] == index[node]:
                    component = []
                    while True:
                        member = stack.pop()
                        on_stack.discard(member)
                        component.append(member)
                        if member == node:
                            break
                    if len(component) > 1:
                        found.append(sorted(component))
    return found


def test_no_module_imports_in_a_cycle():
    assert cycles(graph()) == []


def test_the_cycle_finder_finds_a_cycle():
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert cycles({"a": {"b"}, "b": set()}) == []


def test_no_module_takes_another_modules_private_names():
    known = modules()
    taken = [f"{known[name].relative_to(REPO)}:{line}: {target}.{n}"
             for name, path in known.items()
             for target, names, line in imports_of(name, path, known)
             for n in names if n.startswith("_") and not n.startswith("__")]
    assert taken == []


def test_the_domain_package_never_imports_mkdocs():
    offenders = []
    for path in (REPO / "casereviews").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else \
                [node.module or ""] if isinstance(node, ast.ImportFrom) else []
            offenders += [f"{path.relative_to(REPO)}:{node.lineno}" for n in names
                          if n.split(".")[0] in {"mkdocs", "properdocs", "material"}]
    assert offenders == []


def test_the_runtime_package_never_imports_the_development_tools():
    offenders = [f"{path.relative_to(REPO)}: {target}" for name, path in modules().items()
                 if name.startswith("casereviews.") or name == "casereviews"
                 for target, _, _ in imports_of(name, path, modules()) if target.startswith("casereviews_dev")]
    assert offenders == []


@pytest.mark.parametrize("stage", STAGES)
def test_a_stage_never_imports_a_later_stage(stage):
    """The pipeline runs content, publication, pages, outputs: a stage may use what comes before it, never after."""
    later = STAGES[STAGES.index(stage) + 1:]
    edges = graph()
    offenders = sorted(f"{name} imports {target}" for name in edges if name.startswith(f"casereviews.{stage}.")
                       for target in edges[name] if any(target.startswith(f"casereviews.{s}.") for s in later))
    assert offenders == []


def python_sources() -> list[Path]:
    files = [p for p in REPO.rglob("*.py") if not {".venv", "node_modules", ".git"} & set(p.parts)
             and p != Path(__file__).resolve()]
    files += [p for p in (REPO / "scripts").iterdir() if p.is_file() and p.read_text(errors="ignore").startswith(
        "#!/usr/bin/env python")]
    return files


def test_nothing_edits_sys_path():
    needle = "sys.path"
    offenders = [f"{p.relative_to(REPO)}:{n}" for p in python_sources()
                 for n, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1) if needle in line]
    assert offenders == []


def test_scripts_never_import_from_the_tests():
    offenders = []
    for path in python_sources():
        if "tests" in path.relative_to(REPO).parts:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and (node.module or "").split(".")[0] in {"tests", "sitebuild",
                                                                                        "fixture_content", "conftest"}:
                offenders.append(f"{path.relative_to(REPO)}:{node.lineno}")
    assert offenders == []
