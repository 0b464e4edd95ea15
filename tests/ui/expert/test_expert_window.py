"""The scoring window, driven with the keyboard: saving, reopening, undo, comments, filters, conflicts."""

from __future__ import annotations

import pytest

from reviewdesk.session import Session
from ui import windows
from ui.expert.window import ExpertWindow, open_demo_work
from ui.expert.workcopy import COMPLETE, IN_PROGRESS, NOT_STARTED, RECUSED, WorkCopy
from ui.qt import QLabel, Qt


def saved_scores(path, aid):
    with Session.open(path, readonly=True) as s:
        return {c: p for c, p in s.conn.execute(
            "SELECT criterion, points2 FROM scores WHERE application_id = ? AND points2 IS NOT NULL", (aid,))}


def saved_comments(path, aid):
    with Session.open(path, readonly=True) as s:
        return {c: t for c, t in s.conn.execute(
            "SELECT criterion, comment FROM scores WHERE application_id = ? AND comment IS NOT NULL", (aid,))}


@pytest.fixture
def window(qtbot, demo_work, prompts):
    w = ExpertWindow(WorkCopy.open(demo_work), prompts=prompts)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    w.activateWindow()
    qtbot.waitUntil(w.isActiveWindow)
    return w


def type_score(qtbot, edit, text, key=Qt.Key.Key_Tab):
    edit.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(edit.hasFocus)
    edit.selectAll()
    qtbot.keyClicks(edit, text)
    if key is not None:
        qtbot.keyClick(edit, key)


def test_opens_on_the_first_application_to_score(window):
    assert window.current_id == "A-0007"  # A-0001..A-0006 are scored in the demo
    assert window.rubric.program.id == "P01"
    assert len(window.rubric.boxes) == 6
    assert window.facts.values["actual_investment"].text().endswith("wan yuan)")
    assert window.progress_text.text() == "Complete 6/150"
    assert window.windowTitle().startswith("2021年度")


def test_type_a_score_and_tab_saves_it_at_once(qtbot, window, demo_work):
    aid = window.current_id
    first, second = window.rubric.boxes[0], window.rubric.boxes[1]
    type_score(qtbot, first.score, "25")
    assert second.score.hasFocus()  # Tab goes to the next criterion's score
    assert saved_scores(demo_work, aid) == {first.criterion.id: 50}
    type_score(qtbot, second.score, "12.5", key=Qt.Key.Key_Return)  # Enter saves and moves on too
    assert window.rubric.boxes[2].score.hasFocus()
    assert saved_scores(demo_work, aid) == {first.criterion.id: 50, second.criterion.id: 25}
    assert window.rubric.total.text() == "Total 37.5 / 100"
    assert "4 of 6 criteria still to score" in window.rubric.missing.text()
    row = window.model.row_of(aid)
    assert window.model.state_at(row) == IN_PROGRESS
    assert window.model.data(window.model.index(row, window.model.TOTAL)) == "37.5"
    assert window.statusBar().currentMessage().startswith("Saved at")


def test_a_score_typed_and_left_alone_is_saved_after_a_pause(qtbot, window, demo_work):
    aid = window.current_id
    box = window.rubric.boxes[0]
    type_score(qtbot, box.score, "21", key=None)
    assert box.score.hasFocus()
    qtbot.waitUntil(lambda: saved_scores(demo_work, aid) == {box.criterion.id: 42}, timeout=3000)


def test_closing_saves_what_is_typed_and_reopening_shows_it(qtbot, window, demo_work):
    aid = window.current_id
    box = window.rubric.boxes[3]
    type_score(qtbot, box.score, "8.5", key=None)
    comment = window.rubric.boxes[0].comment
    comment.setFocus()
    comment.insertPlainText("网络改造覆盖全厂")  # as an input method commits it
    window.close()
    assert saved_scores(demo_work, aid) == {box.criterion.id: 17}
    assert saved_comments(demo_work, aid) == {window.rubric.boxes[0].criterion.id: "网络改造覆盖全厂"}
    again = windows.open_path(demo_work)
    qtbot.addWidget(again)
    assert isinstance(again, ExpertWindow)
    assert again.current_id == aid
    assert again.rubric.boxes[3].score.text() == "8.5"
    assert again.rubric.boxes[0].comment.toPlainText() == "网络改造覆盖全厂"


