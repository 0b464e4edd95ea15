"""The shipped policy catalog and the catalog loader (``reviewdesk/policy.py``).

The first half checks the shipped catalog against the facts of the policy text (POLICY.md) and the
shape CONTRACT.md promises for ``policy show --json``; the second half breaks a copy of it, one
mistake at a time, and checks that the loader names the key that holds the mistake.
"""

from __future__ import annotations

import copy
import datetime as dt
import json
import re
import tomllib
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from reviewdesk.errors import CatalogError
from reviewdesk.fields import APPLICATION_FIELDS, LEVELS
from reviewdesk.i18n import set_language
from reviewdesk.policy import (
    ELIGIBILITY_OPS,
    FUNDING_KINDS,
    Policy,
    find_catalog,
    load_catalog,
    parse_catalog,
    policy_from_json,
    shipped_catalogs,
)
from reviewdesk.resources import resource

POLICY_ID = "jinan-iiot-2020-2022"
CATALOG = resource("policies", f"{POLICY_ID}.toml")
FORMAT_DOC = Path(__file__).resolve().parents[1] / "docs" / "catalog-format.md"
PROGRAM_IDS = [f"P{i:02d}" for i in range(1, 16)]
CJK = re.compile(r"[\u4e00-\u9fff]")
SNAKE = re.compile(r"^[a-z][a-z0-9]*(_[a-z0-9]+)*$")
BAND_LINE = re.compile(r"^(高分|中等|低分)（(\d+(?:\.5)?)–(\d+(?:\.5)?)分）：(.{10,})$")

NAMES = {
    "P01": "企业内网改造标杆项目",
    "P02": "工业互联网测试平台建设",
    "P03": "引进顶尖人才、团队",
    "P04": "省、市级研发机构",
    "P05": "优质服务商、解决方案和工业APP",
    "P06": "市级应用示范企业",
    "P07": "工业互联网应用示范项目",
    "P08": "市级工业互联网产业示范基地",
    "P09": "应用成熟度测评",
    "P10": "融合应用示范标杆项目",
    "P11": "行业融合应用示范标杆项目",
    "P12": "“企业上云”专项引导资金",
    "P13": "供需对接、峰会、论坛、竞赛等活动",
    "P14": "工业互联网体验中心",
    "P15": "工业互联网公共服务平台",
}

# program -> (quota, level_quotas, budget_pool)
QUOTAS: dict[str, tuple[int | None, dict[str, int] | None, int | None]] = {
    "P01": (10, None, None),
    "P02": (2, None, None),
    "P03": (None, None, None),
    "P04": (4, {"provincial": 2, "municipal": 2}, None),
    "P05": (10, None, None),
    "P06": (20, None, None),
    "P07": (20, None, None),
    "P08": (2, None, None),
    "P09": (60, None, None),
    "P10": (10, None, None),
    "P11": (10, None, None),
    "P12": (None, None, 20_000_000),
    "P13": (5, None, None),
    "P14": (None, None, None),
    "P15": (3, {"national": 1, "provincial": 2}, None),
}

