"""README.md stays true: its command table names the real `recouple` commands and options, its
API table the real routes, its page addresses real pages and its layout the real tree.

Each check reads both sides: the README, and the CLI, the URL patterns, the NinjaAPI or the
directories of src/recouple/. A command, route or module added or removed without its row
fails here (as tests/test_deploy_doc.py does for docs/deploy.md).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.core.management import get_commands
from django.urls import Resolver404, resolve

from recouple.api import api
from recouple.cli import cli

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "src" / "recouple"
README = (ROOT / "README.md").read_text(encoding="utf-8")
PLACEHOLDER = re.compile(r"\{[^}]*\}")


def section(title: str) -> str:
    """The README's text under the level-2 heading ``title``, up to the next one."""
    found = re.search(rf"^## {re.escape(title)}\n(.*?)(?=^## |\Z)", README, re.M | re.S)
    assert found, f"README.md has no '## {title}' section"
    return found.group(1)


def first_cells(text: str) -> list[str]:
    """The first cell of each body row of the markdown tables in ``text``."""
    cells = []
    for line in text.splitlines():
        if line.startswith("|") and not re.match(r"\|\s*-", line):
            cells.append(line.split(" | ")[0].lstrip("| ").strip())
    return cells[1:] if cells else cells  # the header row


# --- The command table ---------------------------------------------------------------------


def documented_commands() -> list[str]:
    """Every `recouple …` in the command table, without the word recouple."""
    found = []
    for cell in first_cells(section("The command line")):
        found += re.findall(r"`recouple ([^`]+)`", cell)
    return found


def test_the_command_table_names_every_command_and_only_real_ones() -> None:
    named = {command.split()[0] for command in documented_commands()}
    assert named == set(cli.commands), "README's command table and src/recouple/cli.py differ"


@pytest.mark.parametrize("command", documented_commands())
def test_every_documented_option_exists(command: str) -> None:
    name, *rest = command.split()
    sub = cli.commands[name]
    if name == "manage":
        # The rest is Django's: a management command that must exist.
        if rest and not rest[0].startswith(("-", "…")):
            assert rest[0] in get_commands(), f"no management command {rest[0]!r}"
        return
    known = {opt for param in sub.params for opt in getattr(param, "opts", [])}
    for option in re.findall(r"(?<![\w-])(--?[a-z][\w-]*)", command):
        assert option in known, f"`recouple {name}` has no option {option}"


# --- The API table -------------------------------------------------------------------------


def documented_routes() -> set[tuple[str, str]]:
    """(method, path) for every route in the API table; `…/x` continues the route before it."""
    routes: set[tuple[str, str]] = set()
    for cell in first_cells(section("The API")):
        previous = ""
        for item in cell.replace("`", "").split(", "):
            found = re.fullmatch(r"([A-Z]+(?:/[A-Z]+)*) (\S+)", item.strip())
            assert found, f"can't read {item!r} in the API table"
            methods, where = found.group(1).split("/"), found.group(2)
            where = re.sub(r"\[?\?.*$", "", where)
            if where.startswith("…/"):
                first = where[2:].split("/")[0]
                parts = previous.split("/")
                assert first in parts, f"{item!r}: '…' continues no route before it"
                where = "/".join(parts[: parts.index(first)]) + where[1:]
            previous = where
            for method in methods:
                routes.add((method, PLACEHOLDER.sub("{}", where)))
    return routes


def real_routes() -> set[tuple[str, str]]:
    routes: set[tuple[str, str]] = set()
    for prefix, router in api._routers:
        for path, view in router.path_operations.items():
            full = "/api/v1/" + "/".join(p.strip("/") for p in (prefix, path) if p.strip("/"))
            for operation in view.operations:
                for method in operation.methods:
                    routes.add((method, PLACEHOLDER.sub("{}", full)))
    return routes


def test_the_api_table_names_every_route() -> None:
    missing = sorted(real_routes() - documented_routes())
    assert not missing, f"routes missing from README's API table: {missing}"


