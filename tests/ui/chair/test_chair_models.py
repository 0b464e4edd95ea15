"""The console's table models: Qt's model tester on each, and what their cells say."""

from __future__ import annotations

from decimal import Decimal

import pytest

from reviewdesk.session import Session
from ui.chair.data import Thresholds, load_matrix, load_snapshot
from ui.chair.models import STATUS_COLOURS, Column, MatrixModel, RankingModel, RowsModel
from ui.qt import Qt

BACKGROUND = Qt.ItemDataRole.BackgroundRole
TOOLTIP = Qt.ItemDataRole.ToolTipRole


@pytest.fixture
def snap(demo_session):
    return load_snapshot(demo_session)


def test_rows_model_sorts_filters_and_passes_the_model_tester(qtmodeltester):
    model = RowsModel([Column(lambda r: r[0]), Column(lambda r: str(r[1]), sort_key=lambda r: r[1])],
                      key=lambda r: r[0], search=lambda r: r[0])
    model.set_headers(["Name", "Count"])
    model.set_rows([("乙", 10), ("甲", 2), ("丙", None)])
    qtmodeltester.check(model)
    model.sort(1, Qt.SortOrder.DescendingOrder)
    assert [model.row_at(r)[0] for r in range(3)] == ["乙", "甲", "丙"]  # empty values last
    model.sort(1, Qt.SortOrder.AscendingOrder)
    assert [model.row_at(r)[0] for r in range(3)] == ["甲", "乙", "丙"]
    model.set_filter("甲")
    assert model.rowCount() == 1 and model.row_of_key("甲") == 0 and model.row_of_key("乙") is None
    assert model.headerData(1, Qt.Orientation.Horizontal) == "Count"
    qtmodeltester.check(model)


def test_ranking_model_of_every_program(qtmodeltester, snap):
    model = RankingModel()
    names = {e.expert_id: e.name for e in snap.experts}
    for result in snap.shortlist.programs:
        model.set_result(result, {}, names)
        qtmodeltester.check(model)
        assert model.rowCount() == len(result.entries)


def test_ranking_cells_status_reason_amount_and_quota_line(snap):
    model = RankingModel()
    p01 = snap.program_result("P01")
    model.set_result(p01)
    first = model.row_at(0)
    assert first.status == "awarded" and model.index(0, model.RANK).data() == "1"
    assert model.index(0, model.STATUS).data() == "Awarded"
    assert model.index(0, model.STATUS).data(BACKGROUND).color().name() == STATUS_COLOURS["awarded"][0]
    # the amount shows its derivation on hover
    tip = model.index(0, model.AMOUNT).data(TOOLTIP)
    assert "20% ×" in tip and "cap 3,000,000" in tip and tip == first.derivation
    assert model.index(0, model.AMOUNT).data() == f"{first.amount:,}"
    # the score's tooltip names the reviews kept and dropped (7 reviews: the highest and lowest dropped)
    assert "dropped" in model.index(0, model.SCORE).data(TOOLTIP)
    # quota of 10: the line under the tenth row; the eleventh waits for a place
    assert model.line_row == 9
    assert model.row_at(10).status == "reserve" and model.index(10, model.REASON).data() == "Quota full"
    # the line is drawn only in rank order
    model.sort(model.SCORE, Qt.SortOrder.AscendingOrder)
    assert model.line_row is None
    model.set_result(p01)
    assert model.line_row == 9
    # the stability column names the experts an award rests on
    model.set_fragile({first.application_id: ["E05"]})
    assert model.index(0, model.STABILITY).data().startswith("Rests on one expert: E05")
    assert "E05" in model.index(0, model.STABILITY).data(TOOLTIP)


def test_ranking_model_marks_ties_in_words(snap):
    tied = [(p, e) for p in snap.shortlist.programs for e in p.entries if e.tied]
    assert tied, "the demo has an exact tie in P06"
    program, entry = tied[0]
    model = RankingModel()
    model.set_result(program)
    row = model.row_of_key(entry.application_id)
    assert model.index(row, model.RANK).data() == f"{entry.rank} tied"
    assert "Tied" in model.index(row, model.RANK).data(TOOLTIP)


def test_ranking_model_in_chinese(snap, chinese):
    model = RankingModel()
    model.set_result(snap.program_result("P01"))
    assert model.index(0, model.STATUS).data() == "入选"
    assert model.index(10, model.REASON).data() == "名额已满"
    tied = next(p for p in snap.shortlist.programs if any(e.tied for e in p.entries))
    model.set_result(tied)
    row = next(r for r in range(model.rowCount()) if model.row_at(r).tied)
    assert model.index(row, model.RANK).data().endswith("并列")


