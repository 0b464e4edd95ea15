"""What the console reads and computes in its workers: the snapshot, what-if, stability,
the matrix statistics, import previews. Checked against the core."""

from __future__ import annotations

import statistics
from decimal import Decimal
from pathlib import Path

import pytest
from chair_helpers import write_csv

from reviewdesk.errors import InputError
from reviewdesk.session import Session
from reviewdesk.shortlist import Options, compute, load_inputs, stability_exhaustive
from reviewdesk.shortlist import what_if as core_what_if
from ui.chair.data import (
    calibration,
    fast_stability,
    guess_import_kind,
    load_snapshot,
    preview_import,
    row_statistics,
    stability_marks,
    what_if,
    with_criteria_cache,
)


@pytest.fixture
def inputs(demo_session):
    with Session.open(demo_session, readonly=True) as s:
        return load_inputs(s)


def test_the_criteria_cache_changes_no_result(inputs):
    cached = with_criteria_cache(inputs)
    experts = sorted({r.expert_id for rs in inputs.panel.reviews.values() for r in rs})
    for options in [Options(), Options(aggregation="median"), Options(zscores=True),
                    *(Options(leave_out=frozenset({e})) for e in experts)]:
        assert compute(cached, options).to_json() == compute(inputs, options).to_json()
        assert compute(cached, options).to_json() == compute(cached, options).to_json()  # second time from cache


@pytest.mark.parametrize("options", [Options(aggregation="median"), Options(aggregation="mean", zscores=True),
                                     Options(pass_score={"P07": Decimal("80")}), Options(quota={"P01": 12})])
def test_what_if_matches_the_core(inputs, options):
    base = compute(inputs)
    result = what_if(inputs, base, options)
    expected = core_what_if(inputs, options)
    assert [(c.application_id, c.before, c.after, c.reason_before, c.reason_after) for c in result.changes] == \
        expected
    awarded = [e for p in compute(inputs, options).programs for e in p.entries if e.status == "awarded"]
    assert result.awarded_after == len(awarded)
    assert result.amount_after == sum(e.amount for e in awarded)


def test_a_lower_quota_takes_awards_away(inputs):
    result = what_if(inputs, compute(inputs), Options(quota={"P01": 8}))
    lost = [c for c in result.changes if c.program == "P01"]
    assert [(c.before, c.after, c.reason_after) for c in lost] == [("awarded", "reserve", "quota_full")] * 2
    assert result.awarded_after == result.awarded_before - 2


def test_stability_marks_are_the_cores_and_can_be_cancelled(inputs):
    calls = []

    def progress(done, total, text=""):
        calls.append((done, total))
        return True

    assert stability_marks(inputs, progress) == stability_exhaustive(inputs)
    assert calls[-1][0] == calls[-1][1] == 9  # one recompute per expert of the demo's nine
    assert stability_marks(inputs, lambda d, t, x="": d < 3) is None


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_fast_stability_is_the_cores_on_a_generated_panel(tmp_path, seed):
    """40 experts, random panels: the restricted recomputes mark exactly what the core marks."""
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parents[3] / "bench"))
    from generate import generate

    path = generate(tmp_path / "g.rdesk", n_apps=900, n_experts=40, seed=seed)
    with Session.open(path, readonly=True) as s:
        inputs = load_inputs(s)
    expected = stability_exhaustive(inputs)
    assert expected, "some awards rest on one expert in a random panel"
    assert fast_stability(inputs) == expected


def test_fast_stability_with_decisions_shared_projects_and_prior_awards(demo_session):
    """The demo has a project applying to two programs, prior awards and a pool; add decisions."""
    from reviewdesk.decisions import decide

    with Session.open(demo_session) as s:
        decide(s, "A-0011", "award", "组长决定")
        decide(s, "A-0001", "exclude", "组长决定")
        inputs = load_inputs(s)
    assert fast_stability(inputs) == stability_exhaustive(inputs)
    assert fast_stability(inputs, progress=lambda done, total: done < 2) is None


