"""Builders for engine tests: small catalogs and sessions made in the test, never shipped data."""

from __future__ import annotations

import copy
import csv
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


def make_policy():
    return parse_catalog(catalog_dict(), "test")


def write_csv(path: Path, header: list[str], rows: list[list], encoding: str = "utf-8") -> Path:
    with path.open("w", newline="", encoding=encoding) as f:
        w = csv.writer(f)
        w.writerow(header)
        w.writerows(rows)
    return path


APP_HEADER = ["application_id", "program", "enterprise_name", "credit_code", "project_name", "level",
              "actual_investment", "construction_investment", "sales_received_1y", "rented_area_m2",
              "requested_amount", "fiscal_support", "international_organiser", "own_ip"]


def app_row(aid: str, program: str, ent: int, project: str | None = None, **fields) -> list:
    row = {"application_id": aid, "program": program, "enterprise_name": f"企业{ent}",
           "credit_code": credit_code(ent), "project_name": project or f"项目{aid}"}
    row.update(fields)
    return ["" if row.get(h) is None else row.get(h, "") for h in APP_HEADER]


def build_session(tmp: Path, apps: list[list], totals: dict[str, list] | None = None, *, policy=None,
                  experts: int = 5, prior: list[list] | None = None, conflicts: list[tuple] | None = None,
                  year: int = 2021, name: str = "测试会话"):
    """A session with applications and scores.

    ``totals`` maps an application to one entry per expert (E1, E2, …): a list of criterion scores,
    or a number spread over the criteria as evenly as 0.5 steps allow, or None for no review.
    """
    from reviewdesk.imports import (
        import_applications,
        import_conflicts,
        import_experts,
        import_prior_awards,
        import_scores,
    )
    from reviewdesk.session import Session

    policy = policy or make_policy()
    s = Session.create(tmp / f"s{len(list(tmp.glob('*.rdesk')))}.rdesk", policy, year, name)
    import_applications(s, write_csv(tmp / "apps.csv", APP_HEADER, apps))
    import_experts(s, write_csv(tmp / "experts.csv", ["expert_id", "name"],
                                [[f"E{i}", f"专家{i}"] for i in range(1, experts + 1)]))
    if conflicts:
        import_conflicts(s, write_csv(tmp / "conflicts.csv", ["expert_id", "credit_code"], conflicts))
    if prior:
        import_prior_awards(s, write_csv(tmp / "prior.csv", ["credit_code", "project_name", "program", "year",
                                                               "amount", "level"], prior))
    if totals:
        rows = []
        programs = {r[0]: r[1] for r in apps}
        for aid, per_expert in totals.items():
            crits = policy.program(programs[aid]).criteria
            for i, t in enumerate(per_expert, 1):
                if t is None:
                    continue
                scores = t if isinstance(t, list) else spread(t, [c.max_points for c in crits])
                for c, sc in zip(crits, scores, strict=False):
                    if sc is not None:
                        rows.append([f"E{i}", aid, c.id, sc])
        if rows:
            import_scores(s, write_csv(tmp / "scores.csv", ["expert_id", "application_id", "criterion", "score"],
                                       rows))
    return s


def spread(total, maxes: list[int]) -> list[str]:
    """Split a total (a multiple of 0.5) over criteria in proportion to their points."""
    from decimal import Decimal

    total = Decimal(str(total))
    out = []
    left = total
    for i, m in enumerate(maxes):
        if i == len(maxes) - 1:
            v = left
        else:
            v = (total * m / sum(maxes) * 2).to_integral_value() / 2
            v = min(v, Decimal(m))
        out.append(v)
        left -= v
    assert all(0 <= v <= m for v, m in zip(out, maxes, strict=True)), (total, out)
    return [str(v) for v in out]
