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
import json
from functools import cache
from pathlib import Path

from datapaper import PACKAGE


def search_roots(name: str) -> tuple[Path, ...]:
    """Folders where the project's module `name` may live: the project's own ./scripts
    first (its paper's code, and the engine if it is copied there), then, for the engine's
    own modules only, the folder the engine is installed in. (That folder may hold another
    paper's `paper` package, as this repository's does for its fixture papers.)"""
    roots = []
    local = Path("scripts").resolve()
    if local.is_dir():
        roots.append(local)
    if name.split(".")[0] == PACKAGE.name and PACKAGE.parent not in roots:
        roots.append(PACKAGE.parent)
    return tuple(roots)


@cache
def module_file(name: str) -> Path | None:
    """The source file of a module of the project's code, or None if it is not one."""
    parts = name.split(".")
    for root in search_roots(name):
        base = root.joinpath(*parts)
        for candidate in (base.with_suffix(".py"), base / "__init__.py"):
            if candidate.is_file():
                return candidate
    return None


def package_of(path: Path) -> str:
    """The dotted name of the package a source file belongs to ('' outside one)."""
    for root in (Path("scripts").resolve(), PACKAGE.parent):
        try:
            relative = path.resolve().relative_to(root)
        except ValueError:
            continue
        # a/b/c.py and a/b/__init__.py both belong to package a.b
        return ".".join(relative.parts[:-1])
    return ""


# The names each source file imports, kept between runs and keyed by the file's size and
# modification time, so a run reads only the files that changed (a file named as the project
# names it: a copy that keeps the times reads none). They are a property of the sources, as
# their bytecode is, so they are kept where Python keeps that, in the project's
# scripts/__pycache__/: a clean build (build/ and .snakemake/ removed) does not parse every
# module again (0.14 s of Snakemake's start-up, before its first job, measured).
CACHE = Path("scripts") / "__pycache__" / "datapaper-imports.json"
_cache: dict[str, list] | None = None
_dirty = False


def _read_cache() -> dict[str, list]:
    global _cache
    if _cache is None:
        try:
            _cache = json.loads(CACHE.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            _cache = {}
    return _cache


def save_cache() -> None:
    """Write the cache of imported names, if this run read any file anew. Two builds
    started together both write it, before either holds Snakemake's lock: each writes a
    whole file under its own temporary name (datapaper.files). A cache that cannot be
    written (a full disk) is only read anew next time."""
    global _dirty
    if _dirty and CACHE.parent.parent.is_dir():
        from datapaper.errors import NoSpace
        from datapaper.files import write_text

        try:
            write_text(CACHE, json.dumps(_read_cache(), sort_keys=True))
        except (OSError, NoSpace):
            return
        _dirty = False


def parse_imports(path: Path) -> frozenset[str]:
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


@cache
def imported_names(path: Path) -> frozenset[str]:
    """`parse_imports`, through the cache."""
    global _dirty
    stat = path.stat()
    stamp = [stat.st_size, stat.st_mtime_ns]
    entries = _read_cache()
    # Named as the project names it (relative to the project folder, the engine's own files
    # too when they are inside it), so that a copy of the project with its files' times
    # (cp -p, shutil.copytree) finds the names its copied cache holds.
    key = shown(path)
    hit = entries.get(key)
    if hit and hit[:2] == stamp:
        return frozenset(hit[2])
    names = parse_imports(path)
    entries[key] = [*stamp, sorted(names)]
    _dirty = True
    return names


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
    files = [shown(path) for path in closure((script,), modules)]
    save_cache()
    return files
