"""Render the application icon from ``resources/icons/reviewdesk.svg``.

Writes ``reviewdesk.png`` (256 px) and ``reviewdesk-32.png``, ``-64``, ``-128`` (the window icon
takes the size nearest to what is drawn, so the start page decodes 64 px, not 256), and, when
Pillow is installed, ``reviewdesk.ico`` (16-256 px, for the Windows build). Run after editing the
SVG::

    python tools/make_icons.py
"""

from __future__ import annotations

import io
import os
import sys
from pathlib import Path

ICONS = Path(__file__).resolve().parent.parent / "resources" / "icons"
SIZES = (16, 24, 32, 48, 64, 128, 256)
PNG_SIZES = (32, 64, 128)  # besides the 256-pixel reviewdesk.png


def render(svg: Path, size: int):
    """The SVG drawn on a transparent ``size``×``size`` QImage."""
    from PySide6.QtCore import QRectF, Qt
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise SystemExit(f"not a valid SVG: {svg}")
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter, QRectF(0, 0, size, size))
    painter.end()
    return image


def main() -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QBuffer, QIODevice
    from PySide6.QtGui import QGuiApplication

    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])  # noqa: F841 - keeps Qt alive
    svg = ICONS / "reviewdesk.svg"
    images = {size: render(svg, size) for size in SIZES}
    png = ICONS / "reviewdesk.png"
    if not images[256].save(str(png), "PNG"):
        raise SystemExit(f"could not write {png}")
    print(f"wrote {png}")
    for size in PNG_SIZES:
        sized = ICONS / f"reviewdesk-{size}.png"
        if not images[size].save(str(sized), "PNG"):
            raise SystemExit(f"could not write {sized}")
        print(f"wrote {sized}")

    try:
        from PIL import Image
    except ImportError:
        print("Pillow is not installed: reviewdesk.ico not written")
        return 0
    pils = []
    for size in SIZES:
        buffer = QBuffer()
        buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        images[size].save(buffer, "PNG")
        pils.append(Image.open(io.BytesIO(bytes(buffer.data()))).convert("RGBA"))
    ico = ICONS / "reviewdesk.ico"
    largest = pils[-1]
    largest.save(ico, format="ICO", sizes=[(s, s) for s in SIZES], append_images=pils[:-1])
    print(f"wrote {ico}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
