"""The expert's models and work-copy queries: states as the core sees them, filters, search, laziness."""

from __future__ import annotations

from decimal import Decimal

import pytest

from reviewdesk import reviews
from reviewdesk.session import Session
from ui.expert import models
from ui.expert.models import ApplicationListModel, EnterpriseModel
from ui.expert.workcopy import (
    COMPLETE,
    IN_PROGRESS,
    NOT_STARTED,
    RECUSED,
    STATE_KEYS,
    ListFilter,
    WorkCopy,
    comment_needed,
    is_work_copy,
    points_text,
)
from ui.qt import Qt


@pytest.fixture
def work(demo_work):
    w = WorkCopy.open(demo_work)
    yield w
    w.close()


ALL = frozenset(range(4))


def test_states_match_the_core(work):
    w = work
    first = w.list_ids(ListFilter(states=ALL))[0][0]
    program = w.programs[str(w.application(first)["program"])]
    # One criterion of an unscored application: in progress; declared conflict: recused.
    target = next(aid for aid, st, _ in w.list_ids(ListFilter(states=ALL)) if st == NOT_STARTED)
    w.set_score(target, w.programs[str(w.application(target)["program"])].criteria[0].id, 7)
    code = str(w.application(first)["credit_code"])
    w.declare_conflict(code, True)
    core = reviews.review_states(w.session)
    listed = w.list_ids(ListFilter(states=ALL))
    assert len(listed) == len(core) == 150
    for aid, state, total2 in listed:
        assert STATE_KEYS[state] == core[aid].state, aid
        assert total2 == core[aid].total2
    assert dict((a, s) for a, s, _ in listed)[target] == IN_PROGRESS
    assert w.state(first)[0] == RECUSED
    assert program.id == "P01"


def test_counts_and_summary(work):
    counts = work.counts()
    assert sum(sum(c.values()) for c in counts.values()) == 150
    assert sum(c.get(COMPLETE, 0) for c in counts.values()) == 6
    summary = work.summary()
    assert summary.counts[COMPLETE] == 6 and summary.to_review == 150


def test_filter_by_program_state_and_chinese_search(work):
    p01 = work.list_ids(ListFilter(program="P01", states=ALL))
    assert p01 and all(str(work.application(a)["program"]) == "P01" for a, _, _ in p01)
    done = work.list_ids(ListFilter(states=frozenset({COMPLETE})))
    assert len(done) == 6 and all(s == COMPLETE for _, s, _ in done)
    # A two-character Chinese substring of an enterprise name finds it.
    app = work.application(p01[0][0])
    name = str(app["enterprise_name"])
    found = work.list_ids(ListFilter(search=name[2:4], states=ALL))
    assert p01[0][0] in [a for a, _, _ in found]
    assert all(name[2:4] in str(work.application(a)["enterprise_name"]) + str(work.application(a)["project_name"])
               for a, _, _ in found)
    # credit code, project name and the literal % (no wildcard)
    assert [a for a, _, _ in work.list_ids(ListFilter(search=str(app["credit_code"]).lower(), states=ALL))] \
        == [a for a, _, _ in work.list_ids(ListFilter(search=str(app["credit_code"]), states=ALL))]
    assert p01[0][0] in [a for a, _, _ in work.list_ids(ListFilter(search=str(app["project_name"]), states=ALL))]
    assert work.list_ids(ListFilter(search="%", states=ALL)) == []


def test_list_model_passes_qt_checks(qtmodeltester, work):
    model = ApplicationListModel(work)
    qtmodeltester.check(model)
    model.set_filter(ListFilter(program="P03", search="工业"))
    qtmodeltester.check(model)
    model.sort(ApplicationListModel.TOTAL, Qt.SortOrder.DescendingOrder)
    qtmodeltester.check(model)


