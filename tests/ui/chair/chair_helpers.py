"""Helpers for the chair's console tests: the demo's data as the bureau's files, identities in
private key stores, waiting for the console's background work. (A uniquely named module: every
test folder has a ``conftest``, so ``from conftest import`` would find another folder's.)"""

from __future__ import annotations

import csv
from decimal import Decimal
from pathlib import Path

from reviewdesk.demo import build_demo
from reviewdesk.session import Session

PASS = "chair passphrase 2021"
WAIT_MS = 60_000


def write_csv(path: Path, header: list[str], rows) -> Path:
    with path.open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(header)
        w.writerows(["" if v is None else v for v in r] for r in rows)
    return path


def demo_tables(folder: Path) -> dict[str, Path]:
    """The demo session's inputs written back out as a bureau's CSV files (one per import)."""
    folder.mkdir(parents=True, exist_ok=True)
    demo = build_demo(folder / "source.rdesk")
    out = {}
    with Session.open(demo, readonly=True) as s:
        cols = ["application_id", "program", "enterprise_name", "credit_code", "project_name", "level",
                "actual_investment", "construction_investment", "sales_received_1y", "rented_area_m2",
                "requested_amount", "fiscal_support", "international_organiser", "own_ip"]
        area = cols.index("rented_area_m2")
        apps = [list(r) for r in s.conn.execute(f"SELECT {', '.join(cols)} FROM applications ORDER BY application_id")]
        for r in apps:  # stored as a normalised Decimal ("1.25E+4"); a bureau writes 12500
            r[area] = None if r[area] is None else f"{Decimal(r[area]):f}"
        out["applications"] = write_csv(folder / "applications.csv", cols, apps)
        out["experts"] = write_csv(folder / "experts.csv", ["expert_id", "name", "organization"], s.conn.execute(
            "SELECT expert_id, name, organization FROM experts ORDER BY expert_id"))
        out["conflicts"] = write_csv(folder / "conflicts.csv", ["expert_id", "credit_code"], s.conn.execute(
            "SELECT expert_id, credit_code FROM conflicts"))
        out["prior-awards"] = write_csv(folder / "prior.csv", ["credit_code", "project_name", "program", "year",
                                                                "amount", "level"], s.conn.execute(
            "SELECT credit_code, project_name, program, year, amount, level FROM prior_awards"))
        rows = s.conn.execute("SELECT expert_id, application_id, criterion, points2, comment FROM scores "
                              "ORDER BY expert_id, application_id, criterion").fetchall()
    scores = [(e, a, c, p2 // 2 if p2 % 2 == 0 else p2 / 2, m) for e, a, c, p2, m in rows if p2 is not None]
    out["scores-all"] = write_csv(folder / "scores_all.csv", ["expert_id", "application_id", "criterion", "score",
                                                               "comment"], scores)
    out["scores-paper"] = write_csv(folder / "scores_paper.csv",
                                    ["专家编号", "申报编号", "评分项", "得分", "意见"],
                                    [r for r in scores if r[0] not in ("E01", "E02")])
    out["source"] = demo
    return out


def wait_for(qtbot, signal, action, timeout: int = WAIT_MS):
    """Run ``action()`` and wait for ``signal``; returns the signal's arguments."""
    with qtbot.waitSignal(signal, timeout=timeout) as blocker:
        action()
    return blocker.args


def open_console(qtbot, path: Path):
    """A console on ``path``, once it has read the session."""
    from ui.chair.window import ChairWindow

    window = ChairWindow(path)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.snapshot is not None, timeout=WAIT_MS)
    return window


def settle(qtbot, window, timeout: int = WAIT_MS) -> None:
    """Wait until the console's background work is done (a change is followed by a reload)."""
    from ui.tasks import running_tasks

    qtbot.waitUntil(lambda: not running_tasks(), timeout=timeout)
