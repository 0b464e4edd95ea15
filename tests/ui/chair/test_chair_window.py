"""The console window: which files it opens, the demo, languages, pages, dialogs, drag and drop."""

from __future__ import annotations

from pathlib import Path

import pytest
from chair_helpers import WAIT_MS, open_console, settle, wait_for

from reviewdesk.demo import build_demo_work
from reviewdesk.errors import SessionError
from ui import i18n, windows
from ui.chair import is_chair_session, register, session_kind
from ui.chair.dialogs import CertificateDialog, DrillDownDialog, ImportDialog, ReasonDialog
from ui.chair.window import PAGES, ChairWindow
from ui.qt import QDialogButtonBox, is_valid


def test_chair_sessions_open_in_the_console_and_work_copies_do_not(qtbot, demo_session, tmp_path):
    register()
    work = build_demo_work(tmp_path / "work.rdesk")
    assert session_kind(demo_session) == "chair" and session_kind(work) == "work"
    assert is_chair_session(demo_session) and not is_chair_session(work)
    assert not is_chair_session(tmp_path / "x.rdpack")
    window = windows.open_path(demo_session)
    qtbot.addWidget(window)
    assert isinstance(window, ChairWindow)
    qtbot.waitUntil(lambda: window.snapshot is not None, timeout=WAIT_MS)
    assert window.windowTitle().startswith("2021年度济南市工业互联网奖补项目专家评审")
    # a damaged file is refused with the core's message, not "cannot open this kind of file"
    broken = tmp_path / "broken.rdesk"
    broken.write_bytes(b"this is not a database")
    with pytest.raises(SessionError):
        windows.open_path(broken)


def test_the_demo_is_built_in_the_background(qtbot, tmp_path, monkeypatch):
    import reviewdesk.demo

    target = tmp_path / "cache" / "demo.rdesk"
    target.parent.mkdir()
    target.write_bytes(b"an old demo")  # replaced, as `reviewdesk demo` does
    monkeypatch.setattr(reviewdesk.demo, "default_demo_path", lambda: target)
    register()
    assert windows.has_demo()
    window = windows.open_demo(None)
    qtbot.addWidget(window)
    assert window.session_title.text() == "Preparing the demo session…"
    qtbot.waitUntil(lambda: window.snapshot is not None, timeout=WAIT_MS)
    assert window.path == target and window.snapshot.counts["applications"] == 150


def test_pages_and_their_names_in_both_languages(qtbot, demo_session):
    win = open_console(qtbot, demo_session)
    assert [win.nav.item(i).text() for i in range(len(PAGES))] == [
        "Dashboard", "Applications", "Panel", "Scores", "Ranking", "What-if", "Audit log", "Finalize"]
    i18n.install(i18n.CHINESE)
    qtbot.waitUntil(lambda: win.nav.item(0).text() == "总览")
    assert [win.nav.item(i).text() for i in range(len(PAGES))] == [
        "总览", "申报", "评审团", "评分", "排名", "假设分析", "审计日志", "定稿"]
    assert win.ranking.model.index(0, win.ranking.model.STATUS).data() == "入选"
    assert win.dashboard.title.text() == "总览"
    i18n.install(i18n.ENGLISH)
    qtbot.waitUntil(lambda: win.nav.item(0).text() == "Dashboard")
    for key in PAGES:
        assert win.show_page(key) is win.pages[key] and win.current_page() == key


def test_scores_page_loads_the_matrix_and_the_calibration_chart(qtbot, demo_session):
    win = open_console(qtbot, demo_session)
    (matrix,) = wait_for(qtbot, win.matrix_loaded, lambda: win.show_page("scores"))
    assert win.scores.model.rowCount() == 150 and matrix.flagged_count() > 0
    assert "Flagged: " in win.scores.flag_note.text()
    win.scores.only_flagged.setChecked(True)
    assert win.scores.model.rowCount() == matrix.flagged_count()
    chart = win.scores.chart
    if chart is not None:
        (series,) = chart.series()
        assert series.barSets()[0].count() == 9
    assert win.scores.calibration_model.rowCount() == 9


def test_drill_down_shows_criteria_and_comments(qtbot, demo_session):
    win = open_console(qtbot, demo_session)
    dialog = win.show_application("A-0005")
    assert isinstance(dialog, DrillDownDialog)
    assert dialog.table.rowCount() == len(dialog.drill.criteria) + 1
    assert "E07" in [dialog.table.horizontalHeaderItem(c).text() for c in range(dialog.table.columnCount())]
    assert "差距较大" in dialog.comments.toPlainText()
    # the conflicted expert of A-0001 is shown as such, not as an empty review
    conflict = win.show_application("A-0001")
    headers = [conflict.table.horizontalHeaderItem(c).text() for c in range(conflict.table.columnCount())]
    assert conflict.table.item(0, headers.index("E03")).text() == "conflict"


