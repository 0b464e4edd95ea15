"""Helpers for the report tests: poppler-utils (skip when missing) and PDF text."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest


def poppler(tool: str, *args: str) -> str:
    """Run a poppler-utils tool (skip the test when it is not installed) and return its stdout."""
    if shutil.which(tool) is None:
        pytest.skip(f"{tool} (poppler-utils) not installed")
    return subprocess.run([tool, *args], check=True, capture_output=True, text=True).stdout


def pdf_text(path: Path, first: int | None = None, last: int | None = None) -> str:
    args = []
    if first:
        args += ["-f", str(first)]
    if last:
        args += ["-l", str(last)]
    return poppler("pdftotext", *args, str(path), "-")


def flat(text: str) -> str:
    """Text with its line breaks removed: a wrapped table cell reads as one string again."""
    return text.replace("\n", "")


def pdf_pages(path: Path) -> int:
    for line in poppler("pdfinfo", str(path)).splitlines():
        if line.startswith("Pages:"):
            return int(line.split()[1])
    raise AssertionError("pdfinfo gave no page count")