_RATE_30 = {"kind": "rate_of_base", "rate": "0.30", "base": "actual_investment", "cap": 1_000_000}
FUNDING: dict[str, dict[str, Any]] = {
    "P01": {"kind": "rate_of_base", "rate": "0.20", "base": "actual_investment", "cap": 3_000_000},
    "P02": {"kind": "rate_of_base", "rate": "0.50", "base": "construction_investment", "cap": 2_000_000},
    "P03": {"kind": "fixed_cap", "cap": 100_000_000},
    "P04": {"kind": "by_level", "levels": {"provincial": {"cap": 1_000_000}, "municipal": {"cap": 500_000}}},
    "P05": {"kind": "rate_of_base", "rate": "0.30", "base": "sales_received_1y", "cap": 1_000_000},
    "P06": {"kind": "fixed_cap", "cap": 100_000},
    "P07": _RATE_30,
    "P08": {"kind": "fixed_cap", "cap": 3_000_000},
    "P09": {"kind": "fixed_cap", "cap": 100_000},
    "P10": _RATE_30,
    "P11": _RATE_30,
    "P12": {"kind": "pool"},
    "P13": {"kind": "bands", "field": "rented_area_m2", "bands": [
        {"min": 10_000, "max": 20_000, "amount": 500_000},
        {"min": 20_000, "max": 30_000, "amount": 1_000_000},
        {"min": 30_000, "max": 50_000, "amount": 1_500_000},
        {"min": 50_000, "amount": 2_000_000}]},
    "P14": {"kind": "by_level", "levels": {"national": {"cap": 10_000_000}, "provincial": {"cap": 3_000_000},
                                           "municipal": {"cap": 1_000_000}}},
    "P15": {"kind": "by_level", "base": "actual_investment", "levels": {
        "national": {"rate": "0.30", "cap": 10_000_000}, "provincial": {"rate": "0.20", "cap": 10_000_000},
        "municipal": {"rate": "0.10", "cap": 10_000_000}}},
}

_ALL_LEVELS = ["national", "provincial", "municipal"]
# program -> [(id, field, op, value)] in catalog order
ELIGIBILITY: dict[str, list[tuple[str, str, str, Any]]] = {
    "P04": [("level_recognised", "level", "in", ["provincial", "municipal"])],
    "P05": [("own_ip", "own_ip", "is_true", None)],
    "P13": [("rented_area", "rented_area_m2", ">=", 10_000),
            ("no_fiscal_support", "fiscal_support", "is_false", None),
            ("international_organiser", "international_organiser", "is_true", None)],
    "P14": [("level_recognised", "level", "in", _ALL_LEVELS)],
    "P15": [("level_recognised", "level", "in", _ALL_LEVELS)],
}


@pytest.fixture(autouse=True)
def _english():
    set_language("en")
    yield
    set_language(None)


@pytest.fixture(scope="module")
def policy() -> Policy:
    return find_catalog(POLICY_ID)


def raw() -> dict:
    """A fresh copy of the shipped catalog as TOML data, to break in a test."""
    return tomllib.loads(CATALOG.read_text(encoding="utf-8"))


def _walk(value: Any, path: str = ""):
    yield path, value
    if isinstance(value, dict):
        for k, v in value.items():
            yield from _walk(v, f"{path}.{k}" if path else k)
    elif isinstance(value, list):
        for i, v in enumerate(value):
            yield from _walk(v, f"{path}[{i}]")


# ----------------------------------------------------------------------------- the shipped catalog


def test_shipped_catalog_loads(policy):
    assert CATALOG in shipped_catalogs()
    assert load_catalog(CATALOG).digest() == policy.digest()
    assert policy.id == POLICY_ID
    assert policy.name == "济南市工业互联网创新发展行动计划（2020—2022年）奖补政策实施细则"
    assert policy.name_en
    assert policy.valid_from == dt.date(2020, 1, 1)
    assert policy.valid_to == dt.date(2022, 12, 31)
    assert list(policy.years()) == [2020, 2021, 2022]
    assert "济南市工业互联网创新发展行动计划" in policy.source


def test_notes_mark_the_products_proposals(policy):
    notes = policy.notes
    assert CJK.search(notes)
    for zh in ("评分细则", "第13类", "通过分数线", "最少有效评审数", "去掉一个最高分", "工业和信息化局"):
        assert zh in notes
    for en in ("proposal", "rubric", "program 13", "pass score", "minimum number of complete reviews",
               "highest and lowest"):
        assert en in notes


def test_file_writes_money_as_integers_and_decimals_as_strings():
    data = raw()
    assert data["format"] == 1
    assert isinstance(data["valid_from"], dt.date) and isinstance(data["valid_to"], dt.date)
    assert data["defaults"] == {"pass_score": "60", "min_reviews": 3, "trim_from": 5,
                                "comment_below": "60", "comment_from": "90"}
    floats = [path for path, v in _walk(data) if isinstance(v, float)]
    assert floats == []


