"""Where the shipped files are: policies, fonts, translations, migrations.

One helper for a source checkout, an installed package and a PyInstaller folder alike.
"""

from __future__ import annotations

import sys
from functools import cache
from pathlib import Path


@cache
def root() -> Path:
    """The folder that holds ``resources/`` and ``db/``."""
    frozen = getattr(sys, "_MEIPASS", None)
    candidates = []
    if frozen:
        candidates.append(Path(frozen))
    here = Path(__file__).resolve().parent
    candidates += [here.parent, here / "_data", Path(sys.prefix) / "share" / "reviewdesk"]
    for c in candidates:
        if (c / "resources").is_dir() and (c / "db").is_dir():
            return c
    raise FileNotFoundError("ReviewDesk resources not found (looked in: "
                            + ", ".join(str(c) for c in candidates) + ")")


def resource(*parts: str) -> Path:
    """A path below ``resources/``."""
    return root().joinpath("resources", *parts)


def migrations_dir() -> Path:
    return root() / "db"


def font_path() -> Path:
    """The bundled CJK font (WenQuanYi Micro Hei, TrueType collection)."""
    return resource("fonts", "wqy-microhei.ttc")
