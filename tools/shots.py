"""What the screenshot scripts share: a throw-away sandbox, waiting for the window, saving a PNG.

``tools/screenshots_{expert,chair,documents}.py`` render the app's screens for ``docs/screenshots``;
everything they make lives in a temporary folder, and nothing of the user's is read or written.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def sandbox(prefix: str = "reviewdesk-shots-") -> Path:
    """A temporary folder holding the key store (with a fast test KDF) and the Qt settings."""
    tmp = Path(tempfile.mkdtemp(prefix=prefix))
    os.environ["REVIEWDESK_HOME"] = str(tmp / "home")
    os.environ["REVIEWDESK_INSECURE_TEST_KDF"] = "10"
    from ui.qt import QSettings, QStandardPaths

    QStandardPaths.setTestModeEnabled(True)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp / "settings"))
    return tmp


def settle(app, seconds: float = 0.3, until: Callable[[], object] | None = None,  # noqa: ANN001
           timeout: float = 120) -> None:
    """Let background work finish (and ``until()`` come true), then layouts, polish and page
    rendering settle for ``seconds``."""
    from ui.tasks import running_tasks

    deadline = time.monotonic() + timeout
    while (running_tasks() or (until is not None and not until())) and time.monotonic() < deadline:
        app.processEvents()
        time.sleep(0.01)
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        app.processEvents()
        time.sleep(0.01)


def save(widget, path: Path) -> Path:  # noqa: ANN001
    """The widget as it looks now, as PNG at ``path`` (printed, for the script's output)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if not widget.grab().save(str(path), "PNG"):
        raise OSError(f"could not write {path}")
    print(path)
    return path