def test_fifteen_programs_in_document_order(policy):
    assert [p.id for p in policy.programs] == PROGRAM_IDS
    assert {p.id: p.name for p in policy.programs} == NAMES


def test_programs_say_what_they_fund(policy):
    for p in policy.programs:
        assert p.name_en, p.id
        assert p.action.startswith("行动"), p.id
        assert CJK.search(p.description) and len(p.description) >= 20, p.id
    actions = {p.id: p.action.split()[0] for p in policy.programs}
    assert actions["P01"] == "行动1" and actions["P04"] == "行动3" and actions["P12"] == "行动8"
    assert {actions[x] for x in ("P13", "P14", "P15")} == {"行动10"}


def test_review_settings_are_the_defaults(policy):
    for p in policy.programs:
        assert p.pass_score == Decimal("60"), p.id
        assert (p.min_reviews, p.trim_from) == (3, 5), p.id
        assert (p.comment_below, p.comment_from) == (Decimal("60"), Decimal("90")), p.id


@pytest.mark.parametrize("pid", PROGRAM_IDS)
def test_quotas_and_pools(policy, pid):
    p = policy.program(pid)
    assert (p.quota, p.level_quotas, p.budget_pool) == QUOTAS[pid]


@pytest.mark.parametrize("pid", PROGRAM_IDS)
def test_funding_rules(policy, pid):
    assert policy.program(pid).funding.to_json() == FUNDING[pid]


def test_funding_rules_as_values(policy):
    p01 = policy.program("P01").funding
    assert (p01.rate, p01.base, p01.cap) == (Decimal("0.20"), "actual_investment", 3_000_000)
    bands = policy.program("P13").funding.bands
    assert [(b.min, b.max, b.amount) for b in bands] == [
        (Decimal(10_000), Decimal(20_000), 500_000), (Decimal(20_000), Decimal(30_000), 1_000_000),
        (Decimal(30_000), Decimal(50_000), 1_500_000), (Decimal(50_000), None, 2_000_000)]
    p15 = policy.program("P15").funding.levels
    assert {lv: (r.rate, r.cap) for lv, r in p15.items()} == {
        "national": (Decimal("0.30"), 10_000_000), "provincial": (Decimal("0.20"), 10_000_000),
        "municipal": (Decimal("0.10"), 10_000_000)}
    assert policy.program("P12").funding.needed_fields() == ["requested_amount"]


@pytest.mark.parametrize("pid", PROGRAM_IDS)
def test_eligibility(policy, pid):
    conds = policy.program(pid).eligibility
    got = [(c.id, c.field, c.op, c.value) for c in conds]
    want = [(i, f, op, Decimal(v) if op == ">=" else tuple(v) if op == "in" else v)
            for i, f, op, v in ELIGIBILITY.get(pid, [])]
    assert got == want
    for c in conds:
        assert CJK.search(c.description), (pid, c.id)


@pytest.mark.parametrize("pid", PROGRAM_IDS)
def test_rubric(policy, pid):
    p = policy.program(pid)
    assert 4 <= len(p.criteria) <= 7
    assert sum(c.max_points for c in p.criteria) == 100
    assert len(set(p.criterion_ids)) == len(p.criteria)
    # tie_break: every criterion once, the most decisive first
    assert sorted(p.tie_break) == sorted(p.criterion_ids)
    for c in p.criteria:
        assert SNAKE.match(c.id), c.id
        assert CJK.search(c.name) and c.name_en, c.id
        assert isinstance(c.max_points, int) and c.max_points > 0