def test_the_score_field_refuses_what_is_not_a_score(qtbot, window):
    edit = window.rubric.boxes[0].score  # 0..30
    type_score(qtbot, edit, "35", key=None)
    assert edit.text() == "3"
    type_score(qtbot, edit, "25.3", key=None)
    assert edit.text() == "25."
    type_score(qtbot, edit, "-1", key=None)
    assert edit.text() == "1"
    edit.clear()
    edit.insert("２５")  # full-width digits, as a Chinese input method commits them
    assert edit.text() == "25"
    qtbot.keyClick(edit, Qt.Key.Key_Up)
    assert edit.text() == "25.5"
    qtbot.keyClick(edit, Qt.Key.Key_Down)
    qtbot.keyClick(edit, Qt.Key.Key_Down)
    assert edit.text() == "24.5"


def test_a_half_typed_score_is_fixed_up_when_left(qtbot, window, demo_work):
    aid = window.current_id
    box = window.rubric.boxes[0]
    type_score(qtbot, box.score, "12.")
    assert box.score.text() == "12"
    assert saved_scores(demo_work, aid) == {box.criterion.id: 24}


def test_undo_and_redo_save_again(qtbot, window, demo_work):
    aid = window.current_id
    a, b = window.rubric.boxes[0], window.rubric.boxes[1]
    type_score(qtbot, a.score, "20")
    type_score(qtbot, b.score, "10")
    type_score(qtbot, a.score, "22")
    assert saved_scores(demo_work, aid) == {a.criterion.id: 44, b.criterion.id: 20}
    assert window.undo_stack.count() == 3
    window.undo_action.trigger()
    assert saved_scores(demo_work, aid)[a.criterion.id] == 40
    assert a.score.text() == "20"
    window.undo_action.trigger()
    window.undo_action.trigger()
    assert saved_scores(demo_work, aid) == {}
    assert a.score.text() == "" and window.rubric.total.text() == "Total 0 / 100"
    window.redo_action.trigger()
    assert saved_scores(demo_work, aid) == {a.criterion.id: 40}
    # Ctrl+Z in an unchanged score field is the window's undo, not the field's own.
    a.score.setFocus()
    qtbot.waitUntil(a.score.hasFocus)
    qtbot.keyClick(a.score, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert saved_scores(demo_work, aid) == {}


def test_undo_goes_back_to_the_application_it_changes(qtbot, window, demo_work):
    first = window.current_id
    type_score(qtbot, window.rubric.boxes[0].score, "19")
    window.move_selection(1)
    assert window.current_id != first
    window.undo_action.trigger()
    assert window.current_id == first
    assert saved_scores(demo_work, first) == {}


def test_typing_merges_into_one_undo_step(qtbot, window):
    box = window.rubric.boxes[0]
    type_score(qtbot, box.score, "2", key=None)
    box.score.commit()
    qtbot.keyClicks(box.score, "5")
    qtbot.keyClick(box.score, Qt.Key.Key_Tab)
    assert window.undo_stack.count() == 1
    assert window.work.scores(window.current_id)[box.criterion.id].points2 == 50


def test_ctrl_n_goes_to_the_next_application_to_score(qtbot, window):
    start = window.current_id
    box = window.rubric.boxes[0]
    type_score(qtbot, box.score, "20", key=None)
    qtbot.keyClick(box.score, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert window.current_id != start
    assert window.work.scores(start)[box.criterion.id].points2 == 40  # saved on the way
    assert window.rubric.boxes[0].score.hasFocus()
    # Ctrl+Enter does the same from the score field.
    here = window.current_id
    qtbot.keyClick(window.rubric.boxes[0].score, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert window.current_id not in (here, None)


def test_extreme_totals_ask_for_a_comment(qtbot, window, demo_work):
    aid = window.current_id
    boxes = window.rubric.boxes
    for box in boxes:  # full marks: 100, at least 90
        type_score(qtbot, box.score, str(box.criterion.max_points))
    assert window.rubric.total.text() == "Total 100 / 100"
    assert window.rubric.needs_comment() == "high"
    assert window.rubric.comment_needed.isVisible()
    assert "90 or more" in window.rubric.comment_needed.text()
    assert all(box.comment.property("needed") for box in boxes)
    assert (aid, "P01", 200, "high") in window.work.summary().missing_comments
    boxes[0].comment.setFocus()
    boxes[0].comment.insertPlainText("示范效果突出")
    qtbot.keyClick(boxes[0].comment, Qt.Key.Key_Tab)
    assert saved_comments(demo_work, aid) == {boxes[0].criterion.id: "示范效果突出"}
    assert window.rubric.needs_comment() is None and not window.rubric.comment_needed.isVisible()
    assert not any(box.comment.property("needed") for box in boxes)
    assert aid not in [m[0] for m in window.work.summary().missing_comments]
    # A low total asks too, once the comment is gone.
    boxes[0].comment.setFocus()
    boxes[0].comment.clear()
    qtbot.keyClick(boxes[0].comment, Qt.Key.Key_Tab)
    assert saved_comments(demo_work, aid) == {}
    for box in boxes:
        type_score(qtbot, box.score, "5")
    assert window.rubric.total.text() == "Total 30 / 100"
    assert window.rubric.needs_comment() == "low"
    assert "below 60" in window.rubric.comment_needed.text()


def test_filters_search_and_progress(qtbot, window):
    complete = window.state_box.findData("complete")
    window.state_box.setCurrentIndex(complete)
    assert window.model.rowCount() == 6
    assert all(window.model.state_at(r) == COMPLETE for r in range(6))
    window.state_box.setCurrentIndex(window.state_box.findData("to_review"))
    window.program_box.setCurrentIndex(window.program_box.findData("P12"))
    n = window.model.rowCount()
    assert n > 0 and all(window.model.data(window.model.index(r, 3)) == "P12" for r in range(n))
    assert window.program_box.currentText().endswith(f"(0/{n})")
    assert window.progress_text.text().startswith(f"P12: complete 0/{n}")
    window.program_box.setCurrentIndex(0)
    name = window.model.data(window.model.index(10, 1))
    window.search.insert(name[2:5])  # typed with an input method
    assert 0 < window.model.rowCount() < 150
    found = {window.model.data(window.model.index(r, 1)) for r in range(window.model.rowCount())}
    assert name in found
    window.search.clear()
    assert window.model.rowCount() == 150


def test_side_pane_and_current_application_signal(qtbot, window):
    pane = QLabel("documents")
    frame = window.add_side_pane(pane, "申报材料")
    assert window.detail_splitter.indexOf(frame) == window.detail_splitter.count() - 1  # after the documents
    with qtbot.waitSignal(window.current_application_changed) as blocker:
        window.move_selection(1)
    assert blocker.args == [window.current_id]


def test_conflict_declared_after_scoring_asks_first(qtbot, window, demo_work, prompts):
    scored = "A-0001"
    code = str(window.work.application(scored)["credit_code"])
    dialog = window.show_conflicts()
    model = dialog.model
    qtbot.keyClicks(dialog.search, code)
    assert model.rowCount() == 1
    index = model.index(0, model.NAME)
    prompts.confirm_answer = False
    assert not model.setData(index, Qt.CheckState.Checked.value, Qt.ItemDataRole.CheckStateRole)
    assert "already scored" in prompts.asked[-1][1]
    assert window.work.conflicts() == set() and saved_scores(demo_work, scored)
    prompts.confirm_answer = True
    assert model.setData(index, Qt.CheckState.Checked.value, Qt.ItemDataRole.CheckStateRole)
    assert window.work.conflicts() == {code}
    assert saved_scores(demo_work, scored) == {}
    assert dialog.count.text() == "Declared: 1 enterprise(s)"
    dialog.accept()
    # Recused applications leave the default list and are shown as such.
    assert window.model.row_of(scored) is None
    window.state_box.setCurrentIndex(window.state_box.findData("recused"))
    assert window.model.row_of(scored) is not None
    window.select_application(scored)
    assert window.rubric.recused and not window.rubric.boxes[0].score.isEnabled()
    assert window.facts.recused_banner.isVisibleTo(window)
    assert window.model.state_at(window.model.row_of(scored)) == RECUSED


def test_conflict_without_scores_does_not_ask(window, prompts):
    unscored = "A-0150"
    code = str(window.work.application(unscored)["credit_code"])
    if window.work.reviewed_applications(code):
        pytest.skip("the demo's last enterprise also has a scored application")
    assert window.declare_conflict(code, True)
    assert prompts.asked == []
    assert window.declare_conflict(code, False)
    assert window.work.conflicts() == set()


def test_submit_summary_counts(qtbot, window):
    dialog = window.submit()
    assert dialog.count_labels[COMPLETE].text() == "6"
    assert dialog.count_labels[NOT_STARTED].text() == "144"
    assert dialog.incomplete.isVisibleTo(dialog)
    assert "score package no. 1" in dialog.sequence.text()
    dialog.reject()


def test_demo_action_opens_a_demo_work_copy(qtbot, tmp_path):
    path = tmp_path / "demo-expert.rdwork"
    w = open_demo_work(None, path)
    qtbot.addWidget(w)
    assert path.exists() and w.work.is_demo and w.demo_tag.isVisibleTo(w)
    w.close()
    again = open_demo_work(None, path)  # opened again, not rebuilt
    qtbot.addWidget(again)
    assert again.work.path == path


def test_window_in_chinese(qtbot, chinese, demo_work):
    w = ExpertWindow.open(demo_work)
    qtbot.addWidget(w)
    assert w.submit_button.text() == "提交评分…"
    assert w.progress_text.text() == "已完成 6/150"
    assert w.rubric.total.text().startswith("总分")
    assert w.facts.values["actual_investment"].text().endswith("万元")
    assert w.facts.values["actual_investment"].text().count("元") == 2


KILLED_AFTER_SAVING = r"""
import os, signal, sys
os.environ["QT_QPA_PLATFORM"] = "offscreen"
from ui.app import application
from ui.expert.window import ExpertWindow
app = application([sys.argv[0]])
window = ExpertWindow.open(sys.argv[1])
window.show()
app.processEvents()
box = window.rubric.boxes[0]
box.score.setText("21.5")
box.score.editingFinished.emit()   # what Tab or Enter does
app.processEvents()
print(window.current_id, box.criterion.id, flush=True)
os.kill(os.getpid(), signal.SIGKILL)  # no close, no clean-up: the power goes out
"""


@pytest.mark.skipif(not hasattr(__import__("signal"), "SIGKILL"), reason="needs SIGKILL")
def test_a_killed_app_loses_nothing_it_showed_as_saved(demo_work, tmp_path):
    import os
    import subprocess
    import sys

    script = tmp_path / "killed.py"
    script.write_text(KILLED_AFTER_SAVING)
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", XDG_CONFIG_HOME=str(tmp_path / "config"))
    p = subprocess.run([sys.executable, str(script), str(demo_work)], capture_output=True, text=True, env=env,
                       timeout=60)
    assert p.returncode == -9, p.stderr
    aid, criterion = p.stdout.split()
    assert saved_scores(demo_work, aid) == {criterion: 43}


def test_package_is_suggested_on_the_usb_stick_when_one_is_plugged_in(window, tmp_path, monkeypatch):
    from ui.expert import drives

    monkeypatch.setattr(drives, "removable_drives", lambda: [tmp_path / "USB"])
    suggested = window.suggested_package_path()
    assert suggested.parent == tmp_path / "USB"
    assert suggested.name == "2021年度济南市工业互联网奖补项目专家评审（演示）-E01-1.rdscores"
    monkeypatch.setattr(drives, "removable_drives", lambda: [])
    assert window.suggested_package_path().parent != tmp_path / "USB"


def test_switching_language_retranslates_the_open_window(qtbot, window):
    from ui import i18n

    i18n.install(i18n.CHINESE)
    qtbot.waitUntil(lambda: window.submit_button.text() == "提交评分…")
    assert window.rubric.next_button.text() == "下一个待评"
    assert window.state_box.currentText() == "全部待评审"
    i18n.install(i18n.ENGLISH)
    qtbot.waitUntil(lambda: window.submit_button.text() == "Hand in scores…")