def test_row_statistics_are_exact():
    mean, spread, sd = row_statistics([160, 170, 200])  # totals 80, 85, 100 as half-points
    assert mean == Decimal("88.33") and spread == Decimal("20")
    assert sd == Decimal(str(round(statistics.pstdev([80, 85, 100]), 2)))
    assert row_statistics([]) == (None, None, None)
    assert row_statistics([151]) == (Decimal("75.50"), Decimal("0"), Decimal("0.00"))


def test_calibration_against_the_panel_on_the_same_applications(inputs):
    rows = {c.expert_id: c for c in calibration(inputs, {"E01": "王建国", "E10": "没有评分的专家"})}
    e01 = [(aid, r.total2) for aid, rs in inputs.panel.reviews.items() for r in rs if r.expert_id == "E01"]
    assert rows["E01"].scored == len(e01)
    own = Decimal(sum(t for _, t in e01)) / 2 / len(e01)
    assert abs(rows["E01"].own_mean - own) < Decimal("0.01")
    panel = sum(Decimal(sum(r.total2 for r in inputs.panel.reviews[a])) / 2 / len(inputs.panel.reviews[a])
                for a, _ in e01) / len(e01)
    assert abs(rows["E01"].panel_mean - panel) < Decimal("0.01")
    assert rows["E10"].scored == 0 and rows["E10"].difference is None
    # the demo's harsh expert (E07, five points below) and lenient one (E09) show as such
    assert rows["E07"].difference < -2 < 2 < rows["E09"].difference


def test_snapshot_of_the_demo(demo_session):
    snap = load_snapshot(demo_session)
    assert snap.counts["applications"] == 150 and len(snap.experts) == 9
    assert snap.status_counts()["awarded"] == sum(e.status == "awarded" for e in snap.entries().values()) > 0
    assert sum(snap.status_counts().values()) == 150
    assert [b.application_id for b in snap.blockers] == ["A-0095"]
    assert snap.blockers[0].reviews == 2 and snap.blockers[0].needed == 3
    p01 = next(p for p in snap.programs if p.program_id == "P01")
    assert (p01.applications, p01.ready, p01.unscored) == (14, 14, 0)
    assert snap.audit[0].seq > snap.audit[-1].seq  # newest first
    assert snap.awarded_amount() == sum(e.amount for p in snap.shortlist.programs for e in p.entries
                                        if e.status == "awarded")


def test_preview_reads_as_the_import_does(tmp_path):
    path = write_csv(tmp_path / "apps.csv", ["申报编号", "项目类别", "企业名称", "统一社会信用代码", "项目名称", "实际投入（万元）",
                                            "备注"],
                     [["A-1", "P01", "甲公司", "91370100MA3C5LR50X", "项目", "120", "x"]] * 3)
    # a title row above the header, as a bureau's sheet has
    text = path.read_text(encoding="utf-8")
    path.write_text("2021年申报汇总表\n" + text, encoding="utf-8")
    p = preview_import("applications", path, limit=2)
    assert p.header_row == 2 and p.total_rows == 3 and len(p.rows) == 2
    assert p.fields == ["application_id", "program", "enterprise_name", "credit_code", "project_name",
                        "actual_investment"]
    assert p.units[-1] == "万元" and p.ignored == ["备注"]
    assert p.rows[0] == (3, ["A-1", "P01", "甲公司", "91370100MA3C5LR50X", "项目", "120"])
    with pytest.raises(InputError) as ei:
        preview_import("scores", path)
    assert ei.value.problems and any(pr.column == "score" for pr in ei.value.problems)


def test_dropped_tables_are_recognised(tables):
    assert guess_import_kind(tables["applications"]) == "applications"
    assert guess_import_kind(tables["experts"]) == "experts"
    assert guess_import_kind(tables["conflicts"]) == "conflicts"
    assert guess_import_kind(tables["prior-awards"]) == "prior-awards"
    assert guess_import_kind(tables["scores-paper"]) == "scores"
