"""The shortlist spreadsheet for the bureau: a summary sheet, one sheet per program, the chair's
decisions and the panel.

openpyxl is imported only when a workbook is written. Every piece of text from an application is
written as a string cell with Excel's quote prefix, never as a formula: an enterprise named
``=HYPERLINK(...)`` stays a name (CSV/formula injection).
"""

from __future__ import annotations

import os
import re
from copy import copy
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from .model import (
    EntryReport,
    ProgramReport,
    ReportData,
    decision_text,
    level_text,
    reason_text,
    status_text,
)

# what Excel (and LibreOffice) may read as the start of a formula
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n", "＝", "＋", "－", "＠")
_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")  # not allowed in the XML of a cell
_BAD_SHEET_CHARS = re.compile(r"[\[\]:*?/\\]")

FILLS = {"awarded": "E6F4EA", "reserve": "FFF4E0", "excluded": "F1F3F4"}
HEADER_FILL = "DCE6F1"
QUOTA_RED = "C62828"

_L: dict[str, tuple[str, str]] = {
    "summary": ("汇总", "Summary"),
    "decisions": ("评审组长决定", "Decisions"),
    "panel": ("评审专家", "Panel"),
    "title": ("评审结果公示清单（拟支持项目名单）", "Review results: shortlist"),
    "session": ("评审会", "Session"),
    "session_id": ("会话编号", "Session ID"),
    "policy": ("政策依据", "Policy"),
    "year": ("年度", "Year"),
    "chair": ("评审组长", "Chair"),
    "chair_fp": ("评审组长证书指纹", "Chair's certificate fingerprint"),
    "created": ("创建时间", "Created"),
    "finalized": ("定稿时间", "Finalized"),
    "draft": ("草稿（未定稿）", "Draft (not finalized)"),
    "audit": ("审计链头", "Audit chain head"),
    "version": ("软件版本", "Software"),
    "program": ("项目类别", "Program"),
    "program_name": ("项目名称", "Program name"),
    "quota": ("年度名额", "Yearly quota"),
    "prior": ("已用于往期", "Used earlier"),
    "awarded_n": ("本次入选", "Awarded"),
    "quota_left": ("剩余名额", "Quota left"),
    "level_quotas": ("分级名额", "Level quotas"),
    "reserve_n": ("候补", "Reserve"),
    "excluded_n": ("未入选", "Excluded"),
    "applications": ("申报数", "Applications"),
    "pool": ("资金池（元）", "Budget pool (yuan)"),
    "prior_amount": ("往期已用金额（元）", "Used earlier (yuan)"),
    "awarded_amount": ("拟资助金额（元）", "Awarded (yuan)"),
    "pool_left": ("资金池余额（元）", "Pool left (yuan)"),
    "total": ("合计", "Total"),
    "unlimited": ("不限", "no limit"),
    "rank": ("排名", "Rank"),
    "tied": ("并列", "Tied"),
    "app_id": ("申报编号", "Application"),
    "enterprise": ("企业名称", "Enterprise"),
    "credit_code": ("统一社会信用代码", "Credit code"),
    "project": ("项目名称", "Project"),
    "level": ("级别", "Level"),
    "score": ("得分", "Score"),
    "reviews": ("有效评审数", "Reviews"),
    "kept": ("保留数", "Kept"),
    "amount": ("拟资助金额（元）", "Amount (yuan)"),
    "status": ("状态", "Status"),
    "note": ("说明", "Note"),
    "reason_code": ("原因代码", "Reason code"),
    "amount_text": ("金额计算", "Amount derivation"),
    "totals": ("各专家总分", "Expert totals"),
    "dropped": ("去掉", "dropped"),
    "yes": ("是", "yes"),
    "no_": ("序号", "No."),
    "decision": ("决定", "Decision"),
    "reason": ("理由", "Reason"),
    "time": ("时间", "Time"),
    "expert_id": ("专家编号", "Expert"),
    "name": ("姓名", "Name"),
    "organization": ("单位", "Organization"),
    "fingerprint": ("证书指纹", "Certificate fingerprint"),
}


def safe_text(value: object) -> str:
    """Text as a cell can hold it: characters XML forbids removed, at most 32,767 characters."""
    s = _ILLEGAL.sub("", str(value))
    return s[:32767]


