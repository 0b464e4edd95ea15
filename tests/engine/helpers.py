"""Builders for engine tests: small catalogs and sessions made in the test, never shipped data."""

from __future__ import annotations

import csv
import copy
from pathlib import Path

from stdnum.cn import uscc

from reviewdesk.policy import parse_catalog

_ALNUM = "0123456789ABCDEFGHJKLMNPQRTUWXY"


def credit_code(n: int) -> str:
    """A valid unified social credit code made from a number (fictional enterprise)."""
    body = "91370100"
    x = n
    chars = []
    for _ in range(9):
        chars.append(_ALNUM[x % 31])
        x //= 31
    base = body + "".join(chars)
    return base + uscc.calc_check_digit(base)


def _rubric(prefix: str, points: list[int]) -> list[dict]:
    return [{"id": f"{prefix}{i + 1}", "name": f"评分项{i + 1}", "max_points": p,
             "guidance": "高分：…\n中等：…\n低分：…"} for i, p in enumerate(points)]


BASE = {
    "format": 1,
    "id": "test-policy",
    "name": "测试政策",
    "name_en": "Test policy",
    "valid_from": "2020-01-01",
    "valid_to": "2022-12-31",
    "programs": [
        {"id": "P01", "name": "企业内网改造", "quota": 2,
         "funding": {"kind": "rate_of_base", "rate": "0.20", "base": "actual_investment", "cap": 3000000},
         "criteria": _rubric("a", [40, 30, 30]), "tie_break": ["a2", "a1", "a3"]},
        {"id": "P04", "name": "研发机构", "quota": 4, "level_quotas": {"provincial": 1, "municipal": 2},
         "funding": {"kind": "by_level", "levels": {"provincial": {"cap": 1000000},
                                                     "municipal": {"cap": 500000}}},
         "eligibility": [{"id": "level_recognised", "field": "level", "op": "in",
                          "value": ["provincial", "municipal"]}],
         "criteria": _rubric("b", [50, 50])},
        {"id": "P07", "name": "应用示范", "quota": 3,
         "funding": {"kind": "rate_of_base", "rate": "0.30", "base": "actual_investment", "cap": 1000000},
         "criteria": _rubric("c", [60, 40])},
        {"id": "P12", "name": "企业上云", "budget_pool": 1000000, "funding": {"kind": "pool"},
         "criteria": _rubric("d", [100])},
        {"id": "P13", "name": "展会", "quota": 5,
         "eligibility": [
             {"id": "rented_area", "field": "rented_area_m2", "op": ">=", "value": 10000},
             {"id": "no_fiscal_support", "field": "fiscal_support", "op": "is_false"},
             {"id": "international_organiser", "field": "international_organiser", "op": "is_true"}],
         "funding": {"kind": "bands", "field": "rented_area_m2", "bands": [
             {"min": 10000, "max": 20000, "amount": 500000}, {"min": 20000, "max": 30000, "amount": 1000000},
             {"min": 30000, "amount": 2000000}]},
         "criteria": _rubric("e", [50, 50])},
        {"id": "P15", "name": "公共服务平台", "quota": 3, "level_quotas": {"national": 1, "provincial": 2},
         "funding": {"kind": "by_level", "base": "actual_investment", "levels": {
             "national": {"rate": "0.30", "cap": 10000000}, "provincial": {"rate": "0.20", "cap": 10000000},
             "municipal": {"rate": "0.10", "cap": 10000000}}},
         "criteria": _rubric("f", [50, 50])},
    ],
}


def catalog_dict() -> dict:
    return copy.deepcopy(BASE)


def test_policy():
    return parse_catalog(catalog_dict(), "test")


def write_csv(path: Path, header: list[str], rows: list[list], encoding: str = "utf-8") -> Path:
    with path.open("w", newline="", encoding=encoding) as f:
        w = csv.writer(f)
        w.writerow(header)
        w.writerows(rows)
    return path
