"""The shortlist PDF: 评审结果公示清单 / 拟支持项目名单.

:func:`render_pdf` lays out a :class:`~.model.ReportData` with reportlab (A4, WenQuanYi Micro Hei
embedded): a cover with the session, panel and totals; per program its quota and budget, the
ranked table with the quota line (名额线), the reserve list (候补) and the excluded list with
reasons; the chair's decisions; an appendix of every application's expert totals (trimmed ones
struck out) and amount derivation; and a signature page for the panel and the chair.

reportlab is imported only when a PDF is rendered (the layout lives in ``_pdf_layout``), so the
command line starts fast.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from .model import ReportData

Progress = Callable[[int, int], None]


def render_pdf(data: ReportData, out_path: str | Path, progress: Progress | None = None,
               lang: str = "zh") -> Path:
    """Write the shortlist PDF for ``data`` to ``out_path`` and return the path.

    The file appears complete or not at all: the PDF is written to a temporary file beside
    ``out_path`` and renamed over it. ``progress(done, total)`` is called as sections and table
    chunks are laid out, from ``(0, total)`` to ``(total, total)``; an exception raised by it
    cancels the rendering (the temporary file is removed, ``out_path`` is left as it was).
    ``lang`` is ``"zh"`` (the official list) or ``"en"`` (labels in English; data as entered).
    """
    from . import _pdf_layout

    out = Path(out_path)
    tmp = out.with_name(f".{out.name}.{os.getpid()}.tmp")
    try:
        _pdf_layout.build(data, str(tmp), progress=progress, lang=lang)
        os.replace(tmp, out)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return out
