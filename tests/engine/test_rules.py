"""RULES.md §3–8, one rule at a time, through real sessions."""

from __future__ import annotations

from decimal import Decimal

import pytest
from helpers import app_row, build_session, catalog_dict, credit_code

from reviewdesk.decisions import decide
from reviewdesk.errors import InputError
from reviewdesk.policy import parse_catalog
from reviewdesk.shortlist import shortlist


def result(s):
    return {e.application_id: e for p in shortlist(s).programs for e in p.entries}


def program_json(s, pid):
    return next(p for p in shortlist(s).to_json()["programs"] if p["program"] == pid)


# --------------------------------------------------------------------------- §3 aggregation
def test_trimming_drops_lowest_and_highest_from_five(tmp_path):
    s = build_session(tmp_path, [app_row("A1", "P07", 1, actual_investment=1000000)],
                      {"A1": [70, 80, 90, 60, 100]})
    e = result(s)["A1"]
    assert e.agg.n == 5
    assert {r.expert_id for r in e.agg.dropped} == {"E4", "E5"}  # 60 and 100
    assert e.score == Decimal("80.00")


def test_no_trimming_below_trim_from_and_half_up_rounding(tmp_path):
    # (70 + 80.5 + 90) / 3 = 80.1666… → 80.17 ; (70 + 70.5 + 70.5 + 71) / 4 = 70.5
    s = build_session(tmp_path, [app_row("A1", "P07", 1, actual_investment=1000000),
                                 app_row("A2", "P07", 2, actual_investment=1000000)],
                      {"A1": [70, 80.5, 90], "A2": [70, 70.5, 70.5, 71]})
    r = result(s)
    assert r["A1"].score == Decimal("80.17") and r["A1"].agg.dropped == []
    assert r["A2"].score == Decimal("70.50")


def test_half_up_at_exactly_five_thousandths(tmp_path):
    # totals 60.5, 60, 60, 60 over 4 → 60.125 → 60.13 (half-up, not banker's)
    s = build_session(tmp_path, [app_row("A1", "P07", 1, actual_investment=1000000)],
                      {"A1": [60.5, 60, 60, 60]})
    assert result(s)["A1"].score == Decimal("60.13")


def test_trim_order_breaks_equal_totals_by_expert_id(tmp_path):
    s = build_session(tmp_path, [app_row("A1", "P07", 1, actual_investment=1000000)],
                      {"A1": [80, 80, 80, 80, 80]})
    e = result(s)["A1"]
    assert [r.expert_id for r in e.agg.dropped] == ["E1", "E5"]


def test_incomplete_reviews_do_not_count(tmp_path):
    s = build_session(tmp_path, [app_row("A1", "P07", 1, actual_investment=1000000)],
                      {"A1": [80, 80, [30, None]]})
    e = result(s)["A1"]
    assert e.agg.n == 2 and e.status == "excluded" and e.reason == "insufficient_reviews"
    assert e.score is None
    assert e.to_json()["score"] is None and e.to_json()["rank"] is None and e.to_json()["amount"] is None


# --------------------------------------------------------------------------- §4 exclusions
def test_exclusion_order_condition_before_missing_field_before_reviews(tmp_path):
    apps = [
        # fails two conditions: the first in catalog order is the reason
        app_row("A1", "P13", 1, rented_area_m2=5000, fiscal_support="是", international_organiser="是"),
        # passes conditions, but no scores: insufficient reviews
        app_row("A2", "P13", 2, rented_area_m2=15000, fiscal_support="否", international_organiser="是"),
        # missing field fails every condition on it
        app_row("A3", "P13", 3, fiscal_support="否", international_organiser="是"),
        # missing the second condition's field
        app_row("A4", "P13", 4, rented_area_m2=15000, international_organiser="是"),
    ]
    s = build_session(tmp_path, apps, {"A1": [80] * 5, "A3": [80] * 5, "A4": [80] * 5})
    r = result(s)
    assert r["A1"].reason == "ineligible:rented_area"
    assert r["A1"].score == Decimal("80.00")  # score is reported whatever the status
    assert r["A2"].reason == "insufficient_reviews"
    assert r["A3"].reason == "ineligible:rented_area"
    assert r["A4"].reason == "ineligible:no_fiscal_support"