def sheet_title(text: str, taken: set[str]) -> str:
    """A valid, unique sheet name: ≤ 31 characters, none of ``[]:*?/\\``, no edge apostrophes."""
    base = _BAD_SHEET_CHARS.sub(" ", safe_text(text))
    base = " ".join(base.split()).strip("'") or "Sheet"
    if base.casefold() == "history":  # reserved by Excel
        base = base + " 1"
    name = base[:31].rstrip()
    n = 2
    while name.casefold() in taken:
        suffix = f" ({n})"
        name = base[: 31 - len(suffix)].rstrip() + suffix
        n += 1
    taken.add(name.casefold())
    return name


def render_xlsx(data: ReportData, out_path: str | Path, lang: str = "zh") -> Path:
    """Write the shortlist workbook for ``data`` to ``out_path`` and return the path.

    Written to a temporary file beside ``out_path`` and renamed: the file appears complete or
    not at all. ``lang`` chooses the labels (``"zh"`` or ``"en"``); data is written as entered.
    """
    out = Path(out_path)
    tmp = out.with_name(f".{out.name}.{os.getpid()}.tmp")
    try:
        _Book(data, lang).save(str(tmp))
        os.replace(tmp, out)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return out


class _Book:
    def __init__(self, data: ReportData, lang: str):
        from openpyxl import Workbook
        from openpyxl.cell import WriteOnlyCell
        from openpyxl.styles import Alignment, Border, Font, PatternFill, Side

        self._cell = WriteOnlyCell

        self.d = data
        self.lang = "zh" if not lang or lang.lower().startswith("zh") else "en"
        self.zh = self.lang == "zh"
        self.wb = Workbook(write_only=True)
        self._styles: dict[tuple, tuple[Any, list[Any]]] = {}
        self.taken: set[str] = set()
        thin = Side(style="thin", color="B0B7BF")
        self.header_font = Font(bold=True)
        self.header_fill = PatternFill("solid", fgColor=HEADER_FILL)
        self.header_border = Border(bottom=Side(style="medium", color="404040"))
        self.header_align = Alignment(horizontal="center", vertical="center", wrap_text=True)
        self.fills = {k: PatternFill("solid", fgColor=v) for k, v in FILLS.items()}
        self.quota_border = Border(bottom=Side(style="thick", color=QUOTA_RED))
        self.total_border = Border(top=thin)
        self.bold = Font(bold=True)
        self.title_font = Font(bold=True, size=14)
        self.label_font = Font(color="5F6368")
        self.wrap = Alignment(vertical="top", wrap_text=True)
        self.red_font = Font(color=QUOTA_RED, bold=True)

    def t(self, key: str) -> str:
        zh, en = _L[key]
        return zh if self.zh else en

    # ------------------------------------------------------------------ cells

    def _style(self, cell: Any, fmt: str | None, quote: bool, style: dict[str, Any]) -> None:
        """Apply a style; each combination is registered with the workbook once (that is slow)."""
        key = (fmt, quote, tuple((k, id(v)) for k, v in style.items() if v is not None))
        cached = self._styles.get(key)
        if cached is None:
            if fmt:
                cell.number_format = fmt
            if quote:
                cell.quotePrefix = True
            for k, v in style.items():
                if v is not None:
                    setattr(cell, k, v)
            self._styles[key] = (copy(cell._style), list(style.values()))  # values kept: ids stay valid
        else:
            cell._style = copy(cached[0])

    def text(self, ws: Any, value: object, **style: Any) -> Any:
        """A string cell that can never turn into a formula."""
        s = safe_text(value)
        cell = self._cell(ws, value=s or None)
        if s:
            cell.data_type = "s"
        # the quote prefix: Excel keeps the text a text even when someone edits the cell
        self._style(cell, None, s.startswith(_FORMULA_START), style)
        return cell

    def num(self, ws: Any, value: int | Decimal | Any | None, fmt: str, **style: Any) -> Any:
        cell = self._cell(ws, value=value)
        self._style(cell, fmt, False, style)
        return cell

    def header(self, ws: Any, labels: list[str]) -> list[Any]:
        return [self.text(ws, s, font=self.header_font, fill=self.header_fill, border=self.header_border,
                          alignment=self.header_align) for s in labels]

    def sheet(self, title: str, widths: list[float], freeze: str | None = "A2") -> Any:
        from openpyxl.utils import get_column_letter

        ws = self.wb.create_sheet(sheet_title(title, self.taken))
        for i, w in enumerate(widths, 1):
            ws.column_dimensions[get_column_letter(i)].width = w
        if freeze:
            ws.freeze_panes = freeze
        ws.page_setup.orientation = "landscape"
        ws.page_setup.paperSize = 9  # A4
        ws.page_setup.fitToWidth = 1
        ws.page_setup.fitToHeight = 0
        ws.sheet_properties.pageSetUpPr.fitToPage = True
        return ws

    # ------------------------------------------------------------------ sheets

    def save(self, path: str) -> None:
        self.summary()
        for p in self.d.programs:
            self.program(p)
        self.decisions()
        self.panel()
        self.wb.save(path)

    def summary(self) -> None:
        d = self.d
        labels = ["program", "program_name", "applications", "quota", "prior", "awarded_n", "quota_left",
                  "level_quotas", "reserve_n", "excluded_n", "pool", "prior_amount", "awarded_amount",
                  "pool_left"]
        info = [
            ("session", d.session_name), ("policy", f"{d.policy_name}（{d.policy_id}）"),
            ("year", d.year), ("chair", d.chair_name), ("chair_fp", d.chair_fingerprint),
            ("created", d.created_at), ("finalized", d.finalized_at or self.t("draft")),
            ("session_id", d.session_id), ("audit", d.audit_head),
            ("version", f"ReviewDesk {d.software_version}"),
        ]
        head_row = len(info) + 3
        ws = self.sheet(self.t("summary"), [10, 34, 9, 9, 9, 9, 9, 22, 9, 9, 16, 18, 18, 16],
                        freeze=f"C{head_row + 1}")
        ws.append([self.text(ws, f"{d.year}年度{self.t('title')}" if self.zh else
                             f"{self.t('title')} {d.year}", font=self.title_font)])
        for key, value in info:
            if isinstance(value, int):
                cell = self.num(ws, value, "0")
            elif hasattr(value, "strftime"):
                cell = self.num(ws, value, "yyyy-mm-dd hh:mm")  # a datetime
            else:
                cell = self.text(ws, value)
            ws.append([self.text(ws, self.t(key), font=self.label_font), cell])
        ws.append([])
        ws.append(self.header(ws, [self.t(k) for k in labels]))
        sums = [0] * 6
        for p in d.programs:
            awarded = p.by_status("awarded")
            counts = [len(p.entries), len(awarded), len(p.by_status("reserve")), len(p.by_status("excluded"))]
            sums = [a + b for a, b in zip(sums, counts + [p.prior_awards, p.awarded_amount], strict=True)]
            levels = "，".join(f"{level_text(lv, self.lang)} {q}" for lv, q in (p.level_quotas or {}).items())
            ws.append([
                self.text(ws, p.program_id), self.text(ws, p.name), self.num(ws, counts[0], "0"),
                self.num(ws, p.quota, "0") if p.quota is not None else self.text(ws, self.t("unlimited")),
                self.num(ws, p.prior_awards, "0"), self.num(ws, counts[1], "0"),
                self.num(ws, p.quota_left, "0"), self.text(ws, levels),
                self.num(ws, counts[2], "0"), self.num(ws, counts[3], "0"),
                self.num(ws, p.budget_pool, "#,##0"),
                self.num(ws, p.prior_amount if p.budget_pool is not None else None, "#,##0"),
                self.num(ws, p.awarded_amount, "#,##0"), self.num(ws, p.budget_left, "#,##0"),
            ])
        bold, top = self.bold, self.total_border
        ws.append([
            self.text(ws, self.t("total"), font=bold, border=top), self.text(ws, "", border=top),
            self.num(ws, sums[0], "0", font=bold, border=top), self.text(ws, "", border=top),
            self.num(ws, sums[4], "0", font=bold, border=top), self.num(ws, sums[1], "0", font=bold, border=top),
            self.text(ws, "", border=top), self.text(ws, "", border=top),
            self.num(ws, sums[2], "0", font=bold, border=top), self.num(ws, sums[3], "0", font=bold, border=top),
            self.text(ws, "", border=top), self.text(ws, "", border=top),
            self.num(ws, sums[5], "#,##0", font=bold, border=top), self.text(ws, "", border=top),
        ])

    PROGRAM_COLUMNS = ("rank", "tied", "app_id", "enterprise", "credit_code", "project", "level", "score",
                       "reviews", "kept", "amount", "status", "note", "reason_code", "amount_text", "totals")

    def program(self, p: ProgramReport) -> None:
        ws = self.sheet(f"{p.program_id} {p.name}",
                        [6, 6, 18, 36, 22, 34, 8, 8, 8, 8, 15, 8, 28, 18, 40, 60])
        ws.print_title_rows = "1:1"
        ws.auto_filter.ref = f"A1:P{len(p.entries) + 1}"
        ws.append(self.header(ws, [self.t(k) for k in self.PROGRAM_COLUMNS]))
        awarded = [i for i, e in enumerate(p.entries) if e.status == "awarded"]
        quota_row = awarded[-1] if awarded else -1
        for i, e in enumerate(p.entries):
            ws.append(self.entry_row(ws, e, quota_line=(i == quota_row)))

    def entry_row(self, ws: Any, e: EntryReport, quota_line: bool) -> list[Any]:
        style: dict[str, Any] = {"fill": self.fills.get(e.status)}
        if quota_line:  # 名额线: under the last awarded entry
            style["border"] = self.quota_border
        try:
            score = None if e.score is None else Decimal(e.score)
        except InvalidOperation:
            score = None
        dropped = self.t("dropped")
        totals = "; ".join(f"{t.expert_id} {t.total}" + (f"（{dropped}）" if t.dropped else "")
                           for t in e.expert_totals)
        return [
            self.num(ws, e.rank, "0", **style),
            self.text(ws, self.t("yes") if e.tied else "", **style),
            self.text(ws, e.application_id, **style),
            self.text(ws, e.enterprise_name, **style),
            self.text(ws, e.credit_code, **style),
            self.text(ws, e.project_name, **style),
            self.text(ws, level_text(e.level, self.lang), **style),
            self.num(ws, score, "0.00", **style) if score is not None else self.text(ws, e.score or "", **style),
            self.num(ws, e.reviews, "0", **style),
            self.num(ws, e.kept, "0", **style),
            self.num(ws, e.amount, "#,##0", **style),
            self.text(ws, status_text(e.status, self.lang), **style),
            self.text(ws, reason_text(e.reason, self.lang, self.d.conditions), **style),
            self.text(ws, e.reason or "", **style),
            self.text(ws, e.amount_text, **style),
            self.text(ws, totals, **style),
        ]

    def decisions(self) -> None:
        ws = self.sheet(self.t("decisions"), [6, 18, 10, 36, 10, 60, 17])
        ws.append(self.header(ws, [self.t(k) for k in ("no_", "app_id", "program", "enterprise", "decision",
                                                       "reason", "time")]))
        for k, dec in enumerate(self.d.decisions, 1):
            e = self.d.entry(dec.application_id)
            ws.append([self.num(ws, k, "0"), self.text(ws, dec.application_id), self.text(ws, dec.program),
                       self.text(ws, e.enterprise_name if e else ""),
                       self.text(ws, decision_text(dec.kind, self.lang)),
                       self.text(ws, dec.reason, alignment=self.wrap),
                       self.num(ws, dec.when, "yyyy-mm-dd hh:mm")])

    def panel(self) -> None:
        ws = self.sheet(self.t("panel"), [10, 12, 36, 72])
        ws.append(self.header(ws, [self.t(k) for k in ("expert_id", "name", "organization", "fingerprint")]))
        for e in self.d.panel:
            ws.append([self.text(ws, e.expert_id), self.text(ws, e.name), self.text(ws, e.organization),
                       self.text(ws, e.fingerprint)])
        ws.append([])
        ws.append([self.text(ws, self.t("chair"), font=self.bold), self.text(ws, self.d.chair_name), self.text(ws, ""),
                   self.text(ws, self.d.chair_fingerprint)])
