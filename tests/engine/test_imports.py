"""Imports (CONTRACT.md input files, RULES.md §9): formats, headers, units, and every refusal."""

from __future__ import annotations

import hashlib
from pathlib import Path

import openpyxl
import pytest
from helpers import APP_HEADER, app_row, build_session, credit_code, write_csv

from reviewdesk.errors import InputError
from reviewdesk.imports import (
    import_applications,
    import_conflicts,
    import_experts,
    import_prior_awards,
    import_scores,
)

SHARED = Path(__file__).resolve().parents[3] / "shared" / "samples"


def fingerprint(s) -> str:
    """Everything in the session that an import could change."""
    h = hashlib.sha256()
    for table in ("applications", "experts", "conflicts", "scores", "prior_awards", "audit", "decisions"):
        for row in s.conn.execute(f"SELECT * FROM {table} ORDER BY 1, 2"):
            h.update(repr(row).encode())
    return h.hexdigest()


def refused(s, fn, path) -> InputError:
    before = fingerprint(s)
    with pytest.raises(InputError) as ei:
        fn(s, path)
    assert fingerprint(s) == before, "a refused import changed the session"
    return ei.value


# --------------------------------------------------------------------------- formats
def test_chinese_headers_title_rows_wan_yuan_xlsx(tmp_path):
    s = build_session(tmp_path, [app_row("A0", "P01", 99, actual_investment=1)])
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["2021年度工业互联网项目申报汇总表"])
    ws.merge_cells("A1:H1")
    ws.append(["填报单位：济南市工业和信息化局"])
    ws.append([" 申报编号 ", "项目类别", "企业名称", "统一社会信用代码", "项目名称", "级别", "实际投入（万元）",
               "申请金额(万元)"])
    ws.append(["A1", "P01", "济南甲科技有限公司", credit_code(1).lower(), "网络改造", "省级", 633.1583, "1,000"])
    ws.append([None] * 8)  # blank rows are skipped
    ws.append(["A2", "p01", "济南乙科技有限公司", credit_code(2), "网络改造二", "national", "2,641.4357", 50])
    wb.save(tmp_path / "bureau.xlsx")
    res = import_applications(s, tmp_path / "bureau.xlsx")
    assert res.rows == 2
    rows = {r[0]: r for r in s.conn.execute(
        "SELECT application_id, credit_code, level, actual_investment, requested_amount, source_row, program "
        "FROM applications")}
    assert rows["A1"] == ("A1", credit_code(1), "provincial", 6331583, 10000000, 4, "P01")
    assert rows["A2"][2:5] == ("national", 26414357, 500000)
    assert rows["A2"][5] == 6 and rows["A2"][6] == "P01"


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030"])
def test_csv_encodings(tmp_path, encoding):
    s = build_session(tmp_path, [app_row("A0", "P01", 99, actual_investment=1)])
    header = ["申报编号", "项目类别", "企业名称", "统一社会信用代码", "项目名称", "自主知识产权", "财政支持"]
    write_csv(tmp_path / "a.csv", header, [["A1", "P01", "济南鹊华软件有限公司", credit_code(5), "质量追溯工业APP",
                                            "是", "否"]], encoding=encoding)
    import_applications(s, tmp_path / "a.csv")
    assert s.conn.execute("SELECT enterprise_name, own_ip, fiscal_support FROM applications "
                          "WHERE application_id='A1'").fetchone() == ("济南鹊华软件有限公司", 1, 0)


def test_english_headers_any_case(tmp_path):
    s = build_session(tmp_path, [app_row("A0", "P01", 99, actual_investment=1)])
    write_csv(tmp_path / "a.csv", ["Application_ID", "PROGRAM", " enterprise_name", "Credit_Code", "project_name",
                                   "Rented_Area_m2", "International_Organiser", "fiscal_support"],
              [["A1", "P13", "展会公司", credit_code(7), "国际展", "12,000.5", "true", "0"]])
    import_applications(s, tmp_path / "a.csv")
    row = s.conn.execute("SELECT rented_area_m2, international_organiser, fiscal_support FROM applications "
                         "WHERE application_id='A1'").fetchone()
    assert row == ("12000.5", 1, 0)