def test_missing_funding_field_is_ineligible_by_field_name(tmp_path):
    apps = [app_row("A1", "P07", 1), app_row("A2", "P12", 2), app_row("A3", "P15", 3, actual_investment=100)]
    s = build_session(tmp_path, apps, {"A1": [80] * 3, "A2": [80] * 3, "A3": [80] * 3})
    r = result(s)
    assert r["A1"].reason == "ineligible:actual_investment"
    assert r["A2"].reason == "ineligible:requested_amount"
    assert r["A3"].reason == "ineligible:level"


def test_level_without_rule_is_ineligible_level(tmp_path):
    cat = catalog_dict()
    cat["programs"][1]["eligibility"] = []  # P04 without its level condition
    policy = parse_catalog(cat, "t")
    s = build_session(tmp_path, [app_row("A1", "P04", 1, level="national")], {"A1": [80] * 3}, policy=policy)
    assert result(s)["A1"].reason == "ineligible:level"


def test_below_threshold(tmp_path):
    s = build_session(tmp_path, [app_row("A1", "P07", 1, actual_investment=10),
                                 app_row("A2", "P07", 2, actual_investment=10)],
                      {"A1": [59.5, 60, 60], "A2": [60, 60, 60]})
    r = result(s)
    assert r["A1"].score == Decimal("59.83") and r["A1"].reason == "below_threshold"
    assert r["A2"].status == "awarded"


def test_band_gap_is_ineligible_field(tmp_path):
    cat = catalog_dict()
    cat["programs"][4]["eligibility"] = []
    policy = parse_catalog(cat, "t")
    s = build_session(tmp_path, [app_row("A1", "P13", 1, rented_area_m2=9999.5)], {"A1": [80] * 3}, policy=policy)
    assert result(s)["A1"].reason == "ineligible:rented_area_m2"


# --------------------------------------------------------------------------- §5 ranking
def test_tie_break_by_criteria_then_id_and_tie_marks(tmp_path):
    # P01 tie_break = a2, a1, a3 ; maxes 40, 30, 30
    apps = [app_row(a, "P01", i, actual_investment=1000) for i, a in enumerate(["A3", "A1", "A2", "A4"], 1)]
    s = build_session(tmp_path, apps, {
        "A1": [[30, 20, 30]] * 3,  # 80, a2=20
        "A2": [[28, 22, 30]] * 3,  # 80, a2=22 → ahead of A1
        "A3": [[30, 20, 30]] * 3,  # identical to A1: tied, A1 first by id
        "A4": [[35, 25, 30]] * 3,  # 90
    })
    entries = program_json(s, "P01")["entries"]
    assert [e["application_id"] for e in entries] == ["A4", "A2", "A1", "A3"]
    assert [e["rank"] for e in entries] == [1, 2, 3, 4]
    assert [e["tied"] for e in entries] == [False, False, True, True]


# --------------------------------------------------------------------------- §6 amounts
def test_amounts_by_rule_rounded_down_and_limited_by_request(tmp_path):
    apps = [
        app_row("A1", "P01", 1, actual_investment=1234567),  # 20% = 246,913.4 → 246,913
        app_row("A2", "P01", 2, actual_investment=20000000),  # capped at 3,000,000
        app_row("A3", "P07", 3, actual_investment=1000000, requested_amount=150000),  # 300,000 → request
        app_row("A4", "P04", 4, level="municipal"),  # cap by level
        app_row("A5", "P15", 5, level="national", actual_investment=5000001),  # 30% = 1,500,000.3
        app_row("A6", "P13", 6, rented_area_m2=20000, fiscal_support="否", international_organiser="是"),
        app_row("A7", "P13", 7, rented_area_m2="19999.9", fiscal_support="否", international_organiser="是"),
        app_row("A8", "P12", 8, requested_amount=400000),
    ]
    s = build_session(tmp_path, apps, {a[0]: [80] * 3 for a in apps})
    r = result(s)
    assert r["A1"].amount == 246913
    assert r["A2"].amount == 3000000
    assert r["A3"].amount == 150000
    assert r["A4"].amount == 500000
    assert r["A5"].amount == 1500000
    assert r["A6"].amount == 1000000  # [20000, 30000) → 1,000,000: min inclusive
    assert r["A7"].amount == 500000   # max exclusive
    assert r["A8"].amount == 400000


