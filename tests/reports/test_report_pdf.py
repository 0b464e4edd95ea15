"""The shortlist PDF: content, fonts, page furniture, atomic writing, progress and cancellation."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import pytest
from report_helpers import flat, pdf_pages, pdf_text, poppler

from reviewdesk.reports.model import (
    EntryReport,
    ExpertTotal,
    ProgramReport,
    ReportData,
    format_yuan,
    synthetic_report,
)
from reviewdesk.reports.pdf import render_pdf


def _with_entries(data: ReportData, program: int, entries: list[EntryReport]) -> ReportData:
    programs = list(data.programs)
    programs[program] = dataclasses.replace(programs[program], entries=entries)
    return dataclasses.replace(data, programs=programs)


def test_renders_a_complete_pdf(sample_pdf: Path):
    raw = sample_pdf.read_bytes()
    assert raw.startswith(b"%PDF-")
    assert raw.rstrip().endswith(b"%%EOF")
    assert [p.name for p in sample_pdf.parent.iterdir()] == ["shortlist.pdf"], "no temporary file left"


def test_every_font_is_embedded(sample_pdf: Path):
    lines = poppler("pdffonts", str(sample_pdf)).splitlines()[2:]
    assert lines, "the PDF names no font"
    for line in lines:
        # name type... encoding emb sub uni object ID: emb is the 5th column from the right
        assert line.split()[-5] == "yes", line
    assert any("WenQuanYi" in line for line in lines)


def test_text_has_programs_enterprises_and_the_quota_line(sample_pdf: Path, sample: ReportData):
    text = flat(pdf_text(sample_pdf))
    assert "评审结果公示清单" in text and "拟支持项目名单" in text
    for p in sample.programs:
        assert p.name in text
    first = sample.programs[0].entries[0]
    assert first.enterprise_name in text
    assert "名额线" in text
    assert "并列" in text
    assert "候补名单" in text and "未入选名单" in text
    assert "名额已满" in text and "低于合格分" in text and "同一企业同一项目已获资助" in text
    assert "去掉" in text, "the appendix marks trimmed totals"
    assert format_yuan(sample.awarded_amount) in text
    for d in sample.decisions:
        assert d.application_id in text


def test_header_and_footer_on_every_page(sample_pdf: Path, sample: ReportData):
    n = pdf_pages(sample_pdf)
    assert n >= 5
    for page in range(1, n + 1):
        text = pdf_text(sample_pdf, page, page)
        assert f"第{page}页共{n}页" in text.replace(" ", "")
        assert sample.audit_head[:12] in text
        assert sample.session_name[:10] in text


def test_signature_page_lists_every_panel_member_and_the_chair(sample_pdf: Path, sample: ReportData):
    n = pdf_pages(sample_pdf)
    last = flat(pdf_text(sample_pdf, n, n))
    assert "评审专家签字" in last and "签字" in last and "日期" in last
    for e in sample.panel:
        assert e.expert_id in last and e.name in last
    assert sample.chair_name in last and "评审组长" in last


def test_progress_runs_from_zero_to_total(tmp_path: Path, sample: ReportData):
    calls: list[tuple[int, int]] = []
    render_pdf(sample, tmp_path / "a.pdf", progress=lambda done, total: calls.append((done, total)))
    total = calls[0][1]
    assert calls[0] == (0, total) and calls[-1] == (total, total)
    assert [c[0] for c in calls] == sorted(c[0] for c in calls)
    assert len(calls) > len(sample.programs)


def test_cancelling_leaves_the_old_file_and_no_temporary(tmp_path: Path, sample: ReportData):
    out = tmp_path / "shortlist.pdf"
    out.write_bytes(b"old")

    class Cancelled(Exception):
        pass

    def progress(done: int, total: int) -> None:
        if done >= 3:
            raise Cancelled

    with pytest.raises(Cancelled):
        render_pdf(sample, out, progress=progress)
    assert out.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["shortlist.pdf"]


def test_same_data_gives_the_same_bytes(tmp_path: Path, sample: ReportData):
    a = render_pdf(sample, tmp_path / "a.pdf").read_bytes()
    b = render_pdf(sample, tmp_path / "b.pdf").read_bytes()
    assert a == b


def test_hostile_and_odd_text_is_printed_not_interpreted(tmp_path: Path, sample: ReportData):
    entries = list(sample.programs[0].entries)
    entries[0] = dataclasses.replace(entries[0], enterprise_name="济南<b>粗体</b>&amp;科技有限公司",
                                     project_name="=HYPERLINK(\"http://x\")" + "超长项目名称" * 80,
                                     amount_text="<font size=40>x</font>")
    entries[1] = dataclasses.replace(entries[1], enterprise_name="A" * 300 + "\n\t换行")
    data = _with_entries(sample, 0, entries)
    data = dataclasses.replace(data, session_name="评审会 <script> & “引号”", chair_name="张&三")
    out = render_pdf(data, tmp_path / "odd.pdf")
    text = flat(pdf_text(out))
    assert "济南<b>粗体</b>&amp;科技有限公司" in text
    assert "<script>" in text


def test_english_labels_draft_and_empty_sections(tmp_path: Path, sample: ReportData):
    empty = ProgramReport("P09", "应用成熟度测评", quota=60, quota_left=60)
    data = dataclasses.replace(sample, finalized_at=None, decisions=[],
                               programs=list(sample.programs) + [empty])
    zh = flat(pdf_text(render_pdf(data, tmp_path / "zh.pdf")))
    assert "草稿" in zh and "应用成熟度测评" in zh and "本次评审组长未作出决定" in zh
    en = pdf_text(render_pdf(data, tmp_path / "en.pdf", lang="en"))
    assert "Quota line" in en and "Signatures of the panel" in en and "DRAFT" in en


def test_a_program_with_every_entry_awarded_still_shows_its_quota_line(tmp_path: Path):
    when = dt.datetime(2021, 6, 1, 10, 0)
    entries = [EntryReport(f"A-{i}", f"企业{i}", "91370100MA3C00000X", f"项目{i}", "awarded", i, "80.00",
                           3, 3, 100_000, "定额 100,000", None, False, None,
                           [ExpertTotal("E1", "80.0"), ExpertTotal("E2", "80.0"), ExpertTotal("E3", "80.0")])
               for i in range(1, 4)]
    data = ReportData("小会", "s-1", "pol", "某政策", 2021, when, when, "组长", "ab" * 32,
                      programs=[ProgramReport("P06", "市级应用示范企业", 20, 17, entries=entries,
                                              awarded_amount=300_000)])
    text = flat(pdf_text(render_pdf(data, tmp_path / "small.pdf")))
    assert "名额线" in text and "以上拟支持 3 项" in text


def test_long_program_repeats_its_table_header_on_every_page(tmp_path: Path):
    data = synthetic_report(1500, programs=1, experts=9)
    out = render_pdf(data, tmp_path / "long.pdf")
    n = pdf_pages(out)
    assert n > 20
    for page in range(2, n):  # every page between the cover and the signature page has a table
        text = pdf_text(out, page, page)
        if "评审组长决定" in text and "申报编号" not in text:
            continue  # the decisions section: none in synthetic data
        assert "申报编号" in text and "得分" in text, f"page {page} has no table header"


def test_chunked_tables_show_one_header_per_page(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    from reviewdesk.reports import _pdf_layout

    monkeypatch.setattr(_pdf_layout, "CHUNK", 25)  # many chunk boundaries, some mid-page
    data = synthetic_report(700, programs=1, experts=9)
    out = render_pdf(data, tmp_path / "chunks.pdf")
    n = pdf_pages(out)
    seen = 0
    for page in range(2, n):
        text = pdf_text(out, page, page)
        sections = sum(text.count(h) for h in ("排名及拟支持情况", "候补名单", "未入选名单", "附录"))
        headers = text.count("申报编号")
        assert 1 <= headers <= 1 + sections, f"page {page}: {headers} table headers"
        seen += headers
    assert seen >= n - 2
    rows = flat(pdf_text(out))
    expected = {"awarded": 2, "reserve": 3, "excluded": 2}  # tables it is in, with the appendix
    for e in data.programs[0].entries:
        assert rows.count(e.application_id) == expected[e.status], e.application_id


def test_wrap_cjk_breaks_by_width_and_chinese_rules():
    from reviewdesk.reports._pdf_layout import register_fonts, text_width, wrap_cjk

    register_fonts()
    text = "评审组长决定：该项目为全市唯一整县推进试点，经评审组讨论一致同意支持（5G+TSN）。"
    for width in (30, 45, 60, 100, 400):
        lines = wrap_cjk(text, width, 7.5)
        assert "".join(lines) == text, lines
        assert all(text_width(line, 7.5) <= width + 8 for line in lines)
        assert not any(line[0] in "，。、）：" for line in lines[1:]), lines
        assert not any(line[-1] in "（“" for line in lines[:-1])
    assert "5G+TSN" in "|".join(wrap_cjk("一二三四五六七5G+TSN", 60, 7.5))
    assert "".join(wrap_cjk("X" * 100, 40, 7.5)) == "X" * 100
