"""Fixtures for the document tests: small sessions, generated PDFs and images, headless Qt."""

from __future__ import annotations

import os
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent / "engine"))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
