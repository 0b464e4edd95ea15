"""The app entry point: screenshots, the first window, Chinese glyphs on a machine without CJK fonts."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from ui import app as ui_app
from ui import settings, style, windows
from ui.errors import ErrorDialog
from ui.qt import (
    QColor,
    QFont,
    QImage,
    QLabel,
    QMainWindow,
    QPainter,
    QPalette,
    QRectF,
    Qt,
)
from ui.start import StartWindow

ROOT = Path(__file__).resolve().parents[2]


def non_blank_png(path: Path) -> QImage:
    assert path.is_file() and path.stat().st_size > 0
    image = QImage(str(path))
    assert not image.isNull() and image.width() > 200 and image.height() > 200
    corner = image.pixelColor(0, 0)
    assert any(image.pixelColor(x, y) != corner
               for x in range(0, image.width(), 7) for y in range(0, image.height(), 7))
    return image


def test_screenshot_of_the_start_page(tmp_path):
    out = tmp_path / "shots" / "start.png"
    assert ui_app.main(screenshot=str(out)) == 0
    non_blank_png(out)
    # A screenshot leaves the user's settings alone.
    assert settings.settings().allKeys() == []


def test_screenshot_in_chinese(tmp_path, monkeypatch):
    monkeypatch.setenv("REVIEWDESK_LANG", "zh")
    out = tmp_path / "start_zh.png"
    assert ui_app.main(screenshot=str(out)) == 0
    non_blank_png(out)


def test_screenshot_of_a_file_uses_its_opener(tmp_path, session_file):
    def factory(path, parent):
        window = QMainWindow(parent)
        window.setCentralWidget(QLabel(path.name))
        window.resize(640, 400)
        return window

    windows.register_opener(lambda p: p.suffix == ".rdesk", factory)
    out = tmp_path / "session.png"
    assert ui_app.main(file=str(session_file), screenshot=str(out)) == 0
    assert non_blank_png(out).width() == 640
    assert settings.recent_files() == []


def test_screenshot_of_a_file_nobody_opens_fails_with_the_known_status(tmp_path, capsys):
    out = tmp_path / "none.png"
    assert ui_app.main(file=str(tmp_path / "missing.rdesk"), screenshot=str(out)) == 2
    assert "missing.rdesk" in capsys.readouterr().err
    assert not out.exists()


def test_demo_without_hook_fails_with_the_known_status(tmp_path):
    assert ui_app.main(demo=True, screenshot=str(tmp_path / "demo.png")) == 2


def test_demo_flag_with_a_built_demo_file_opens_the_file(tmp_path, session_file):
    windows.register_opener(lambda p: True, lambda p, parent: QMainWindow(parent))
    assert ui_app.main(file=str(session_file), demo=True, screenshot=str(tmp_path / "d.png")) == 0


def test_app_identity_and_look(qapp):
    ui_app.application()
    assert qapp.organizationName() == "ReviewDesk"
    assert qapp.applicationName() == "ReviewDesk"
    assert qapp.palette().color(QPalette.ColorRole.Highlight) == QColor(style.ACCENT)
    assert not qapp.windowIcon().isNull()


def render(text: str, font: QFont) -> QImage:
    image = QImage(64, 64, QImage.Format.Format_ARGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    painter.setFont(font)
    painter.setPen(QColor("black"))
    painter.drawText(QRectF(0, 0, 64, 64), Qt.AlignmentFlag.AlignCenter, text)
    painter.end()
    return image


def test_chinese_renders_as_glyphs_not_boxes(qapp):
    ui_app.application()
    assert style.cjk_families, "the bundled CJK font was not registered"
    font = QFont(qapp.font())
    font.setPointSize(28)
    assert style.cjk_families[0] in font.families()
    # Different characters draw differently; missing ones all draw the same empty box.
    glyphs = [render(c, font) for c in "评审回避"]
    assert len({bytes(g.constBits()) for g in glyphs}) == 4
    box = render("\U000f0000", font)  # a private-use character no font has
    assert all(g != box for g in glyphs)


def test_main_without_screenshot_shows_the_start_page_and_runs_the_loop(tmp_path, monkeypatch):
    seen = {}

    def look(app):
        # Quitting the shared QApplication would upset later tests: look instead of looping.
        seen["start"] = [w for w in app.topLevelWidgets() if isinstance(w, StartWindow) and w.isVisible()]
        seen["errors"] = [w.message_label.text() for w in app.topLevelWidgets()
                          if isinstance(w, ErrorDialog) and w.isVisible()]
        return 0

    monkeypatch.setattr(ui_app, "run_event_loop", look)
    assert ui_app.main(file=str(tmp_path / "gone.rdesk")) == 0
    # A file that cannot be opened: the start page, with the reason over it.
    assert len(seen["start"]) == 1
    assert len(seen["errors"]) == 1 and "gone.rdesk" in seen["errors"][0]


NO_FONTS_SCRIPT = r"""
import sys
from ui.qt import QApplication, QColor, QFont, QFontDatabase, QImage, QPainter, QRectF, Qt
app = QApplication(sys.argv[:1])
assert not [f for f in QFontDatabase.families() if "WenQuanYi" in f], "the machine's own CJK font is visible"
if sys.argv[1:] == ["register"]:
    from ui import style
    style.apply(app)