@pytest.mark.parametrize("pid", PROGRAM_IDS)
def test_guidance_bands_match_the_points(policy, pid):
    """Three lines, high / middle / low, whose score ranges cover 0..max_points in 0.5 steps."""
    for c in policy.program(pid).criteria:
        lines = c.guidance.split("\n")
        assert len(lines) == 3, (pid, c.id)
        m = [BAND_LINE.match(line) for line in lines]
        assert all(m), (pid, c.id, lines)
        assert [x[1] for x in m] == ["高分", "中等", "低分"], (pid, c.id)
        (h_lo, h_hi), (m_lo, m_hi), (l_lo, l_hi) = [(Decimal(x[2]), Decimal(x[3])) for x in m]
        half = Decimal("0.5")
        assert h_hi == c.max_points and l_lo == 0, (pid, c.id)
        assert m_hi + half == h_lo and l_hi + half == m_lo, (pid, c.id)
        assert l_lo < l_hi < m_lo <= m_hi < h_lo < h_hi, (pid, c.id)
        assert all(CJK.search(x[4]) for x in m), (pid, c.id)


def test_guidance_is_specific_to_each_program(policy):
    texts = [c.guidance for p in policy.programs for c in p.criteria]
    assert len(set(texts)) == len(texts)
    assert "TSN" in "".join(c.guidance for c in policy.program("P01").criteria)
    assert "上云" in "".join(c.guidance for c in policy.program("P12").criteria)
    assert "境外参展" in "".join(c.guidance for c in policy.program("P13").criteria)


def test_to_json_has_the_contract_keys(policy):
    d = policy.to_json()
    json.dumps(d, ensure_ascii=False)  # plain JSON, no Decimal or date left
    assert {"id", "name", "valid_from", "valid_to", "programs"} <= set(d)
    assert (d["id"], d["valid_from"], d["valid_to"]) == (POLICY_ID, "2020-01-01", "2022-12-31")
    program_keys = {"id", "name", "quota", "level_quotas", "budget_pool", "funding", "eligibility",
                    "pass_score", "min_reviews", "trim_from", "criteria", "tie_break"}
    funding_keys = {"rate_of_base": {"kind", "rate", "base", "cap"}, "by_level": {"kind", "levels"},
                    "fixed_cap": {"kind", "cap"}, "bands": {"kind", "field", "bands"}, "pool": {"kind"}}
    for p in d["programs"]:
        assert program_keys <= set(p), p["id"]
        assert p["pass_score"] == "60" and p["min_reviews"] == 3 and p["trim_from"] == 5
        f = p["funding"]
        assert funding_keys[f["kind"]] <= set(f) <= funding_keys[f["kind"]] | {"base"}
        if "rate" in f:
            assert isinstance(f["rate"], str)
        if "cap" in f:
            assert isinstance(f["cap"], int)
        for e in p["eligibility"]:
            assert {"id", "field", "op"} <= set(e)
            assert ("value" in e) == (e["op"] not in ("is_true", "is_false", "present"))
        for c in p["criteria"]:
            assert {"id", "name", "max_points", "guidance"} <= set(c)
        assert p["tie_break"] and set(p["tie_break"]) == {c["id"] for c in p["criteria"]}
    p13 = d["programs"][12]
    assert p13["eligibility"][0] == {"id": "rented_area", "field": "rented_area_m2", "op": ">=",
                                     "value": 10_000, "description": p13["eligibility"][0]["description"]}


def test_round_trip_through_canonical_json(policy):
    again = policy_from_json(policy.canonical_json())
    assert again.digest() == policy.digest()
    assert again.to_json() == policy.to_json()
    assert again.program("P13").funding.bands == policy.program("P13").funding.bands


def test_digest_is_stable(policy):
    assert load_catalog(CATALOG).digest() == policy.digest()
    assert len(policy.digest()) == 64


# ----------------------------------------------------------------------------- broken catalogs


def _set(*path: Any, value: Any):
    def change(d: dict) -> None:
        for k in path[:-1]:
            d = d[k]
        d[path[-1]] = value
    return change


def _del(*path: Any):
    def change(d: dict) -> None:
        for k in path[:-1]:
            d = d[k]
        del d[path[-1]]
    return change


def _append(*path: Any, value: Any):
    def change(d: dict) -> None:
        for k in path:
            d = d[k]
        d.append(value)
    return change


