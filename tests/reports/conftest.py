"""Fixtures for the report renderers: the sample report, rendered once per test session."""

from __future__ import annotations

from pathlib import Path

import pytest

from reviewdesk.reports.model import ReportData, sample_report


@pytest.fixture(scope="session")
def sample() -> ReportData:
    return sample_report()


@pytest.fixture(scope="session")
def sample_pdf(tmp_path_factory: pytest.TempPathFactory, sample: ReportData) -> Path:
    from reviewdesk.reports.pdf import render_pdf

    return render_pdf(sample, tmp_path_factory.mktemp("pdf") / "shortlist.pdf")
