"""The import contract: the house has one way through, and this keeps it so.

Runs without Django set up (the checks read source files or start a bare interpreter):
- `recouple.program` and `recouple.coach` import neither Django nor any app; loaded alone, in
  a fresh interpreter, they leave no `django` module behind;
- every app imports only apps below it in `ORDER` (at any depth of the file: inside a function
  or under TYPE_CHECKING counts too), so there is no cycle and no deferred import to dodge one;
- no app imports another app's `views` (what a page shows is the page's own business).
"""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src"
PACKAGE = SRC / "recouple"

# Bottom to top. `program` and `coach` are pure; `core` is the base every app stands on;
# `safety` (the plan, the trusted person) is there for every app's crisis view; the record
# apps keep their own data and pages; `situation` reads across them; the path,
# reminders and Today read the situation; `pages` (the public pages and the layout's context)
# is the top. The top-level modules (settings, urls, api, cli, wsgi) wire it all together and
# are not apps.
ORDER = (
    "program",
    "coach",
    "core",
    "accounts",
    "safety",
    "assessment",
    "nocontact",
    "growth",
    "journal",
    "drafts",
    "amends",
    "reconnect",
    "situation",
    "path",
    "reminders",
    "dashboard",
    "summaries",
    "supporters",
    "pages",
)
PURE = ("program", "coach")
# Modules that are not apps and that any layer may read: the environment's settings reader.
SHARED_MODULES = ("config",)


def packages() -> list[str]:
    return sorted(p.name for p in PACKAGE.iterdir() if (p / "__init__.py").exists())


def imports_of(app: str) -> list[tuple[str, int, str]]:
    """(file, line, imported module) for every `recouple.*` import in the app's code."""
    found = []
    for path in sorted((PACKAGE / app).rglob("*.py")):
        if "migrations" in path.parts:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                modules = [node.module] + [f"{node.module}.{alias.name}" for alias in node.names]
            elif isinstance(node, ast.Import):
                modules = [alias.name for alias in node.names]
            else:
                continue
            for module in modules:
                if module.split(".")[0] in ("recouple", "django") or module == "ninja":
                    found.append((str(path.relative_to(SRC)), node.lineno, module))
    return found


def test_every_package_has_a_place_in_the_order() -> None:
    assert sorted(ORDER) == packages(), "add the new app to ORDER (and README's layout table)"


@pytest.mark.parametrize("app", ORDER)
def test_an_app_imports_only_what_lies_below_it(app: str) -> None:
    below = set(ORDER[: ORDER.index(app)]) | set(SHARED_MODULES)
    wrong = []
    for where, line, module in imports_of(app):
        parts = module.split(".")
        if app in PURE and parts[0] in ("django", "ninja"):
            wrong.append(f"{where}:{line} imports {module} (the rules import no Django)")
        if parts[0] != "recouple" or len(parts) < 2 or parts[1] == app:
            continue
        if parts[1] not in below:
            wrong.append(f"{where}:{line} imports {module}, which is not below {app}")
        elif len(parts) > 2 and parts[2] == "views":
            wrong.append(f"{where}:{line} imports another app's views: {module}")
    assert not wrong, "\n".join(wrong)


def test_the_rules_load_alone_in_a_bare_interpreter() -> None:
    """Import every module of program/ and coach/ in a fresh interpreter: no Django appears,
    and no app is loaded along the way."""
    modules = [
        ".".join(path.relative_to(SRC).with_suffix("").parts)
        for pure in PURE
        for path in sorted((PACKAGE / pure).rglob("*.py"))
    ]
    script = (
        "import importlib, json, sys\n"
        f"for name in {modules!r}:\n"
        "    importlib.import_module(name.removesuffix('.__init__'))\n"
        "apps = sorted({m.split('.')[1] for m in sys.modules if m.startswith('recouple.')})\n"
        "django = sorted(m for m in sys.modules if m == 'django' or m.startswith('django.'))\n"
        "print(json.dumps({'apps': apps, 'django': django}))\n"
    )
    done = subprocess.run(
        [sys.executable, "-I", "-c", f"import sys; sys.path.insert(0, {str(SRC)!r})\n{script}"],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    loaded = json.loads(done.stdout)
    apps, django = loaded["apps"], loaded["django"]
    assert set(apps) <= set(PURE), f"the rules loaded apps: {apps}"
    assert django == [], f"the rules loaded Django: {django[:5]}"


def test_the_contract_catches_a_wrong_import(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The check itself can fail: a record app importing the layer above it is reported."""
    fake = tmp_path / "recouple"
    for app in ORDER:
        (fake / app).mkdir(parents=True)
        (fake / app / "__init__.py").write_text("")
    (fake / "journal" / "models.py").write_text(
        "def prompt():\n    from recouple.situation import UserSituation\n"
    )
    (fake / "coach" / "rules.py").write_text("from django.db import models\n")
    monkeypatch.setattr(sys.modules[__name__], "PACKAGE", fake)
    monkeypatch.setattr(sys.modules[__name__], "SRC", tmp_path)
    with pytest.raises(AssertionError, match="not below journal"):
        test_an_app_imports_only_what_lies_below_it("journal")
    with pytest.raises(AssertionError, match="import no Django"):
        test_an_app_imports_only_what_lies_below_it("coach")