font = QFont(app.font())
font.setPointSize(28)

def render(text):
    image = QImage(64, 64, QImage.Format.Format_ARGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    painter.setFont(font)
    painter.setPen(QColor("black"))
    painter.drawText(QRectF(0, 0, 64, 64), Qt.AlignmentFlag.AlignCenter, text)
    painter.end()
    return bytes(image.constBits())

print(len({render(c) for c in "评审回避"}))
"""


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="hides system fonts through fontconfig")
@pytest.mark.parametrize(("register", "distinct"), [(True, 4), (False, 1)])
def test_chinese_renders_on_a_machine_without_cjk_fonts(tmp_path, register, distinct):
    # A fontconfig with no font folders: only the app's bundled font exists. Without it, the four
    # characters draw as one identical box (the control case proves the check can fail).
    conf = tmp_path / "fonts.conf"
    conf.write_text('<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n'
                    f"<fontconfig><cachedir>{tmp_path / 'cache'}</cachedir></fontconfig>\n")
    env = dict(os.environ, FONTCONFIG_FILE=str(conf), QT_QPA_PLATFORM="offscreen",
               PYTHONPATH=os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")]))
    args = [sys.executable, "-c", NO_FONTS_SCRIPT] + (["register"] if register else [])
    done = subprocess.run(args, env=env, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split()[-1] == str(distinct)


def run_app_script(script: str, tmp_path: Path, **env: str) -> subprocess.CompletedProcess[str]:
    """``python -c script`` offscreen, with this checkout importable and throw-away settings."""
    full = dict(os.environ, QT_QPA_PLATFORM="offscreen", XDG_CONFIG_HOME=str(tmp_path / "config"),
                PYTHONPATH=os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")]), **env)
    done = subprocess.run([sys.executable, "-c", script], env=full, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    return done


def test_the_app_made_by_main_uses_fusion_without_loading_qstyle(tmp_path):
    # ui.app creates the QApplication with "-style Fusion": the style is made in C++, and the start
    # page never loads the QStyle class (its enums cost the first window milliseconds).
    script = ("import sys\nfrom ui import app, qt\n"
              f"assert app.main(['x'], screenshot={str(tmp_path / 's.png')!r}) == 0\n"
              "print('QStyle' in vars(qt))\n"
              "qapp = app.QApplication.instance()\n"
              "qapp.setStyleSheet('')\n"  # else style() is the style-sheet proxy over the real style
              "print(qapp.style().name())\n")
    done = run_app_script(script, tmp_path, QT_STYLE_OVERRIDE="windows")
    assert done.stdout.split()[-2:] == ["False", "fusion"]


def test_the_start_page_loads_only_what_it_shows(tmp_path):
    # Start-up time (issue 4: ≤ 1.5× a bare QMainWindow) is mostly what gets imported and which Qt
    # classes get built. The start page must not pull in the session database, the CLI, Qt's PDF,
    # chart and SVG modules, or the classes of windows and dialogs nobody opened.
    script = ("import sys\nfrom ui import launcher, qt\n"
              f"sys.argv = ['reviewdesk', 'open', '--screenshot', {str(tmp_path / 's.png')!r}]\n"
              "try:\n    launcher.main()\nexcept SystemExit as exc:\n    assert exc.code == 0, exc.code\n"
              "print(sorted(m for m in sys.modules if m in ("
              "'click', 'sqlite3', 'decimal', 'reviewdesk.session', 'reviewdesk.policy', 'ui.chair.window', "
              "'ui.expert.window', 'ui.thresholds', 'PySide6.QtPdf', 'PySide6.QtCharts', 'PySide6.QtSvg')))\n"
              "print(sorted(n for n in vars(qt) if n in ("
              "'QStyle', 'QFileDialog', 'QTableWidget', 'QPlainTextEdit', 'QComboBox', 'QDoubleSpinBox', "
              "'QStyleOptionViewItem', 'QUndoStack')))\n")
    done = run_app_script(script, tmp_path)
    assert done.stdout.splitlines()[-2:] == ["[]", "[]"], done.stdout
