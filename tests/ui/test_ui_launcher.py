"""The ``reviewdesk`` launcher: the app's own launches skip the command-line parser; the rest do not."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from ui.launcher import direct_open

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize(("args", "expected"), [
    ([], {"file": None, "screenshot": None}),
    (["open"], {"file": None, "screenshot": None}),
    (["open", "a.rdesk"], {"file": "a.rdesk", "screenshot": None}),
    (["open", "评审 2022.rdesk"], {"file": "评审 2022.rdesk", "screenshot": None}),
    (["open", "--screenshot", "x.png"], {"file": None, "screenshot": "x.png"}),
    (["open", "a.rdesk", "--screenshot", "x.png"], {"file": "a.rdesk", "screenshot": "x.png"}),
    (["open", "--screenshot=x.png", "a.rdesk"], {"file": "a.rdesk", "screenshot": "x.png"}),
])
def test_app_launches_are_recognised(args, expected):
    assert direct_open(args) == expected


@pytest.mark.parametrize("args", [
    ["--help"], ["-h"], ["--version"], ["--self-test"], ["demo"], ["policy", "list"],
    ["open", "--help"], ["open", "a.rdesk", "b.rdesk"], ["open", "--screenshot"],
    ["open", "--screenshot="], ["open", "--screenshot", "x.png", "--screenshot", "y.png"],
    ["open", "-x"], ["verify", "open"],
])
def test_everything_else_goes_through_the_command_line(args):
    assert direct_open(args) is None


LAUNCH = """
import sys
from ui import launcher
sys.argv = ["reviewdesk", *sys.argv[1:]]
try:
    launcher.main()
except SystemExit as exc:
    code = exc.code
print("status", code, "click loaded", "click" in sys.modules)
"""


def run_launcher(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", XDG_CONFIG_HOME=str(tmp_path / "config"),
               REVIEWDESK_HOME=str(tmp_path / "home"),
               PYTHONPATH=os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")]))
    return subprocess.run([sys.executable, "-c", LAUNCH, *args], env=env, capture_output=True, text=True,
                          timeout=120)


def test_opening_the_app_does_not_load_the_command_line(tmp_path):
    png = tmp_path / "start.png"
    done = run_launcher(tmp_path, "open", "--screenshot", str(png))
    assert done.stdout.split()[-5:] == ["status", "0", "click", "loaded", "False"], done.stderr
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_a_file_nobody_opens_keeps_its_exit_status_on_the_fast_path(tmp_path):
    odd = tmp_path / "notes.txt"
    odd.write_text("not a session", encoding="utf-8")
    done = run_launcher(tmp_path, "open", str(odd), "--screenshot", str(tmp_path / "x.png"))
    assert done.stdout.split()[-5:] == ["status", "2", "click", "loaded", "False"], done.stderr
    assert "notes.txt" in done.stderr
    assert not (tmp_path / "x.png").exists()


def test_help_still_goes_through_the_command_line(tmp_path):
    done = run_launcher(tmp_path, "open", "--help")
    assert "--screenshot" in done.stdout
    assert done.stdout.split()[-5:] == ["status", "0", "click", "loaded", "True"]
