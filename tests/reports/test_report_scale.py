"""Provincial scale (20,000 applications): run with ``REVIEWDESK_SCALE=1``; minutes, so not in CI.

Measured on the development machine (2 cores, pure-Python reportlab): PDF about 24 s CPU,
XLSX about 5 s. The bounds below leave room for a slower or busier machine.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from reviewdesk.reports.model import synthetic_report

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not os.environ.get("REVIEWDESK_SCALE"), reason="set REVIEWDESK_SCALE=1 to run"),
]


@pytest.fixture(scope="module")
def big():
    return synthetic_report(20_000, programs=15, experts=40)


def test_pdf_20000_entries(tmp_path: Path, big):
    from reviewdesk.reports.pdf import render_pdf

    start = time.process_time()
    out = render_pdf(big, tmp_path / "big.pdf")
    took = time.process_time() - start
    print(f"PDF 20,000 entries: {took:.1f} s CPU, {out.stat().st_size / 1e6:.1f} MB")
    assert took < 60


def test_xlsx_20000_entries(tmp_path: Path, big):
    from reviewdesk.reports.xlsx import render_xlsx

    start = time.process_time()
    out = render_xlsx(big, tmp_path / "big.xlsx")
    took = time.process_time() - start
    print(f"XLSX 20,000 entries: {took:.1f} s CPU, {out.stat().st_size / 1e6:.1f} MB")
    assert took < 20