P01, P03, P04, P06, P12, P13 = 0, 2, 3, 5, 11, 12

BROKEN = [
    # (what, change, the key the problem must name)
    ("points do not sum to 100", _set("programs", P01, "criteria", 0, "max_points", value=31),
     "programs[0].criteria"),
    ("points of a criterion are zero", _set("programs", P01, "criteria", 0, "max_points", value=0),
     "programs[0].criteria[0].max_points"),
    ("points written as text", _set("programs", P01, "criteria", 0, "max_points", value="30"),
     "programs[0].criteria[0].max_points"),
    ("criterion without guidance", _del("programs", P01, "criteria", 0, "guidance"),
     "programs[0].criteria[0].guidance"),
    ("criterion name_en not text", _set("programs", P01, "criteria", 0, "name_en", value=5),
     "programs[0].criteria[0].name_en"),
    ("duplicate criterion id", _set("programs", P01, "criteria", 1, "id", value="network_tech"),
     "programs[0].criteria[1].id"),
    ("no criteria", _del("programs", P01, "criteria"), "programs[0].criteria"),
    ("unknown funding kind", _set("programs", P01, "funding", "kind", value="loan"), "programs[0].funding.kind"),
    ("funding missing", _del("programs", P01, "funding"), "programs[0].funding"),
    ("rate above 1", _set("programs", P01, "funding", "rate", value="1.5"), "programs[0].funding.rate"),
    ("rate not a number", _set("programs", P01, "funding", "rate", value="20%"), "programs[0].funding.rate"),
    ("base not a money field", _set("programs", P01, "funding", "base", value="rented_area_m2"),
     "programs[0].funding.base"),
    ("negative cap", _set("programs", P01, "funding", "cap", value=-1), "programs[0].funding.cap"),
    ("cap written as a decimal", _set("programs", P01, "funding", "cap", value=3e6), "programs[0].funding.cap"),
    ("key the funding kind does not use", _set("programs", P06, "funding", "rate", value="0.10"),
     "programs[5].funding.rate"),
    ("unknown level in by_level", _set("programs", P04, "funding", "levels", "county", value={"cap": 1}),
     "programs[3].funding.levels.county"),
    ("by_level rule without cap", _set("programs", P04, "funding", "levels", "municipal", value={}),
     "programs[3].funding.levels.municipal.cap"),
    ("unknown level in level_quotas", _set("programs", P04, "level_quotas", "county", value=1),
     "programs[3].level_quotas.county"),
    ("negative level quota", _set("programs", P04, "level_quotas", "provincial", value=-2),
     "programs[3].level_quotas.provincial"),
    ("overlapping bands", _set("programs", P13, "funding", "bands", 1, "min", value=15_000),
     "programs[12].funding.bands"),
    ("open band before another", _del("programs", P13, "funding", "bands", 0, "max"),
     "programs[12].funding.bands"),
    ("band max not above min", _set("programs", P13, "funding", "bands", 0, "max", value=10_000),
     "programs[12].funding.bands[0].max"),
    ("bands on a text field", _set("programs", P13, "funding", "field", value="project_name"),
     "programs[12].funding.field"),
    ("bad operator", _set("programs", P13, "eligibility", 0, "op", value="=>"), "programs[12].eligibility[0].op"),
    ("is_true on a number", _set("programs", P13, "eligibility", 0, "op", value="is_true"),
     "programs[12].eligibility[0].op"),
    ("unknown application field", _set("programs", P13, "eligibility", 0, "field", value="area"),
     "programs[12].eligibility[0].field"),
    ("value given to is_false", _set("programs", P13, "eligibility", 1, "value", value=False),
     "programs[12].eligibility[1].value"),
    ("unknown level in a condition", _set("programs", P04, "eligibility", 0, "value", value=["county"]),
     "programs[3].eligibility[0].value"),
    ("duplicate condition id", _set("programs", P13, "eligibility", 1, "id", value="rented_area"),
     "programs[12].eligibility[1].id"),
    ("negative quota", _set("programs", P01, "quota", value=-1), "programs[0].quota"),
    ("quota as text", _set("programs", P01, "quota", value="10"), "programs[0].quota"),
    ("pool without budget_pool", _del("programs", P12, "budget_pool"), "programs[11].budget_pool"),
    ("negative budget_pool", _set("programs", P12, "budget_pool", value=-20_000_000), "programs[11].budget_pool"),
    ("tie_break names an unknown criterion", _append("programs", P01, "tie_break", value="price"),
     "programs[0].tie_break"),
    ("tie_break names a criterion twice", _append("programs", P01, "tie_break", value="coverage"),
     "programs[0].tie_break"),
    ("tie_break holds a table", _set("programs", P01, "tie_break", value=[{"id": "coverage"}]),
     "programs[0].tie_break"),
    ("program without a name", _del("programs", P03, "name"), "programs[2].name"),
    ("program without an id", _del("programs", P03, "id"), "programs[2].id"),
    ("duplicate program id", _set("programs", 1, "id", value="P01"), "programs[1].id"),
    ("misspelt program key", _set("programs", P01, "quotas", value=10), "programs[0].quotas"),
    ("pass score above 100", _set("programs", P01, "pass_score", value="160"), "programs[0].pass_score"),
    ("trim_from below 3", _set("programs", P01, "trim_from", value=2), "programs[0].trim_from"),
    ("min_reviews zero", _set("programs", P01, "min_reviews", value=0), "programs[0].min_reviews"),
    ("catalog without a name", _del("name"), "name"),
    ("unknown top-level key", _set("valid_until", value="2022-12-31"), "valid_until"),
    ("bad date", _set("valid_from", value="2020-13-01"), "valid_from"),
    ("period ends before it starts", _set("valid_to", value=dt.date(2019, 12, 31)), "valid_to"),
    ("unsupported format", _set("format", value=2), "format"),
    ("no programs", _set("programs", value=[]), "programs"),
    ("unknown default", _set("defaults", "pass_mark", value="60"), "defaults.pass_mark"),
    ("pass score default as yes/no", _set("defaults", "pass_score", value=True), "defaults.pass_score"),
]


