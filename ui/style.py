"""The app's look: Fusion, a calm light palette in blue-grey, and the bundled CJK font.

Windows keep their own small style sheets; here are the pieces they share: colours, the
application-wide palette and font, and :func:`app_icon`.
"""

from __future__ import annotations

import logging

from reviewdesk.resources import font_path, resource

from .qt import QApplication, QColor, QFont, QFontDatabase, QFontInfo, QIcon, QPalette, QStyleFactory

log = logging.getLogger(__name__)

ACCENT = "#35597c"        # blue-grey: primary buttons, selection
ACCENT_HOVER = "#2c4c6b"
ACCENT_PRESSED = "#243f59"
WINDOW = "#f3f5f7"
SURFACE = "#ffffff"
BORDER = "#d5dce3"
TEXT = "#1f2a37"
MUTED = "#5b6875"
SUBTLE = "#8a96a3"
MIN_POINT_SIZE = 10.0

# Families of the bundled CJK font once registered (WenQuanYi Micro Hei).
cjk_families: list[str] = []


def register_cjk_font() -> list[str]:
    """Register the bundled CJK font and make it the fallback of the app's default font.

    Laptops in China have their own CJK fonts and keep using them; on a machine without any,
    Chinese would otherwise render as empty boxes.
    """
    global cjk_families
    if not cjk_families:
        font_id = QFontDatabase.addApplicationFont(str(font_path()))
        if font_id < 0:
            log.warning("bundled CJK font %s could not be loaded", font_path())
            return []
        cjk_families = list(QFontDatabase.applicationFontFamilies(font_id))
    app = QApplication.instance()
    if isinstance(app, QApplication) and cjk_families:
        font = QFont(app.font())
        # "Sans Serif" and the like are aliases: name the real family, or Qt would skip to ours.
        primary = QFontInfo(font).family()
        cjk = cjk_families[0]
        if primary != cjk and cjk not in QFont.substitutes(primary):
            QFont.insertSubstitution(primary, cjk)
        font.setFamilies([primary] if primary == cjk else [primary, cjk])
        # All-day reading: no smaller than 10 pt.
        if font.pointSizeF() > 0 and font.pointSizeF() < MIN_POINT_SIZE:
            font.setPointSizeF(MIN_POINT_SIZE)
        app.setFont(font)
    return cjk_families


def palette() -> QPalette:
    p = QPalette(QColor("#e9edf1"), QColor(WINDOW))
    colours = {
        QPalette.ColorRole.Window: WINDOW,
        QPalette.ColorRole.WindowText: TEXT,
        QPalette.ColorRole.Base: SURFACE,
        QPalette.ColorRole.AlternateBase: "#f6f8fa",
        QPalette.ColorRole.Text: TEXT,
        QPalette.ColorRole.Button: "#eef1f4",
        QPalette.ColorRole.ButtonText: TEXT,
        QPalette.ColorRole.Highlight: ACCENT,
        QPalette.ColorRole.HighlightedText: "#ffffff",
        QPalette.ColorRole.Link: "#2f5d8a",
        QPalette.ColorRole.PlaceholderText: SUBTLE,
        QPalette.ColorRole.ToolTipBase: SURFACE,
        QPalette.ColorRole.ToolTipText: TEXT,
    }
    for role, colour in colours.items():
        p.setColor(role, QColor(colour))
    for role in (QPalette.ColorRole.WindowText, QPalette.ColorRole.Text, QPalette.ColorRole.ButtonText):
        p.setColor(QPalette.ColorGroup.Disabled, role, QColor("#9aa5b1"))
    return p


# Shared by every window: muted notes and section headings.
APP_STYLE_SHEET = f"""
QLabel#note, QLabel[muted="true"] {{ color: {MUTED}; }}
QLabel[heading="true"] {{ font-weight: 600; color: {TEXT}; }}
"""


_icon: QIcon | None = None


def app_icon() -> QIcon:
    """The window icon from PNGs of 32 to 256 pixels: Qt decodes only the size nearest to what it
    draws. The SVG is used only if the PNGs are missing: loading the SVG icon engine would cost
    the first window a few milliseconds."""
    global _icon
    if _icon is None:
        icon = QIcon()
        for name in ("reviewdesk-32.png", "reviewdesk-64.png", "reviewdesk-128.png", "reviewdesk.png"):
            path = resource("icons", name)
            if path.is_file():
                icon.addFile(str(path))
        if icon.isNull():
            icon.addFile(str(resource("icons", "reviewdesk.svg")))
        _icon = icon
    return QIcon(_icon)


# Passed to QApplication by ui.app: the style is then made in C++ at start, which spares loading
# the QStyle class and its enums into Python (a few milliseconds of the first window).
STYLE_ARGS = ["-style", "Fusion"]


def apply(app: QApplication, *, set_style: bool = True) -> None:
    """Fusion style (unless the app was created with :data:`STYLE_ARGS`), the palette, the fonts,
    the style sheet and the window icon."""
    if set_style and "Fusion" in QStyleFactory.keys():
        app.setStyle("Fusion")
    app.setPalette(palette())
    register_cjk_font()
    app.setStyleSheet(APP_STYLE_SHEET)
    app.setWindowIcon(app_icon())
