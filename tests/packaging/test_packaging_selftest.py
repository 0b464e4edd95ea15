"""``reviewdesk --self-test``: passes on a working installation (the source tree), fails saying what failed.

The frozen folder's self-test runs in CI after ``make package`` (``.ci/run``), not here.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from reviewdesk import selftest

ROOT = Path(__file__).resolve().parents[2]
CORE_CHECKS = ["resources", "demo", "rank", "identity", "finalize", "verify-pdf", "verify-manifest", "pdf-font"]
GUI_CHECKS = ["qt", "qt-images", "qt-font", "translations", "window"]


@pytest.fixture
def home(tmp_path, monkeypatch) -> Path:
    home = tmp_path / "home"
    monkeypatch.setenv("REVIEWDESK_HOME", str(home))
    return home


@pytest.fixture(autouse=True)
def _no_gui_hook(monkeypatch):
    monkeypatch.setattr(selftest, "_gui_checks", None)


def status_by_check(lines: list[str]) -> dict[str, str]:
    out = {}
    for line in lines:
        parts = line.split()
        if len(parts) >= 2 and parts[0] in ("ok", "FAILED", "skipped"):
            out[parts[1]] = parts[0]
    return out


@pytest.mark.gui
def test_self_test_passes_from_the_source_tree(tmp_path):
    pytest.importorskip("PySide6")
    home = tmp_path / "home"
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", REVIEWDESK_HOME=str(home),
               TMPDIR=str(scratch), TEMP=str(scratch), TMP=str(scratch),
               XDG_CONFIG_HOME=str(tmp_path / "config"), REVIEWDESK_LANG="en",
               PYTHONPATH=os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")]))
    script = Path(sys.executable).parent / ("reviewdesk.exe" if os.name == "nt" else "reviewdesk")
    cmd = [str(script)] if script.is_file() else [sys.executable, "-m", "ui.launcher"]
    done = subprocess.run([*cmd, "--self-test"], env=env, capture_output=True, text=True, timeout=180, cwd=tmp_path)
    assert done.returncode == 0, done.stdout + done.stderr
    lines = done.stdout.splitlines()
    assert status_by_check(lines) == {name: "ok" for name in CORE_CHECKS + GUI_CHECKS}, done.stdout
    assert lines[0].startswith("ReviewDesk ") and "source" in lines[0]
    assert lines[-1].startswith("self-test passed: 13 checks")
    # one line per check, and the same report in the log (a windowed build has no console)
    log = (home / "logs" / "self-test.log").read_text(encoding="utf-8").splitlines()
    assert log == lines
    # the temporary session, outputs and throw-away identity are gone
    assert [p.name for p in scratch.iterdir() if p.name.startswith("reviewdesk-selftest-")] == []
    assert not (home / "keys").exists()


def test_core_only_install_fails_on_the_missing_desktop_app(home):
    lines: list[str] = []
    assert selftest.run_self_test(lines.append) == 1
    assert os.environ["REVIEWDESK_HOME"] == str(home), "restored after the run"
    assert not (home / "keys").exists(), "the throw-away identity went to the user's key store"
    assert status_by_check(lines) == {**{name: "ok" for name in CORE_CHECKS}, "gui": "FAILED"}
    assert "desktop app" in next(line for line in lines if line.startswith("FAILED"))
    assert lines[-1].startswith("self-test FAILED: 1 of 9 checks (gui)")


def test_a_missing_font_fails_and_the_checks_that_need_it_say_so(home, monkeypatch, tmp_path):
    import reviewdesk.reports._pdf_layout as layout
    import reviewdesk.resources as resources

    missing = tmp_path / "nowhere" / "wqy-microhei.ttc"
    monkeypatch.setattr(resources, "font_path", lambda: missing)
    monkeypatch.setattr(layout, "font_path", lambda: missing)
    monkeypatch.setattr(layout, "_font_done", False)
    monkeypatch.setattr(selftest, "_gui_checks", lambda: [])
    lines: list[str] = []
    assert selftest.run_self_test(lines.append) == 1
    status = status_by_check(lines)
    assert status["resources"] == "FAILED" and status["finalize"] == "FAILED"
    assert status["verify-pdf"] == status["verify-manifest"] == status["pdf-font"] == "skipped"
    assert status["demo"] == status["rank"] == status["identity"] == "ok"
    assert str(missing) in next(line for line in lines if line.split()[:2] == ["FAILED", "resources"])
    summary = lines[-1]
    assert summary.startswith("self-test FAILED: 5 of 8 checks") and "resources" in summary
    # the unexpected error's traceback is in the log for IT, not on the console
    log = (home / "logs" / "self-test.log").read_text(encoding="utf-8")
    assert "--- finalize: details for IT" in log and "Traceback" in log
    assert not any("Traceback" in line for line in lines)


@pytest.fixture
def quick_core(monkeypatch):
    """Only the first core check: for tests of the reporting, not of the checks themselves."""
    monkeypatch.setattr(selftest._CoreChecks, "checks", lambda self: [("resources", self.resources)])


def test_a_failing_gui_check_is_reported_and_the_rest_still_run(home, quick_core):
    def broken() -> str:
        raise selftest.CheckFailed("the offscreen platform plug-in is missing")

    selftest.set_gui_checks(lambda: [("qt", broken), ("window", lambda: "shown")])
    lines: list[str] = []
    assert selftest.run_self_test(lines.append) == 1
    status = status_by_check(lines)
    assert status["qt"] == "FAILED" and status["window"] == "ok"
    assert "offscreen platform plug-in is missing" in next(line for line in lines if "FAILED" in line)


def test_no_console_still_writes_the_log(home, quick_core):
    def no_console(line: str) -> None:
        raise AttributeError("'NoneType' object has no attribute 'write'")  # sys.stdout is None

    selftest.set_gui_checks(lambda: [])
    assert selftest.run_self_test(no_console) == 0
    log = (home / "logs" / "self-test.log").read_text(encoding="utf-8").splitlines()
    assert status_by_check(log) == {"resources": "ok"}
    assert log[-1].startswith("self-test passed: 1 checks")


def test_log_path_without_reviewdesk_home_is_the_users_log_folder(monkeypatch):
    import platformdirs

    monkeypatch.delenv("REVIEWDESK_HOME", raising=False)
    assert selftest.log_path() == Path(platformdirs.user_log_dir("ReviewDesk", "ReviewDesk")) / "self-test.log"


def test_embedded_fonts_tells_an_embedded_font_from_a_standard_one(tmp_path):
    from reportlab.pdfgen.canvas import Canvas

    from reviewdesk.reports._pdf_layout import register_fonts

    pdf = tmp_path / "two-fonts.pdf"
    canvas = Canvas(str(pdf))
    canvas.setFont("Helvetica", 12)  # one of the 14 standard fonts: never embedded
    canvas.drawString(72, 720, "Helvetica")
    canvas.setFont(register_fonts(), 12)
    canvas.drawString(72, 700, "评审结果")
    canvas.showPage()
    canvas.save()
    fonts = selftest.embedded_fonts(pdf)
    assert fonts["Helvetica"] is False
    cjk = [name for name in fonts if "WenQuanYi" in name]
    assert cjk and all(fonts[name] for name in cjk)