def test_a_decision_needs_a_reason(qtbot, demo_session):
    win = open_console(qtbot, demo_session)
    dialog = win.open_decision_dialog("A-0011", "award")
    assert isinstance(dialog, ReasonDialog)
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    assert not ok.isEnabled()
    dialog.reason_edit.setPlainText("   ")
    assert not ok.isEnabled()
    dialog.accept()
    assert dialog.isVisible()
    dialog.reason_edit.setPlainText("区级重点项目，专家组一致同意")
    assert ok.isEnabled()
    wait_for(qtbot, win.decided, ok.click)
    settle(qtbot, win)
    entry = win.snapshot.entries()["A-0011"]
    assert entry.status == "awarded" and entry.forced == "award"
    assert entry.reason == "chair:区级重点项目，专家组一致同意"
    win.ranking.select_program("P01")
    model = win.ranking.model
    row = model.row_of_key("A-0011")
    assert model.index(row, model.REASON).data() == "Chair's decision: 区级重点项目，专家组一致同意"
    # withdrawn again, with a reason too
    clear = win.open_decision_dialog("A-0011", "clear")
    clear.reason_edit.setPlainText("撤回")
    wait_for(qtbot, win.decided, clear.accept)
    settle(qtbot, win)
    assert win.snapshot.entries()["A-0011"].forced is None
    assert [a.action for a in win.snapshot.audit[:2]] == ["decision.clear", "decision.award"]


def test_decisions_undo_and_redo_as_audited_decisions(qtbot, demo_session):
    """Edit → Undo puts back what stood before a decision (nothing, or the earlier decision with
    its reason); Redo records it again. Each step is a decision of its own in the audit log."""
    win = open_console(qtbot, demo_session)
    assert not win.undo_action.isEnabled()
    wait_for(qtbot, win.decided, lambda: win.decide("A-0011", "award", "区级重点项目"))
    settle(qtbot, win)
    wait_for(qtbot, win.decided, lambda: win.decide("A-0011", "exclude", "材料不实"))
    settle(qtbot, win)
    assert win.snapshot.entries()["A-0011"].forced == "exclude"
    assert win.undo_action.text() == "Undo exclusion of A-0011"

    wait_for(qtbot, win.decided, win.undo_action.trigger)  # back to the award, with its own reason
    settle(qtbot, win)
    assert win.snapshot.inputs.decisions["A-0011"] == ("award", "区级重点项目")
    wait_for(qtbot, win.decided, win.undo_action.trigger)  # back to no decision
    settle(qtbot, win)
    assert "A-0011" not in win.snapshot.inputs.decisions
    assert not win.undo_action.isEnabled()
    wait_for(qtbot, win.decided, win.redo_action.trigger)
    settle(qtbot, win)
    assert win.snapshot.inputs.decisions["A-0011"] == ("award", "区级重点项目")
    actions = [a.action for a in win.snapshot.audit[:5]]
    assert actions == ["decision.award", "decision.clear", "decision.award", "decision.exclude", "decision.award"]
    assert win.snapshot.audit[1].detail["reason"] == "Undone: 区级重点项目"


def test_cancelled_stability_leaves_no_marks(qtbot, demo_session, monkeypatch):
    import ui.chair.window as window_module

    win = open_console(qtbot, demo_session)
    monkeypatch.setattr(window_module, "stability_marks", lambda inputs, progress, base=None: None)  # as if cancelled
    task = win.run_stability()
    with qtbot.waitSignal(task.cancelled, timeout=WAIT_MS):
        pass
    assert win.ranking.fragile is None
    assert win.ranking.stability_label.text() == "Stability not checked yet"


def test_dropped_files_merge_packages_and_open_imports(qtbot, demo_session, tables, monkeypatch):
    win = open_console(qtbot, demo_session)
    merged = []
    monkeypatch.setattr(win, "merge", lambda files: merged.append(files))
    win.drop_files([Path("a.rdscores"), Path("b.rdscores")])
    assert merged == [[Path("a.rdscores"), Path("b.rdscores")]]
    win.drop_files([tables["experts"]])
    qtbot.waitUntil(lambda: any(isinstance(d, ImportDialog) and is_valid(d) for d in win.dialogs), timeout=WAIT_MS)
    dialog = next(d for d in win.dialogs if isinstance(d, ImportDialog))
    assert dialog.kind() == "experts"
    qtbot.waitUntil(lambda: dialog.preview is not None, timeout=WAIT_MS)
    assert dialog.preview.total_rows == 9
    cert = tables["applications"].with_suffix(".pem")
    cert.write_text("not a certificate")
    win.drop_files([cert])
    cert_dialog = next(d for d in win.dialogs if isinstance(d, CertificateDialog))
    assert cert_dialog.cert_path() == cert and cert_dialog.fingerprint.text()