@pytest.mark.parametrize("change, key", [b[1:] for b in BROKEN], ids=[b[0] for b in BROKEN])
def test_broken_catalog_names_the_key(change, key):
    data = raw()
    change(data)
    with pytest.raises(CatalogError) as e:
        parse_catalog(data, source="broken.toml")
    columns = [p.column for p in e.value.problems]
    assert key in columns, columns
    assert all(p.file == "broken.toml" for p in e.value.problems)
    assert f"broken.toml: {key}: " in "\n".join(e.value.lines())


@pytest.mark.parametrize("key, value", [("min_reviews", 0), ("trim_from", 2), ("pass_score", "150"),
                                        ("comment_from", "-1")])
def test_a_bad_default_is_reported_once_at_its_key(key, value):
    data = raw()
    data["defaults"][key] = value
    with pytest.raises(CatalogError) as e:
        parse_catalog(data, source="broken.toml")
    assert [p.column for p in e.value.problems] == [f"defaults.{key}"]


def test_every_problem_is_listed_at_once():
    data = raw()
    data["programs"][0]["quota"] = -1
    data["programs"][12]["eligibility"][0]["op"] = "=>"
    data["programs"][14]["criteria"][0]["max_points"] = 1
    with pytest.raises(CatalogError) as e:
        parse_catalog(data, source="broken.toml")
    assert [p.column for p in e.value.problems] == [
        "programs[0].quota", "programs[12].eligibility[0].op", "programs[14].criteria"]
    assert "3 problem(s)" in str(e.value)