def test_list_model_columns_and_lazy_pages(work, monkeypatch):
    monkeypatch.setattr(models, "PAGE", 20)
    model = ApplicationListModel(work)
    assert model.rowCount() == 150 and model.pages_loaded == 0
    # The state and total columns need no page; a text column loads one page.
    assert model.data(model.index(0, model.STATE)) == "Complete"
    assert model.pages_loaded == 0
    enterprise = model.data(model.index(0, model.ENTERPRISE))
    assert enterprise == work.application(model.application_id(0))["enterprise_name"]
    assert model.pages_loaded == 1
    model.data(model.index(19, model.PROJECT))
    assert model.pages_loaded == 1
    model.data(model.index(20, model.PROJECT))
    assert model.pages_loaded == 2
    total = model.data(model.index(0, model.TOTAL))
    assert Decimal(total) == Decimal(work.state(model.application_id(0))[1]) / 2
    assert model.data(model.index(149, model.TOTAL)) == ""  # not started: no total shown


def test_list_model_updates_one_row_after_a_score(qtbot, work):
    model = ApplicationListModel(work)
    row = next(r for r in range(model.rowCount()) if model.state_at(r) == NOT_STARTED)
    aid = model.application_id(row)
    criterion = work.programs[str(work.application(aid)["program"])].criteria[0].id
    work.set_score(aid, criterion, 11)
    with qtbot.waitSignal(model.dataChanged) as blocker:
        model.update_application(aid)
    assert blocker.args[0].row() == row
    assert model.data(model.index(row, model.STATE)) == "In progress"
    assert model.data(model.index(row, model.TOTAL)) == "5.5"


def test_sorting_by_state_keeps_the_rows_together(work):
    model = ApplicationListModel(work)
    model.sort(ApplicationListModel.STATE, Qt.SortOrder.DescendingOrder)
    states = [model.state_at(r) for r in range(model.rowCount())]
    assert states == sorted(states, reverse=True)


def test_chinese_state_names(chinese, work):
    model = ApplicationListModel(work)
    assert model.data(model.index(0, model.STATE)) == "已完成"
    assert model.headerData(0, Qt.Orientation.Horizontal) == "申报编号"
    assert {models.state_name(s) for s in range(4)} == {"未开始", "进行中", "已完成", "回避"}


def test_enterprise_model_search_and_ticks(qtmodeltester, work):
    toggles = []

    def toggle(code, declared):
        toggles.append((code, declared))
        work.declare_conflict(code, declared)
        return True

    model = EnterpriseModel(work, toggle)
    qtmodeltester.check(model)
    n = model.rowCount()
    assert n == len(work.enterprises()) > 10
    name = model.data(model.index(0, 0))
    model.set_search(name[2:4])
    assert 0 < model.rowCount() < n
    qtmodeltester.check(model)
    index = model.index(0, model.NAME)
    code = model.code_at(0)
    assert model.setData(index, Qt.CheckState.Checked.value, Qt.ItemDataRole.CheckStateRole)
    assert model.data(index, Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked
    assert work.conflicts() == {code} and toggles == [(code, True)]
    model.set_search(code)
    assert model.rowCount() == 1


def test_enterprise_model_keeps_a_refused_tick_off(work):
    model = EnterpriseModel(work, lambda code, declared: False)
    index = model.index(0, model.NAME)
    assert not model.setData(index, Qt.CheckState.Checked.value, Qt.ItemDataRole.CheckStateRole)
    assert model.data(index, Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Unchecked
    assert work.conflicts() == set()


def test_comment_needed_thresholds(work):
    program = work.programs["P01"]
    assert comment_needed(program, 2 * 59, True) == "low"
    assert comment_needed(program, 2 * 60, True) is None
    assert comment_needed(program, 179, True) is None
    assert comment_needed(program, 2 * 90, True) == "high"
    assert comment_needed(program, 2 * 20, False) is None


def test_points_text():
    assert points_text(51) == "25.5" and points_text(50) == "25" and points_text(0) == "0"
    assert points_text(None) == ""


def test_is_work_copy(demo_work, tmp_path):
    assert is_work_copy(demo_work)
    copy = tmp_path / "renamed.rdesk"
    copy.write_bytes(demo_work.read_bytes())
    assert is_work_copy(copy)
    chair = tmp_path / "chair.rdesk"
    from reviewdesk.demo import build_demo

    build_demo(chair)
    assert not is_work_copy(chair)
    other = tmp_path / "x.rdesk"
    other.write_text("not a database")
    assert not is_work_copy(other)
    with Session.open(chair) as s, pytest.raises(Exception, match="work copy"):
        WorkCopy(s)