def test_refused_preview_lists_the_problems_and_cannot_import(qtbot, demo_session, tmp_path):
    win = open_console(qtbot, demo_session)
    bad = tmp_path / "wrong.csv"
    bad.write_text("name,whatever\n张三,1\n", encoding="utf-8")
    dialog = win.open_import_dialog("experts")
    task = dialog.set_file("experts", bad)
    qtbot.waitUntil(lambda: not task.running, timeout=WAIT_MS)
    assert dialog.preview is None and dialog.preview_error is not None
    assert "cannot be imported" in dialog.summary.text()
    assert dialog.model.rowCount() == len(dialog.preview_error.problems) >= 1
    assert not dialog.import_button.isEnabled()


def test_new_session_from_the_console_menu_opens_its_own_console(qtbot, demo_session, tmp_path):
    win = open_console(qtbot, demo_session)
    dialog = win.new_session()
    dialog.path_edit.setText(str(tmp_path / "第二批.rdesk"))
    dialog.year_box.setValue(2019)  # clamped to the policy's period
    assert dialog.year_box.value() == 2020
    dialog.accept()
    opened = [w for w in windows.open_windows() if isinstance(w, ChairWindow) and w is not win]
    assert opened and opened[-1].path == tmp_path / "第二批.rdesk"
    qtbot.waitUntil(lambda: opened[-1].snapshot is not None, timeout=WAIT_MS)
    assert opened[-1].snapshot.year == 2020 and opened[-1].current_page() == "applications"
    opened[-1].close()


def test_the_start_page_creates_a_session_and_hands_over_to_its_console(qtbot, tmp_path):
    from ui.start import StartWindow

    start = StartWindow(remember_geometry=False)
    qtbot.addWidget(start)
    start.show()
    assert start.new_button.title.text() == "New review session…"
    start.new_button.click()  # nothing registered: a plain message, no crash
    assert not start.findChildren(ChairWindow)
    register()
    dialog = start.new_session()
    dialog.path_edit.setText(str(tmp_path / "东湖区2021.rdesk"))
    with qtbot.waitSignal(start.window_opened, timeout=WAIT_MS) as opened:
        dialog.accept()
    console = opened.args[0]
    assert isinstance(console, ChairWindow) and console.path == tmp_path / "东湖区2021.rdesk"
    qtbot.waitUntil(lambda: console.snapshot is not None, timeout=WAIT_MS)
    assert not start.isVisible()
    console.close()


def _pdf(path: Path, text: str) -> Path:
    from reportlab.pdfgen import canvas

    path.parent.mkdir(parents=True, exist_ok=True)
    c = canvas.Canvas(str(path))
    c.drawString(72, 720, text)
    c.save()
    return path


def test_a_folder_of_documents_is_imported_from_the_console(qtbot, demo_session, tmp_path, monkeypatch):
    """Applications page → "Import documents…": the folder is attached all or nothing, in the
    background; a folder with a problem attaches nothing and shows every problem."""
    import ui.tasks
    from reviewdesk.documents import documents_of
    from reviewdesk.session import Session

    win = open_console(qtbot, demo_session)
    assert win.applications.documents_button.isEnabled() and win.documents_action.isEnabled()
    shown = []
    monkeypatch.setattr(ui.tasks, "show_error", lambda parent, exc: shown.append(exc))

    bad = tmp_path / "bad"
    _pdf(bad / "A-0001" / "补充材料.pdf", "supplement")
    (bad / "Z-9999_说明.pdf").write_bytes(_pdf(tmp_path / "x.pdf", "x").read_bytes())  # no such application
    task = win.import_documents(bad)
    with qtbot.waitSignal(task.failed, timeout=WAIT_MS):
        pass
    assert len(shown) == 1 and [p.file for p in shown[0].problems] == ["Z-9999_说明.pdf"]
    with Session.open(demo_session, readonly=True) as s:
        assert "补充材料.pdf" not in [d.name for d in documents_of(s, "A-0001")]

    good = tmp_path / "good"
    _pdf(good / "A-0001" / "补充材料.pdf", "supplement")
    _pdf(good / "A-0002_审计报告.pdf", "audit")
    with qtbot.waitSignal(win.documents_imported, timeout=WAIT_MS) as signal:
        win.drop_files([good])  # a folder dropped on the window, as the menu's chooser would pass it
    assert signal.args[0].attached == 2 and signal.args[0].applications == 2
    with Session.open(demo_session, readonly=True) as s:
        assert "补充材料.pdf" in [d.name for d in documents_of(s, "A-0001")]
        assert "审计报告.pdf" in [d.name for d in documents_of(s, "A-0002")]
        assert s.conn.execute("SELECT action FROM audit ORDER BY seq DESC LIMIT 1").fetchone()[0] == \
            "import.documents"