def test_budget_pool_program_has_its_line_too(snap):
    p12 = snap.program_result("P12")
    assert p12.budget_pool is not None
    model = RankingModel()
    model.set_result(p12)
    if any(e.status == "reserve" for e in p12.entries):
        assert model.line_row is not None and model.row_at(model.line_row).status == "awarded"


def test_matrix_model_flags_disagreements(qtmodeltester, demo_session):
    matrix = load_matrix(demo_session, Thresholds(Decimal(15), Decimal(6)))
    model = MatrixModel()
    model.set_matrix(matrix)
    qtmodeltester.check(model)
    assert model.rowCount() == 150 and model.columnCount() == MatrixModel.FIXED + 9
    assert model.headerData(MatrixModel.FIXED, Qt.Orientation.Horizontal) == "E01"
    assert model.headerData(MatrixModel.FIXED, Qt.Orientation.Horizontal, TOOLTIP) == "王建国"
    flagged = [r for r in range(model.rowCount()) if model.index(r, MatrixModel.FLAG).data()]
    assert len(flagged) == matrix.flagged_count() > 0
    # A-0005 of P01: E07 scored 22 points below the panel (the demo's planted disagreement)
    row = next(r for r in range(model.rowCount()) if model.application_at(r) == "A-0005")
    assert model.index(row, MatrixModel.FLAG).data() == "Disagree"
    assert "range" in model.index(row, MatrixModel.FLAG).data(TOOLTIP)
    e07 = MatrixModel.FIXED + matrix.expert_ids.index("E07")
    assert model.index(row, e07).data(BACKGROUND) is not None  # the lowest total is marked
    # only the disagreements, and sorting by range
    model.set_only_flagged(True)
    assert model.rowCount() == matrix.flagged_count()
    qtmodeltester.check(model)
    model.sort(MatrixModel.RANGE, Qt.SortOrder.DescendingOrder)
    spreads = [matrix.spread[matrix.application_ids.index(model.application_at(r))] for r in range(model.rowCount())]
    assert spreads == sorted(spreads, reverse=True)
    model.set_only_flagged(False)
    model.set_filter("A-0001")
    assert model.rowCount() == 1
    # a declared conflict shows as such (E03 declared one with the enterprise of P01's first application)
    model.set_filter("")
    row = next(r for r in range(model.rowCount()) if model.application_at(r) == "A-0001")
    e03 = MatrixModel.FIXED + matrix.expert_ids.index("E03")
    assert model.index(row, e03).data() == "conflict"


def test_matrix_marks_incomplete_reviews(demo_session):
    with Session.open(demo_session, readonly=True) as s:
        counts = {p.id: len(p.criteria) for p in s.policy.programs}
        partial = [(a, e) for a, e, prog, n in s.conn.execute(
            "SELECT s.application_id, s.expert_id, a.program, count(s.points2) FROM scores s "
            "JOIN applications a USING (application_id) GROUP BY s.application_id, s.expert_id")
            if n < counts[prog]]
    assert partial, "the demo has an expert who left a criterion blank"
    aid, eid = partial[0]
    matrix = load_matrix(demo_session, Thresholds(Decimal(15), Decimal(6)))
    model = MatrixModel()
    model.set_matrix(matrix)
    row = next(r for r in range(model.rowCount()) if model.application_at(r) == aid)
    col = MatrixModel.FIXED + matrix.expert_ids.index(eid)
    assert model.index(row, col).data().startswith("(")
    assert "Incomplete" in model.index(row, col).data(TOOLTIP)


def test_the_console_models_pass_the_model_tester(qtmodeltester, qtbot, demo_session):
    from chair_helpers import open_console

    win = open_console(qtbot, demo_session)
    for model in (win.dashboard.program_model, win.dashboard.expert_model, win.dashboard.blocker_model,
                  win.applications.model, win.panel.roster_model, win.panel.outcome_model, win.audit.model,
                  win.scores.calibration_model, win.whatif.model, win.ranking.model):
        assert model.rowCount() >= 0
        qtmodeltester.check(model)
    assert win.applications.model.rowCount() == 150
    assert win.audit.model.rowCount() == len(win.snapshot.audit) > 0