def test_messages_in_both_languages():
    data = raw()
    data["programs"][0]["funding"]["kind"] = "loan"
    with pytest.raises(CatalogError) as e:
        parse_catalog(data, source="broken.toml")
    (problem,) = e.value.problems
    assert str(problem).startswith("broken.toml: programs[0].funding.kind: unknown funding kind 'loan'")
    set_language("zh")
    assert str(problem).startswith("broken.toml: programs[0].funding.kind: 未知的资助方式 'loan'")


def test_broken_files_on_disk(tmp_path):
    text = CATALOG.read_text(encoding="utf-8")
    bad_value = tmp_path / "next-period.toml"
    bad_value.write_text(text.replace('rate = "0.20"', 'rate = "0.2O"', 1), encoding="utf-8")
    with pytest.raises(CatalogError) as e:
        load_catalog(bad_value)
    assert e.value.lines() == ["next-period.toml: programs[0].funding.rate: not a number: '0.2O'"]

    bad_toml = tmp_path / "syntax.toml"
    bad_toml.write_text(text.replace("quota = 10", "quota = ", 1), encoding="utf-8")
    with pytest.raises(CatalogError, match="not valid TOML"):
        load_catalog(bad_toml)

    with pytest.raises(CatalogError, match="cannot read"):
        load_catalog(tmp_path / "missing.toml")


def test_a_copied_catalog_file_is_found_by_path(tmp_path):
    copy_path = tmp_path / "jinan-copy.toml"
    copy_path.write_text(CATALOG.read_text(encoding="utf-8"), encoding="utf-8")
    assert find_catalog(str(copy_path)).digest() == find_catalog(POLICY_ID).digest()
    with pytest.raises(CatalogError, match="unknown policy"):
        find_catalog("no-such-policy")


def test_edits_to_a_copy_change_the_digest(policy):
    data = copy.deepcopy(raw())
    data["programs"][0]["quota"] = 11
    assert parse_catalog(data).digest() != policy.digest()


# ----------------------------------------------------------------------------- docs/catalog-format.md


def _doc_block(after_heading: str, lang: str) -> str:
    doc = FORMAT_DOC.read_text(encoding="utf-8")
    section = doc.split(after_heading, 1)[1]
    return section.split(f"```{lang}\n", 1)[1].split("```", 1)[0]


def test_format_doc_example_loads():
    data = tomllib.loads(_doc_block("## A minimal annotated example", "toml"))
    example = parse_catalog(data, source="example-2023.toml")
    assert [p.id for p in example.programs] == ["P01", "P04"]
    assert example.program("P04").pass_score == Decimal("65")
    assert example.program("P01").tie_break == ("network_tech", "benefit")


def test_format_doc_names_every_kind_op_level_and_field():
    doc = FORMAT_DOC.read_text(encoding="utf-8")
    for kind in FUNDING_KINDS:
        assert f"`{kind}`" in doc, kind
    for op in ELIGIBILITY_OPS:
        assert f'`"{op}"`' in doc, op
    for name in [*LEVELS, *APPLICATION_FIELDS]:
        assert f"`{name}`" in doc, name


def test_format_doc_error_output_is_real(tmp_path):
    """The doc quotes a real run on a broken copy; the same mistakes must still give the same lines."""
    text = CATALOG.read_text(encoding="utf-8")
    for old, new in [('kind = "rate_of_base", rate = "0.20"', 'kind = "rate", rate = "0.20"'),
                     ("max_points = 30", "max_points = 35"),
                     ('op = ">="', 'op = "≥"'),
                     ("{ min = 20000, max = 30000", "{ min = 15000, max = 30000"),
                     ('"network_tech", "coverage", "benefit"', '"network_tech", "coverage", "benefits"')]:
        text = text.replace(old, new, 1)
    broken = tmp_path / "jinan-iiot-2023-2025.toml"
    broken.write_text(text, encoding="utf-8")
    with pytest.raises(CatalogError) as e:
        load_catalog(broken)
    quoted = [line for line in _doc_block("## Error messages", "console").splitlines()
              if line.startswith(broken.name)]
    assert quoted == [*e.value.lines(), str(e.value)]