# --------------------------------------------------------------------------- §7 the walk
def test_quota_full_and_reserve_keeps_rank(tmp_path):
    apps = [app_row(f"A{i}", "P01", i, actual_investment=100000) for i in range(1, 5)]
    s = build_session(tmp_path, apps, {f"A{i}": [90 - i] * 3 for i in range(1, 5)})
    p = program_json(s, "P01")
    assert [(e["application_id"], e["status"], e["reason"], e["rank"]) for e in p["entries"]] == [
        ("A1", "awarded", None, 1), ("A2", "awarded", None, 2),
        ("A3", "reserve", "quota_full", 3), ("A4", "reserve", "quota_full", 4)]
    assert p["quota"] == 2 and p["quota_left"] == 0
    assert p["entries"][2]["amount"] == 20000  # a reserve shows what it would get


def test_prior_awards_of_the_same_year_use_the_quota(tmp_path):
    apps = [app_row(f"A{i}", "P01", i, actual_investment=100000) for i in range(1, 4)]
    prior = [[credit_code(50), "早先项目", "P01", 2021, 100000, ""],
             [credit_code(51), "去年项目", "P01", 2020, 100000, ""],
             [credit_code(52), "旧政策项目", "OLD-7", 2021, 100000, ""]]
    s = build_session(tmp_path, apps, {f"A{i}": [90 - i] * 3 for i in range(1, 4)}, prior=prior)
    p = program_json(s, "P01")
    assert [e["status"] for e in p["entries"]] == ["awarded", "reserve", "reserve"]
    assert p["quota_left"] == 0


def test_level_quotas_with_prior_award_of_a_level(tmp_path):
    # P04: provincial 1, municipal 2, total 4
    apps = [app_row("A1", "P04", 1, level="provincial"), app_row("A2", "P04", 2, level="provincial"),
            app_row("A3", "P04", 3, level="municipal"), app_row("A4", "P04", 4, level="municipal"),
            app_row("A5", "P04", 5, level="municipal")]
    prior = [[credit_code(60), "先前", "P04", 2021, 500000, "市级"]]
    s = build_session(tmp_path, apps, {f"A{i}": [90 - i] * 3 for i in range(1, 6)}, prior=prior)
    r = {e["application_id"]: (e["status"], e["reason"]) for e in program_json(s, "P04")["entries"]}
    assert r == {"A1": ("awarded", None), "A2": ("reserve", "quota_full"), "A3": ("awarded", None),
                 "A4": ("reserve", "quota_full"), "A5": ("reserve", "quota_full")}
    assert program_json(s, "P04")["level_quotas"] == {"provincial": 1, "municipal": 2}


def test_level_without_level_quota_has_no_level_limit(tmp_path):
    # P15: national 1, provincial 2, total 3; municipal has no level limit but the total applies
    apps = [app_row("A1", "P15", 1, level="municipal", actual_investment=10),
            app_row("A2", "P15", 2, level="municipal", actual_investment=10),
            app_row("A3", "P15", 3, level="national", actual_investment=10),
            app_row("A4", "P15", 4, level="national", actual_investment=10)]
    s = build_session(tmp_path, apps, {f"A{i}": [90 - i] * 3 for i in range(1, 5)})
    r = {e["application_id"]: (e["status"], e["reason"]) for e in program_json(s, "P15")["entries"]}
    assert r == {"A1": ("awarded", None), "A2": ("awarded", None), "A3": ("awarded", None),
                 "A4": ("reserve", "quota_full")}


