"""The baseline for ReviewDesk's size and start-up: the smallest PySide6 QMainWindow program.

``bench/bench_package.py`` freezes it with ``packaging/minimal.spec`` (PyInstaller one-dir, UPX
off, no filtering: what PySide6 costs out of the box) and times it the way it times ReviewDesk:
``minimal --screenshot out.png`` shows the window, renders it to a PNG and exits.
"""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QApplication, QLabel, QMainWindow


def main(argv: list[str]) -> int:
    shot = argv[argv.index("--screenshot") + 1] if "--screenshot" in argv[:-1] else None
    app = QApplication(argv[:1])
    window = QMainWindow()
    window.setWindowTitle("Minimal")
    window.setCentralWidget(QLabel("Hello"))
    window.resize(640, 400)
    window.show()
    if shot:
        app.processEvents()
        return 0 if window.grab().save(shot, "PNG") else 1
    return app.exec()


if __name__ == "__main__":
    sys.exit(main(sys.argv))