def test_the_api_table_names_only_real_routes() -> None:
    unknown = sorted(documented_routes() - real_routes())
    assert not unknown, f"README's API table names routes that don't exist: {unknown}"


def test_the_api_tables_reader_sees_a_good_number_of_routes() -> None:
    assert len(documented_routes()) > 60


# --- Page addresses ------------------------------------------------------------------------


def documented_pages() -> list[str]:
    return sorted(set(re.findall(r"`(/[a-z-]+/)`", README)) - {"/api/v1/"})


def test_the_readme_names_pages() -> None:
    assert {"/reflect/", "/no-contact/", "/today/", "/journal/"} <= set(documented_pages())


@pytest.mark.parametrize("address", documented_pages())
def test_every_page_the_readme_names_exists(address: str) -> None:
    try:
        resolve(address)
    except Resolver404:
        pytest.fail(f"README names {address}, which no URL pattern serves")


# --- The layout ----------------------------------------------------------------------------


def layout_block() -> list[str]:
    found = re.search(r"```\n(src/recouple/\n.*?)```", section("Layout"), re.S)
    assert found, "README's layout has no src/recouple/ block"
    return found.group(1).splitlines()[1:]


def layout_rows() -> dict[str, str]:
    """src/recouple/'s entries as the layout names them, each with its description."""
    rows: dict[str, str] = {}
    name = ""
    for line in layout_block():
        entry = re.match(r"  (\S+)\s+(.*)$", line)
        if entry and not line.startswith("   "):
            name = entry.group(1)
            rows[name] = entry.group(2)
        elif line.startswith("   ") and name:
            rows[name] += " " + line.strip()
        else:
            name = ""
    return rows


def real_entries() -> set[str]:
    entries = {
        f"{p.name}/" for p in PACKAGE.iterdir() if p.is_dir() and (p / "__init__.py").is_file()
    }
    entries |= {p.name for p in PACKAGE.glob("*.py") if not p.name.startswith("__")}
    return entries


def test_the_layout_names_every_app_and_module_of_src_recouple_and_only_those() -> None:
    named = set(layout_rows())
    assert named == real_entries(), (
        f"missing: {sorted(real_entries() - named)}, not there: {sorted(named - real_entries())}"
    )


def test_every_module_a_layout_row_names_exists() -> None:
    for name, text in layout_rows().items():
        for module in re.findall(r"(?<![\w/])([\w/]+\.py)\b", text):
            where = PACKAGE / module if "/" in module else PACKAGE / name / module
            assert where.is_file(), f"the layout's {name} row names {module}, which isn't there"


@pytest.mark.parametrize("package", ["program/", "coach/"])
def test_the_pure_layers_rows_name_each_of_their_modules(package: str) -> None:
    text = layout_rows()[package]
    modules = {p.name for p in (PACKAGE / package).glob("*.py") if not p.name.startswith("__")}
    named = set(re.findall(r"(?<![\w/])(\w+\.py)\b", text))
    assert modules <= named, f"{package} modules not in the layout: {sorted(modules - named)}"


def named_paths() -> set[str]:
    """Repository paths in backticks, and the layout block's lines for scripts, bench and docs
    (``bench/access.py, fuzz.sh`` names bench/fuzz.sh too)."""
    paths = set(re.findall(r"`((?:tests|bench|scripts|docs|data)/[\w./-]+)`", README))
    block = re.search(r"```\nsrc/recouple/\n(.*?)```", section("Layout"), re.S)
    assert block
    for line in block.group(1).splitlines():
        if line.startswith(" "):
            continue
        first, *others = re.split(r"\s{2,}", line)[0].split(", ")
        paths.add(first)
        folder = first if first.endswith("/") else first.rsplit("/", 1)[0] + "/"
        paths |= {folder + other for other in others}
    return paths


def test_every_other_path_the_readme_names_exists() -> None:
    paths = named_paths()
    assert {"docs/deploy.md", "bench/pages.py", "tests/e2e/", "bench/fuzz.sh"} <= paths
    missing = sorted(p for p in paths if not (ROOT / p).exists())
    assert not missing, f"README names paths that don't exist: {missing}"
