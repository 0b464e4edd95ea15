"""The report model: words for reason codes, money formatting, the sample data."""

from __future__ import annotations

from decimal import Decimal

import pytest

from reviewdesk.reports.model import (
    ReportData,
    decision_text,
    format_wan,
    format_yuan,
    group_hex,
    reason_text,
    status_text,
    synthetic_report,
    uscc_check,
)


@pytest.mark.parametrize(("yuan", "text"), [
    (1_600_000, "1,600,000"), (0, "0"), (999, "999"), (1000, "1,000"), (100_000_000, "100,000,000"),
    (-25_000, "-25,000"), (Decimal("3000000"), "3,000,000"), (None, ""),
])
def test_format_yuan(yuan, text):
    assert format_yuan(yuan) == text


@pytest.mark.parametrize(("yuan", "text"), [
    (1_600_000, "160.00"), (0, "0.00"), (12_345, "1.23"), (15_000, "1.50"), (50, "0.01"), (49, "0.00"),
    (1_600_000_000, "160,000.00"), (39_240_000, "3,924.00"), (None, ""),
])
def test_format_wan_is_decimal_half_up(yuan, text):
    assert format_wan(yuan) == text


@pytest.mark.parametrize("bad", [1.5, 1600000.0, True, "1600000"])
def test_money_formatters_refuse_floats_and_text(bad):
    with pytest.raises(TypeError):
        format_yuan(bad)
    with pytest.raises(TypeError):
        format_wan(bad)


def test_money_formatters_refuse_fractional_decimal():
    with pytest.raises(ValueError):
        format_yuan(Decimal("10.5"))


REASONS = [
    ("quota_full", "名额已满", "Quota full"),
    ("budget_exhausted", "资金池余额不足", "Budget pool exhausted"),
    ("duplicate_award", "同一企业同一项目已获资助", "Project already funded"),
    ("below_threshold", "低于合格分", "Below pass score"),
    ("insufficient_reviews", "有效评审不足", "Too few complete reviews"),
    ("ineligible:level", "不符合条件：级别", "Not eligible: Level"),
    ("ineligible:actual_investment", "不符合条件：实际投入", "Not eligible: Actual investment"),
    ("ineligible:min_area", "不符合条件：min_area", "Not eligible: min_area"),
    ("chair:材料不符", "评审组长决定：材料不符", "Chair's decision: 材料不符"),
    ("chair:a:b", "评审组长决定：a:b", "Chair's decision: a:b"),
    ("awarded", "入选", "Awarded"),
    ("reserve", "候补", "Reserve"),
    ("excluded", "未入选", "Excluded"),
]


@pytest.mark.parametrize(("code", "zh", "en"), REASONS)
def test_reason_text_both_languages(code, zh, en):
    assert reason_text(code, "zh") == zh
    assert reason_text(code, "zh_CN") == zh
    assert reason_text(code, "en") == en


def test_reason_text_names_catalog_conditions_and_tolerates_unknown_codes():
    conditions = {"min_area": "租赁面积不少于 10,000 平方米"}
    assert reason_text("ineligible:min_area", "zh", conditions) == "不符合条件：租赁面积不少于 10,000 平方米"
    assert reason_text(None) == ""
    assert reason_text("") == ""
    assert reason_text("something_new") == "something_new"


def test_status_and_decision_words():
    assert [status_text(s) for s in ("awarded", "reserve", "excluded")] == ["入选", "候补", "未入选"]
    assert [status_text(s, "en") for s in ("awarded", "reserve", "excluded")] == ["Awarded", "Reserve", "Excluded"]
    assert decision_text("award") == "确定支持"
    assert decision_text("exclude", "en") == "Exclude"


def test_group_hex():
    assert group_hex("a1b2c3d4e5") == "A1B2 C3D4 E5"
    assert group_hex("a1:b2:c3") == "A1B2 C3"


def test_uscc_check_digit():
    assert uscc_check("91110000600037341") == "L"
    assert uscc_check("91350100M000100Y4") == "3"


def _check_consistent(r: ReportData) -> None:
    for p in r.programs:
        ranked = [e for e in p.entries if e.status != "excluded"]
        assert [e.rank for e in ranked] == list(range(1, len(ranked) + 1))
        excluded = p.entries[len(ranked):]
        assert all(e.status == "excluded" and e.rank is None and e.amount is None and e.reason
                   for e in excluded), "excluded entries come last, unranked"
        assert [e.application_id for e in excluded] == sorted(e.application_id for e in excluded)
        assert p.awarded_amount == sum(e.amount for e in p.entries if e.status == "awarded")
        for e in p.entries:
            assert e.status in ("awarded", "reserve", "excluded")
            assert e.reviews == len(e.expert_totals)
            assert e.kept == sum(1 for t in e.expert_totals if not t.dropped)
            assert e.amount is None or isinstance(e.amount, int)
            if e.score is not None:
                assert Decimal(e.score) == Decimal(e.score).quantize(Decimal("0.01"))
                kept = [Decimal(t.total) for t in e.expert_totals if not t.dropped]
                assert abs(sum(kept) / len(kept) - Decimal(e.score)) <= Decimal("0.005")
            if e.status == "reserve":
                assert e.reason in ("quota_full", "budget_exhausted", "duplicate_award")
        if p.budget_pool is not None:
            assert p.budget_left == p.budget_pool - p.prior_amount - p.awarded_amount


def test_sample_report_is_realistic_and_adds_up(sample):
    assert len(sample.programs) == 3
    assert 25 <= sample.entry_count <= 40
    assert len(sample.panel) == 7
    assert {e.status for p in sample.programs for e in p.entries} == {"awarded", "reserve", "excluded"}
    assert any(e.tied for p in sample.programs for e in p.entries)
    assert any(t.dropped for p in sample.programs for e in p.entries for t in e.expert_totals)
    reasons = {e.reason for p in sample.programs for e in p.entries if e.reason}
    assert {"quota_full", "budget_exhausted", "duplicate_award", "below_threshold",
            "insufficient_reviews", "ineligible:level"} <= reasons
    assert {d.kind for d in sample.decisions} == {"award", "exclude"}
    for d in sample.decisions:
        e = sample.entry(d.application_id)
        assert e is not None and e.reason == f"chair:{d.reason}"
    _check_consistent(sample)


def test_sample_report_is_deterministic(sample):
    from reviewdesk.reports.model import sample_report

    assert sample_report() == sample


def test_synthetic_report_scale():
    r = synthetic_report(3000, programs=15, experts=40)
    assert r.entry_count == 3000 and len(r.programs) == 15 and len(r.panel) == 40
    _check_consistent(r)


def test_core_report_modules_import_neither_qt_nor_renderer_libraries():
    import subprocess
    import sys

    code = ("import sys, reviewdesk.reports, reviewdesk.reports.pdf, reviewdesk.reports.xlsx; "
            "bad = [m for m in sys.modules if m.split('.')[0] in ('PySide6', 'ui', 'reportlab', 'openpyxl')]; "
            "assert not bad, bad")
    subprocess.run([sys.executable, "-c", code], check=True)
