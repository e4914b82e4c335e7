"""Imports point one way (docs/architecture.md): foundation, then each feature's read layer,
then features in a fixed order, then the app factory on top.

The test reads every module of community/ with `ast`, function-level imports included, and fails
on an import that runs back up: a foundation module importing a feature, a read-layer module
importing feature code, anything importing the factory, or a feature importing a feature it is
not listed above (FEATURE_EDGES, which must stay free of cycles).
"""

from __future__ import annotations

import ast
from pathlib import Path

from community import PROJECT_ROOT

PACKAGE = PROJECT_ROOT / "community"
# The app factory, the list of every model, every session listener (commit_hooks) and the
# schedule of every feature's periodic work.
TOP = {
    "community",
    "community.models",
    "community.commit_hooks",
    "community.jobs.schedule",
    "community.jobs.cli",
}
# Cross-cutting packages that belong to the foundation (no feature of their own).
FOUNDATION_PACKAGES = {"privacy", "jobs"}
# Upward imports known and left for now, each with why. A new one fails the test.
KNOWN_UPWARD: set[tuple[str, str]] = set()
# Beside every feature's models: what any feature may read about posts (who may see which
# post, where it lives), so follows, notifications, themes... read posts while posts' services
# call them.
READ_LAYER = {
    "community.posts.queries",
    "community.urls",  # where every page lives, posts' included (post_url, absolute_url)
    "community.invites.queries",  # the access requests waiting, which the alerts count
    # theme_merged and the row mover every feature that links to themes connects, colleagues
    # too, which sits below themes (themes -> accounts -> colleagues).
    "community.themes.merging",
}

# Feature code -> feature code, beyond the read layer. Read "a": "b" as "a calls b".
FEATURE_EDGES: dict[str, set[str]] = {
    "accounts": {"colleagues"},
    "admin": {"accounts"},
    "alerts": {"notify"},
    "colleagues": {"accounts", "digest", "notifications", "notify"},
    "demo": {"accounts", "colleagues", "digest", "follows", "posts", "support"},
    "digest": {"accounts"},
    "feeds": {"themes"},
    "follows": {"accounts"},
    "health": {"search"},
    "invites": {"accounts", "alerts"},
    "mentions": {"accounts", "notifications", "notify"},
    "moderation": {"accounts", "alerts"},
    "mydata": {"accounts", "digest", "invites", "readiness"},
    "notifications": {"accounts", "notify"},
    "notify": {"accounts", "digest"},
    "organisations": {"accounts"},
    "pages": {"mydata", "posts", "themes"},
    "posts": {"accounts", "colleagues", "follows", "mentions", "notifications", "notify"},
    "readiness": {"accounts"},
    "rekentool": {"accounts"},
    "search": {"accounts"},
    "stats": {"organisations", "support"},
    "support": {"accounts", "invites", "notifications", "posts", "themes"},
    "themes": {"accounts"},
}

# Cycles known and left for now, each with why. A new cycle fails the test.
KNOWN_CYCLES = {
    # The member's profile (accounts.views) shows and edits their expertise and activity, which
    # the colleagues feature keeps; colleagues uses accounts' permissions and safe redirects.
    ("accounts", "colleagues"),
}


