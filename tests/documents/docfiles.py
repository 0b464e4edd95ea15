"""Document files for tests and benchmarks: PDFs with Chinese text, images, large PDFs made fast."""

from __future__ import annotations

import random
from pathlib import Path

_FONT = "WQY"


def _font() -> str:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    from reviewdesk.resources import font_path

    if _FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont(_FONT, str(font_path()), subfontIndex=0))
    return _FONT


def make_pdf(path: Path, pages: int = 2, title: str = "项目申报书", *, encrypt=None) -> Path:
    """A real PDF of ``pages`` pages with Chinese text and the word "turbine" on every page."""
    from reportlab.pdfgen import canvas

    font = _font()
    path.parent.mkdir(parents=True, exist_ok=True)
    c = canvas.Canvas(str(path), invariant=1, encrypt=encrypt)
    for p in range(pages):
        c.setFont(font, 20)
        c.drawString(72, 760, f"{title}（第 {p + 1} 页）")
        c.setFont(font, 12)
        for i in range(30):
            c.drawString(72, 720 - i * 20, f"第 {i + 1} 行：工业互联网 turbine 项目建设内容与实施效果说明。")
        c.setFillColorRGB(0.1, 0.3, 0.6)
        c.rect(72, 60, 450, 30, fill=1)
        c.showPage()
    c.save()
    return path


def make_image(path: Path, fmt: str = "PNG", size: tuple[int, int] = (400, 300), color=(30, 90, 160)) -> Path:
    from PIL import Image, ImageDraw

    path.parent.mkdir(parents=True, exist_ok=True)
    img = Image.new("RGB", size, (255, 255, 255))
    d = ImageDraw.Draw(img)
    d.rectangle([20, 20, size[0] - 20, size[1] - 20], fill=color)
    img.save(path, fmt)
    return path


def big_pdf(path: Path, size: int, seed: int = 0) -> Path:
    """A valid one-page PDF of about ``size`` bytes: a page of text and an unreferenced stream of
    random bytes, written 1 MiB at a time (never held in memory)."""
    rng = random.Random(seed)
    content = b"BT /F1 24 Tf 72 720 Td (Large scanned attachment) Tj ET"
    objs = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    filler = max(0, size - 1200)
    offsets = []
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as f:
        f.write(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
        for i, body in enumerate(objs, 1):
            offsets.append(f.tell())
            f.write(b"%d 0 obj\n" % i + body + b"\nendobj\n")
        offsets.append(f.tell())
        f.write(b"6 0 obj\n<< /Length %d >>\nstream\n" % filler)
        left = filler
        while left:
            n = min(left, 1 << 20)
            f.write(rng.randbytes(n))
            left -= n
        f.write(b"\nendstream\nendobj\n")
        xref = f.tell()
        f.write(b"xref\n0 7\n0000000000 65535 f \n")
        for off in offsets:
            f.write(b"%010d 00000 n \n" % off)
        f.write(b"trailer\n<< /Size 7 /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % xref)
    return path
