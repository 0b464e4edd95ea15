"""The desktop app's part of ``reviewdesk --self-test``: Qt starts, both translations load, a window shows.

:func:`checks` is what ``ui.launcher`` registers with :func:`reviewdesk.selftest.set_gui_checks`;
the core runs the checks after its own and reports each one. Everything runs on the ``offscreen``
platform (nothing flashes on the laptop's screen, and it works on a build server); whether the
laptop's own platform plugin is in the folder is checked by file.

The checks use the app's real start-up path (:func:`ui.app.application`: style, bundled font,
language) and the real start page, so a frozen folder missing a Qt plug-in, a translation or the
font fails here rather than on the session day.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from reviewdesk.resources import resource
from reviewdesk.selftest import Check, CheckFailed

from .qt import (
    HAS_CHARTS,
    PYSIDE_VERSION,
    QT_VERSION,
    QApplication,
    QCoreApplication,
    QImage,
    QLabel,
    QLibraryInfo,
    QSvgRenderer,
    QWidget,
)

#: The platform plug-in a laptop uses, by ``sys.platform`` prefix (file name stems as Qt ships them).
NATIVE_PLATFORM = {"win": "qwindows", "linux": "qxcb", "darwin": "qcocoa"}


#: A string of Qt's own translation (qtbase_zh_CN.qm). Not written as a literal call: lupdate would
#: take it for one of our strings.
QT_OWN_STRING = ("QPlatformTheme", "Cancel")


def _native_platform() -> str:
    for prefix, stem in NATIVE_PLATFORM.items():
        if sys.platform.startswith(prefix):
            return stem
    return "qxcb"


def _has_cjk(text: str) -> bool:
    return any("\u4e00" <= ch <= "\u9fff" for ch in text)


class _GuiChecks:
    def __init__(self) -> None:
        self.app: QApplication | None = None

    def qt(self) -> str:
        from .app import application

        # Offscreen whatever the environment says: the check must not open a window on the desk.
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
        self.app = application([sys.argv[0] if sys.argv else "reviewdesk"])
        platform = QApplication.platformName()
        if platform != "offscreen":
            raise CheckFailed(f"Qt started on the {platform!r} platform, not offscreen")
        plugins = Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.PluginsPath)) / "platforms"
        native = _native_platform()
        if not any(p.name.startswith((native + ".", "lib" + native + ".")) for p in plugins.glob("*")):
            raise CheckFailed(f"this laptop's platform plug-in {native} is not in {plugins}")
        if not HAS_CHARTS:
            raise CheckFailed("Qt Charts is missing (the chair's calibration chart needs it)")
        return f"Qt {QT_VERSION}, PySide6 {PYSIDE_VERSION}, offscreen; {native} and Qt Charts present"

    def images(self) -> str:
        self._needs_app()
        svg = resource("icons", "reviewdesk.svg")
        if not QSvgRenderer(str(svg)).isValid():
            raise CheckFailed(f"Qt SVG cannot read {svg.name}")
        for name in ("reviewdesk.svg", "reviewdesk.ico", "reviewdesk.png"):
            if QImage(str(resource("icons", name))).isNull():
                raise CheckFailed(f"no Qt image plug-in reads {name}")
        return "SVG, ICO and PNG icons load"

    def font(self) -> str:
        from . import style

        self._needs_app()
        families = style.register_cjk_font()
        if not families:
            raise CheckFailed("Qt could not load the bundled Chinese font")
        return f"bundled font registered as {families[0]!r}"

    def translations(self) -> str:
        from . import i18n
        from .start import StartWindow

        app = self._needs_app()
        if i18n.install(i18n.CHINESE, app) != i18n.CHINESE:
            raise CheckFailed("the Chinese translation could not be installed")
        qt_cancel = QCoreApplication.translate(*QT_OWN_STRING)
        zh = self._label_texts(StartWindow(remember_geometry=False))
        i18n.install(i18n.ENGLISH, app)
        en = self._label_texts(StartWindow(remember_geometry=False))
        if not any(_has_cjk(t) for t in zh):
            raise CheckFailed(f"the start page is not in Chinese after loading {i18n.qm_path('zh_CN').name}: {zh}")
        if qt_cancel != "取消":
            raise CheckFailed(f"Qt's own Chinese translation (qtbase_zh_CN.qm) is missing: Cancel → {qt_cancel!r}")
        if any(_has_cjk(t) for t in en):
            raise CheckFailed(f"the start page is not back in English: {en}")
        pair = next(((z, e) for z, e in zip(zh, en, strict=False) if z != e), ("?", "?"))
        return f"zh_CN (ours and Qt's) and English: start page {pair[0]!r} / {pair[1]!r}"

    def window(self) -> str:
        from . import windows
        from .start import StartWindow

        app = self._needs_app()
        plugins = windows.load_plugins()
        window = StartWindow(remember_geometry=False)
        try:
            window.show()
            for _ in range(3):
                app.processEvents()
            if not window.isVisible():
                raise CheckFailed("the start page did not show")
            image = window.grab().toImage()
            if image.isNull() or image.width() < 100 or image.height() < 100:
                raise CheckFailed(f"the start page rendered as a {image.width()}×{image.height()} image")
            colours = {image.pixel(x, y) for x in range(0, image.width(), 7) for y in range(0, image.height(), 7)}
            if len(colours) < 3:
                raise CheckFailed("the start page rendered blank")
        finally:
            window.close()
            window.deleteLater()
            app.processEvents()
        return (f"start page shown offscreen ({image.width()}×{image.height()}); window plug-ins: "
                f"{', '.join(plugins) or 'none'}")

    def _needs_app(self) -> QApplication:
        if self.app is None:
            from reviewdesk.selftest import Skipped

            raise Skipped("needs the qt check, which failed")
        return self.app

    @staticmethod
    def _label_texts(window: QWidget) -> list[str]:
        try:
            return [b.text() for b in window.findChildren(QLabel) if b.text()]
        finally:
            window.deleteLater()

    def checks(self) -> list[tuple[str, Check]]:
        return [("qt", self.qt), ("qt-images", self.images), ("qt-font", self.font),
                ("translations", self.translations), ("window", self.window)]


def checks() -> list[tuple[str, Check]]:
    """The app's self-test checks, in order (registered with the core by ``ui.launcher``)."""
    return _GuiChecks().checks()