def test_budget_pool_walk_goes_on_for_smaller_awards(tmp_path):
    # pool 1,000,000; prior this year 100,000
    apps = [app_row("A1", "P12", 1, requested_amount=600000), app_row("A2", "P12", 2, requested_amount=400000),
            app_row("A3", "P12", 3, requested_amount=300000), app_row("A4", "P12", 4, requested_amount=0)]
    prior = [[credit_code(70), "上云", "P12", 2021, 100000, ""]]
    s = build_session(tmp_path, apps, {f"A{i}": [90 - i] * 3 for i in range(1, 5)}, prior=prior)
    p = program_json(s, "P12")
    r = {e["application_id"]: (e["status"], e["reason"]) for e in p["entries"]}
    assert r == {"A1": ("awarded", None), "A2": ("reserve", "budget_exhausted"), "A3": ("awarded", None),
                 "A4": ("awarded", None)}
    assert p["budget_pool"] == 1000000 and p["budget_left"] == 0 and p["quota"] is None


def test_no_double_funding_across_programs_and_from_registry(tmp_path):
    apps = [app_row("A1", "P01", 1, project="智能工厂 网络改造", actual_investment=10),
            app_row("A2", "P07", 1, project="智能工厂网络改造。", actual_investment=10),  # same project
            app_row("A3", "P07", 2, project="另一个项目", actual_investment=10),
            app_row("A4", "P07", 3, project="Old Project", actual_investment=10)]
    prior = [[credit_code(3).lower(), "old-project", "旧政策第7条", 2019, 5, ""]]
    s = build_session(tmp_path, apps, {a[0]: [85] * 3 for a in apps}, prior=prior)
    r = result(s)
    assert r["A1"].status == "awarded"
    assert (r["A2"].status, r["A2"].reason) == ("reserve", "duplicate_award")
    assert r["A3"].status == "awarded"
    assert (r["A4"].status, r["A4"].reason) == ("reserve", "duplicate_award")


# --------------------------------------------------------------------------- §8 chair
def test_chair_decisions_take_quota_first_and_leave_the_walk(tmp_path):
    apps = [app_row(f"A{i}", "P01", i, actual_investment=100000) for i in range(1, 5)]
    s = build_session(tmp_path, apps, {"A1": [90] * 3, "A2": [85] * 3, "A3": [80] * 3, "A4": [50] * 3})
    decide(s, "A4", "award", "重大战略项目")
    decide(s, "A1", "exclude", "材料造假")
    p = program_json(s, "P01")
    r = {e["application_id"]: e for e in p["entries"]}
    assert r["A4"]["status"] == "awarded" and r["A4"]["reason"] == "chair:重大战略项目"
    assert r["A1"]["status"] == "excluded" and r["A1"]["reason"] == "chair:材料造假" and r["A1"]["rank"] is None
    assert r["A2"]["status"] == "awarded" and r["A3"]["reason"] == "quota_full"
    assert p["quota_left"] == 0
    decide(s, "A1", "clear", "误判，撤销")
    r = result(s)
    assert r["A1"].status == "awarded" and r["A1"].rank == 1


def test_decision_needs_reason_and_known_application(tmp_path):
    s = build_session(tmp_path, [app_row("A1", "P01", 1, actual_investment=10)])
    before = s.count("audit")
    with pytest.raises(InputError):
        decide(s, "A1", "award", "  ")
    with pytest.raises(InputError):
        decide(s, "NOPE", "award", "x")
    assert s.count("audit") == before and s.count("decisions") == 0


def test_conflicted_review_never_counts(tmp_path):
    apps = [app_row("A1", "P07", 1, actual_investment=10)]
    s = build_session(tmp_path, apps, {"A1": [80, 80, 80, 20]})
    assert result(s)["A1"].agg.n == 4
    from helpers import write_csv

    from reviewdesk.imports import import_conflicts

    import_conflicts(s, write_csv(tmp_path / "c.csv", ["expert_id", "credit_code"], [["E4", credit_code(1)]]))
    e = result(s)["A1"]
    assert e.agg.n == 3 and e.score == Decimal("80.00")


def test_programs_in_catalog_order_and_only_those_with_applications(tmp_path):
    apps = [app_row("A1", "P12", 1, requested_amount=5), app_row("A2", "P01", 2, actual_investment=5)]
    s = build_session(tmp_path, apps)
    j = shortlist(s).to_json()
    assert [p["program"] for p in j["programs"]] == ["P01", "P12"]
    assert j["session"] == {"name": "测试会话", "year": 2021, "policy": "test-policy"}