@pytest.mark.skipif(not SHARED.is_dir(), reason="shared samples not present")
def test_bureau_samples_import(tmp_path):
    pytest.importorskip("tomllib")
    from reviewdesk.policy import find_catalog
    from reviewdesk.session import Session

    try:
        policy = find_catalog("jinan-iiot-2020-2022")
    except Exception:
        pytest.skip("shipped catalog not present")
    s = Session.create(tmp_path / "s.rdesk", policy, 2021)
    r1 = import_applications(s, SHARED / "applications-bureau.xlsx")
    assert r1.rows > 10
    s2 = Session.create(tmp_path / "s2.rdesk", policy, 2021)
    r2 = import_applications(s2, SHARED / "applications-gb18030.csv")
    assert r2.rows > 10
    import_experts(s2, SHARED / "experts.csv")
    import_conflicts(s2, SHARED / "conflicts.csv")
    import_prior_awards(s2, SHARED / "prior_awards.csv")


# --------------------------------------------------------------------------- refusals (RULES.md §9)
def test_required_column_missing(tmp_path):
    s = build_session(tmp_path, [app_row("A0", "P01", 99, actual_investment=1)])
    write_csv(tmp_path / "a.csv", ["申报编号", "项目类别", "企业名称", "项目名称"], [["A1", "P01", "x", "y"]])
    err = refused(s, import_applications, tmp_path / "a.csv")
    assert any(p.column == "credit_code" for p in err.problems)


def test_every_bad_application_row_is_reported(tmp_path):
    s = build_session(tmp_path, [app_row("A0", "P01", 99, actual_investment=1)])
    bad_code = credit_code(3)[:-1] + ("0" if credit_code(3)[-1] != "0" else "1")
    rows = [
        app_row("A1", "P99", 1),                                   # unknown program
        app_row("A2", "P01", 2, actual_investment=-5),             # negative amount
        app_row("A3", "P01", 3, actual_investment="abc"),          # non-numeric
        app_row("A4", "P04", 4, level="county"),                   # unknown level
        app_row("A5", "P01", 5, own_ip="maybe"),                   # bad yes/no
        app_row("A0", "P01", 6),                                   # id already in the session
        app_row("A7", "P01", 7),
        app_row("A7", "P01", 8),                                   # duplicate in the file
        app_row("A9", "P01", 9, actual_investment="12.5"),         # fraction of a yuan
    ]
    rows.append(["A10", "P01", "企业", bad_code, "项目"] + [""] * 9)   # bad check digit
    rows.append(["A11", "P01", "", credit_code(11), "项目"] + [""] * 9)  # empty required
    write_csv(tmp_path / "a.csv", APP_HEADER, rows)
    err = refused(s, import_applications, tmp_path / "a.csv")
    got = {(p.row, p.column) for p in err.problems}
    assert {(2, "program"), (3, "actual_investment"), (4, "actual_investment"), (5, "level"), (6, "own_ip"),
            (7, "application_id"), (9, "application_id"), (10, "actual_investment"), (11, "credit_code"),
            (12, "enterprise_name")} <= got
    assert all(p.file == "a.csv" for p in err.problems)
    line = str(next(p for p in err.problems if p.row == 2))
    assert line.startswith("a.csv:2: program: ")


def test_bad_scores_are_all_reported(tmp_path):
    apps = [app_row("A1", "P07", 1, actual_investment=10), app_row("A2", "P07", 2, actual_investment=10)]
    s = build_session(tmp_path, apps, conflicts=[("E2", credit_code(2))])
    rows = [["E1", "A1", "c1", "61"],     # above max 60
            ["E1", "A1", "c2", "10.25"],  # not a 0.5 step
            ["E9", "A1", "c1", "5"],      # unknown expert
            ["E1", "A9", "c1", "5"],      # unknown application
            ["E1", "A1", "zz", "5"],      # unknown criterion
            ["E2", "A2", "c1", "5"],      # conflicted expert
            ["E1", "A2", "c1", "-1"],     # negative
            ["E1", "A2", "c2", "abc"]]    # not a number
    write_csv(tmp_path / "s.csv", ["expert_id", "application_id", "criterion", "score"], rows)
    err = refused(s, import_scores, tmp_path / "s.csv")
    got = {(p.row, p.column) for p in err.problems}
    assert got >= {(2, "score"), (3, "score"), (4, "expert_id"), (5, "application_id"), (6, "criterion"),
                   (7, "expert_id"), (8, "score"), (9, "score")}


