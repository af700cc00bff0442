"""A job's code inputs, computed from its script's import closure, so the DAG cannot drift.

Snakemake reruns a job when its own script changes, not when a module the script imports
does. Every rule therefore lists, as inputs, the files of every module its script imports,
directly or through other modules, and of the paper's modules it loads by name (its
derivations, its figure module). They are found by reading the sources (`ast`), never by
importing them: each `import` and `from ... import` anywhere in a file counts, inside a
function or not. Only the engine's and the paper's own modules are followed; the standard
library and installed packages are not the project's code.
"""

import ast
from functools import cache
from pathlib import Path

from datapaper import PACKAGE


def search_roots() -> tuple[Path, ...]:
    """Folders whose packages are the project's code: the engine's parent and ./scripts."""
    roots = [PACKAGE.parent]
    local = Path("scripts").resolve()
    if local.is_dir() and local not in roots:
        roots.append(local)
    return tuple(roots)


@cache
def module_file(name: str) -> Path | None:
    """The source file of a module of the project's code, or None if it is not one."""
    parts = name.split(".")
    for root in search_roots():
        base = root.joinpath(*parts)
        for candidate in (base.with_suffix(".py"), base / "__init__.py"):
            if candidate.is_file():
                return candidate
    return None


def package_of(path: Path) -> str:
    """The dotted name of the package a source file belongs to ('' outside one)."""
    for root in search_roots():
        try:
            relative = path.resolve().relative_to(root)
        except ValueError:
            continue
        parts = list(relative.with_suffix("").parts)
        if parts[-1] == "__init__":
            return ".".join(parts[:-1])
        return ".".join(parts[:-1])
    return ""


@cache
def imported_names(path: Path) -> frozenset[str]:
    """Every module name a source file imports (for `from a import b`: a, and a.b)."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                package = package_of(path).split(".")
                package = package[: len(package) - node.level + 1]
                module = ".".join([*package, node.module] if node.module else package)
            else:
                module = node.module or ""
            names.add(module)
            names.update(f"{module}.{alias.name}" for alias in node.names)
    return frozenset(name for name in names if name)


def with_parents(name: str) -> list[str]:
    """a.b.c -> a, a.b, a.b.c: importing a module runs its packages' __init__ first."""
    parts = name.split(".")
    return [".".join(parts[: i + 1]) for i in range(len(parts))]


def closure(scripts: tuple[str, ...] = (), modules: tuple[str, ...] = ()) -> list[Path]:
    """The source files that running `scripts` and importing `modules` may execute."""
    seen: set[Path] = set()
    todo = [Path(s).resolve() for s in scripts]
    for name in modules:
        todo += [f for part in with_parents(name) if (f := module_file(part))]
    while todo:
        path = todo.pop()
        if path in seen:
            continue
        seen.add(path)
        for name in imported_names(path):
            for part in with_parents(name):
                found = module_file(part)
                if found is not None and found not in seen:
                    todo.append(found)
    return sorted(seen)


def shown(path: Path) -> str:
    """A path relative to the project folder when it is inside it (as Snakemake names inputs)."""
    try:
        return path.relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return str(path)


@cache
def code_inputs(script: str, modules: tuple[str, ...] = ()) -> list[str]:
    """A rule's code inputs: its script and every project module it may import."""
    return [shown(path) for path in closure((script,), modules)]
