"""docs/deploy.md stays true: its environment passes the deploy checks, its commands parse."""

from __future__ import annotations

import re
import secrets
import shlex
from pathlib import Path

import pytest
from click.testing import CliRunner
from cryptography.fernet import Fernet

from recouple.cli import cli
from tests.test_config import recouple

DOC = (Path(__file__).resolve().parents[1] / "docs" / "deploy.md").read_text(encoding="utf-8")


def blocks(language: str) -> list[str]:
    return re.findall(rf"```{language}\n(.*?)```", DOC, re.DOTALL)


def documented_environment() -> dict[str, str]:
    """The doc's environment block, with each CHANGE-ME replaced by a real value."""
    env: dict[str, str] = {}
    for line in blocks("sh")[0].splitlines():
        name, _, value = line.partition("=")
        if "CHANGE-ME" in value:
            value = {
                "RECOUPLE_SECRET_KEY": secrets.token_urlsafe(50),
                "RECOUPLE_ENCRYPTION_KEYS": Fernet.generate_key().decode(),
            }.get(name, value.replace("CHANGE-ME", "x"))
        env[name] = value
    return env


def test_the_documented_environment_passes_the_deploy_checks(tmp_path: Path) -> None:
    env = documented_environment()
    assert env["RECOUPLE_HTTPS"] == "true" and env["DATABASE_URL"].startswith("postgres://")
    result = recouple(tmp_path, "manage", "check", "--deploy", "--fail-level", "WARNING", **env)
    assert result.returncode == 0, result.stderr
    assert "System check identified no issues" in result.stdout


def test_a_documented_placeholder_left_in_stops_the_app(tmp_path: Path) -> None:
    env = documented_environment()
    env["RECOUPLE_ENCRYPTION_KEYS"] = "CHANGE-ME"
    result = recouple(tmp_path, "manage", "check", **env)
    assert result.returncode != 0
    assert "recouple.E007" in result.stderr


def documented_commands() -> list[list[str]]:
    """Every `recouple …` command line in the doc's unit files and prose."""
    found = re.findall(r"\.venv/bin/recouple ([^\n`]+)", DOC) + re.findall(
        r"`… recouple ([^`]+)`", DOC
    )
    return [shlex.split(line.replace("%i", "8001")) for line in found]


def test_the_doc_names_the_serve_and_remind_commands() -> None:
    names = {command[0] for command in documented_commands()}
    assert {"serve", "remind"} <= names


@pytest.mark.parametrize("command", documented_commands(), ids=" ".join)
def test_every_documented_command_uses_options_that_exist(command: list[str]) -> None:
    # --help after the options: click parses them all first, and exits 0 only if they're valid.
    result = CliRunner().invoke(cli, [*command, "--help"])
    assert result.exit_code == 0, result.output