def test_scores_replace_existing(tmp_path):
    s = build_session(tmp_path, [app_row("A1", "P07", 1, actual_investment=10)], {"A1": [[50, 30]]})
    write_csv(tmp_path / "s.csv", ["专家编号", "申报编号", "评分项", "得分", "意见"], [["E1", "A1", "c1", "40.5", "改"]])
    res = import_scores(s, tmp_path / "s.csv")
    assert res.replaced == 1
    assert s.conn.execute("SELECT points2, comment FROM scores WHERE criterion='c1'").fetchone() == (81, "改")


def test_prior_awards_and_conflicts_refusals(tmp_path):
    s = build_session(tmp_path, [app_row("A1", "P07", 1, actual_investment=10)])
    write_csv(tmp_path / "p.csv", ["统一社会信用代码", "项目名称", "项目类别", "年度", "金额", "级别"],
              [[credit_code(1), "x", "P07", "二〇二一", "10", ""], [credit_code(1), "x", "P07", "2021", "-1", ""],
               [credit_code(1), "x", "P07", "2021", "1", "区级"]])
    err = refused(s, import_prior_awards, tmp_path / "p.csv")
    assert {(p.row, p.column) for p in err.problems} == {(2, "年度"), (3, "金额"), (4, "级别")}
    write_csv(tmp_path / "c.csv", ["expert_id", "credit_code"], [["E77", credit_code(1)], ["E1", "123"]])
    err = refused(s, import_conflicts, tmp_path / "c.csv")
    assert {(p.row, p.column) for p in err.problems} == {(2, "expert_id"), (3, "credit_code")}


def test_not_a_table(tmp_path):
    s = build_session(tmp_path, [app_row("A1", "P07", 1, actual_investment=10)])
    (tmp_path / "x.csv").write_bytes(b"\x00\x01\x02garbage")
    refused(s, import_applications, tmp_path / "x.csv")
    (tmp_path / "x.xlsx").write_bytes(b"PK\x03\x04broken")
    refused(s, import_applications, tmp_path / "x.xlsx")
    (tmp_path / "x.doc").write_bytes(b"hello")
    refused(s, import_applications, tmp_path / "x.doc")
    refused(s, import_applications, tmp_path / "missing.csv")
    (tmp_path / "empty.csv").write_text("application_id,program,enterprise_name,credit_code,project_name\n")
    refused(s, import_applications, tmp_path / "empty.csv")


def test_experts_upsert_and_duplicates(tmp_path):
    s = build_session(tmp_path, [app_row("A1", "P07", 1, actual_investment=10)])
    write_csv(tmp_path / "e.csv", ["专家编号", "姓名", "单位"], [["E1", "新名字", "山东大学"], ["E10", "十号", ""]])
    res = import_experts(s, tmp_path / "e.csv")
    assert (res.added, res.replaced) == (1, 1)
    assert s.conn.execute("SELECT name, organization FROM experts WHERE expert_id='E1'").fetchone() == (
        "新名字", "山东大学")
    write_csv(tmp_path / "e2.csv", ["专家编号", "姓名"], [["E1", "a"], ["E1", "b"]])
    refused(s, import_experts, tmp_path / "e2.csv")


def test_each_import_writes_one_audit_entry(tmp_path):
    s = build_session(tmp_path, [app_row("A1", "P07", 1, actual_investment=10)], {"A1": [80, 80, 80]})
    actions = [r[0] for r in s.conn.execute("SELECT action FROM audit ORDER BY seq")]
    assert actions == ["session.create", "import.applications", "import.experts", "import.scores"]


def test_a_score_given_twice_in_one_file_keeps_the_later(tmp_path):
    s = build_session(tmp_path, [app_row("A1", "P07", 1, actual_investment=10)])
    write_csv(tmp_path / "s.csv", ["expert_id", "application_id", "criterion", "score"],
              [["E1", "A1", "c1", "10"], ["E1", "A1", "c2", "5"], ["E1", "A1", "c1", "20.5"]])
    res = import_scores(s, tmp_path / "s.csv")
    assert res.rows == 2
    assert s.conn.execute("SELECT points2 FROM scores WHERE criterion='c1'").fetchone() == (41,)
