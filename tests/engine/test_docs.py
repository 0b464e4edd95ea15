"""Every command of the command line is documented in the README (as sqlite-utils does)."""

from __future__ import annotations

from pathlib import Path

import click

from reviewdesk.cli import main

README = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")


def commands(group: click.Group, prefix: str = "reviewdesk") -> list[str]:
    out = []
    for name, cmd in group.commands.items():
        full = f"{prefix} {name}"
        if isinstance(cmd, click.Group):
            out += commands(cmd, full)
        else:
            out.append(full)
    return out


def test_every_command_is_in_the_readme():
    missing = [c for c in commands(main) if f"`{c}" not in README]
    assert not missing, missing


def test_contract_commands_exist():
    contract = ["policy list", "policy show", "session new", "import applications", "import experts",
                "import conflicts", "import scores", "import prior-awards", "import documents", "rank", "decide",
                "open", "demo", "key new", "key show", "key export-cert", "roster add", "session pack",
                "session unpack", "scores export", "scores merge", "finalize", "verify"]
    have = {c.removeprefix("reviewdesk ") for c in commands(main)}
    assert set(contract) <= have
