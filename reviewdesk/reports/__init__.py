"""Shortlist reports: the data a report prints (:mod:`.model`) and its renderers.

``render_pdf`` (reportlab) and ``render_xlsx`` (openpyxl) import their libraries only when
called, so importing this package stays cheap for the command line.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from .model import (
    Decision,
    EntryReport,
    Expert,
    ExpertTotal,
    ProgramReport,
    ReportData,
    format_wan,
    format_yuan,
    reason_text,
    sample_report,
    status_text,
)

if TYPE_CHECKING:
    from collections.abc import Callable

__all__ = [
    "Decision", "EntryReport", "Expert", "ExpertTotal", "ProgramReport", "ReportData",
    "format_wan", "format_yuan", "reason_text", "render_pdf", "render_xlsx", "sample_report",
    "status_text",
]


def render_pdf(data: ReportData, out_path: str | Path,
               progress: Callable[[int, int], None] | None = None, lang: str = "zh") -> Path:
    """See :func:`reviewdesk.reports.pdf.render_pdf`."""
    from .pdf import render_pdf as impl

    return impl(data, out_path, progress=progress, lang=lang)


def render_xlsx(data: ReportData, out_path: str | Path, lang: str = "zh") -> Path:
    """See :func:`reviewdesk.reports.xlsx.render_xlsx`."""
    from .xlsx import render_xlsx as impl

    return impl(data, out_path, lang=lang)