def module_name(path: Path) -> str:
    parts = path.relative_to(PROJECT_ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {module_name(path): path for path in PACKAGE.rglob("*.py")}


def _resolve(name: str, level: int, here: str, is_package: bool) -> str:
    if not level:
        return name
    base = here.split(".") if is_package else here.split(".")[:-1]
    base = base[: len(base) - (level - 1)]
    return ".".join([*base, name] if name else base)


def imports_of(module: str) -> list[tuple[str, int]]:
    """(imported community module, line) for every import in `module`, at any depth."""
    path = MODULES[module]
    found = []
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.Import):
            found += [(alias.name, node.lineno) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            source = _resolve(node.module or "", node.level, module, path.name == "__init__.py")
            for alias in node.names:
                submodule = f"{source}.{alias.name}"
                found.append((submodule if submodule in MODULES else source, node.lineno))
    return [(name, line) for name, line in found if name == "community" or name in MODULES]


def _packages() -> set[str]:
    return {path.parent.name for path in PACKAGE.glob("*/__init__.py")}


def feature_of(module: str) -> str | None:
    """The feature package a module belongs to; None for the foundation and the top."""
    parts = module.split(".")
    if module in TOP or len(parts) < 2 or parts[1] not in _packages():
        return None
    return None if parts[1] in FOUNDATION_PACKAGES else parts[1]


def layer_of(module: str) -> str:
    if module in TOP:
        return "top"
    if module in READ_LAYER:
        return "read"
    if feature_of(module) is None:
        return "foundation"
    if module in READ_LAYER or module.endswith(".models"):
        return "read"
    return "feature"


def feature_edges_in_use() -> set[tuple[str, str]]:
    return {
        (feature_of(module), feature_of(target))
        for module in MODULES
        if layer_of(module) == "feature"
        for target, _line in imports_of(module)
        if layer_of(target) == "feature" and feature_of(target) != feature_of(module)
    }


def wrong_imports() -> list[str]:
    """Every import that runs back up, as 'module:line imports target (why)'."""
    wrong = []
    for module in sorted(MODULES):
        layer = layer_of(module)
        for target, line in imports_of(module):
            where = f"{module}:{line} imports {target}"
            target_layer = layer_of(target)
            if layer == "top" or (module, target) in KNOWN_UPWARD:
                continue
            if target_layer == "top":
                wrong.append(f"{where} (only the factory sees the whole app)")
            elif layer == "foundation" and target_layer != "foundation":
                wrong.append(f"{where} (the foundation knows no feature)")
            elif layer == "read" and target_layer == "feature":
                wrong.append(f"{where} (models and the read layer import no feature code)")
            elif layer == "feature" and target_layer == "feature":
                source, called = feature_of(module), feature_of(target)
                if source != called and called not in FEATURE_EDGES.get(source, set()):
                    wrong.append(f"{where} ({source} -> {called} is not in FEATURE_EDGES)")
    return wrong


def test_every_import_points_down():
    assert wrong_imports() == []


def test_the_allowed_feature_edges_have_no_cycle():
    """A cycle would let a feature call back into one that calls it: break it instead."""
    state: dict[str, str] = {}

    def visit(feature: str, path: list[str]) -> None:
        state[feature] = "open"
        for called in sorted(FEATURE_EDGES.get(feature, ())):
            if (feature, called) in KNOWN_CYCLES:
                continue
            assert state.get(called) != "open", " -> ".join([*path, called])
            if called not in state:
                visit(called, [*path, called])
        state[feature] = "done"

    for feature in sorted(FEATURE_EDGES):
        if feature not in state:
            visit(feature, [feature])


def test_every_listed_edge_is_in_use():
    """The list (and the picture in docs/architecture.md) says what the code does, no more."""
    listed = {(source, called) for source, calls in FEATURE_EDGES.items() for called in calls}
    assert listed - feature_edges_in_use() == set()


def test_every_feature_is_placed():
    features = _packages() - FOUNDATION_PACKAGES
    assert set(FEATURE_EDGES) == features


def test_function_level_imports_are_read_too():
    """The check sees an import hidden in a function body, where cycles used to hide."""
    inside = [
        (target, line)
        for target, line in imports_of("community.search")
        if target == "community.search.indexer"
    ]
    assert inside, "search.init_app imports its indexer inside the function"


# The search engine and the Dutch language libraries stay behind the search package's door.
SEARCH_LIBRARIES = {"whoosh", "simplemma", "wordfreq", "numpy"}


def library_imports() -> list[str]:
    """'module:line imports library' for every import of a search library, at any depth."""
    found = []
    for module, path in sorted(MODULES.items()):
        for node in ast.walk(ast.parse(path.read_text(), str(path))):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and not node.level:
                names = [node.module or ""]
            else:
                continue
            for name in names:
                if name.split(".")[0] in SEARCH_LIBRARIES:
                    found.append(f"{module}:{node.lineno} imports {name}")
    return found


def test_only_the_search_package_imports_the_search_libraries():
    outside = [line for line in library_imports() if not line.startswith("community.search")]
    assert outside == []
    assert any(line.startswith("community.search.engine:") for line in library_imports())
