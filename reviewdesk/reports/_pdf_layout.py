"""reportlab layout of the shortlist PDF; imported by :func:`.pdf.render_pdf` only.

Speed matters at a provincial call (20,000 entries): cells that fit on one line are plain strings
(no Paragraph), only overflowing CJK text is wrapped with a ``wordWrap="CJK"`` Paragraph, and long
tables are built as ``LongTable`` chunks so that splitting across pages stays linear.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    CondPageBreak,
    Flowable,
    Frame,
    KeepTogether,
    LongTable,
    PageBreak,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from ..resources import font_path
from .model import (
    EntryReport,
    ProgramReport,
    ReportData,
    decision_text,
    format_time,
    format_wan,
    format_yuan,
    group_hex,
    level_text,
    reason_text,
    short_hash,
    status_text,
)

FONT = "WQYMicroHei"
_font_lock = threading.Lock()
_font_done = False


def register_fonts() -> str:
    """Register the bundled CJK font with reportlab once per process; returns its name."""
    global _font_done
    with _font_lock:
        if not _font_done:
            from reportlab.lib.fonts import addMapping

            pdfmetrics.registerFont(TTFont(FONT, str(font_path()), subfontIndex=0))
            # one face serves as bold and italic too: <b> in a Paragraph must not fail
            for bold in (0, 1):
                for italic in (0, 1):
                    addMapping(FONT, bold, italic, FONT)
            _font_done = True
    return FONT


PAGE_W, PAGE_H = A4
LEFT = RIGHT = 15 * mm
TOP = 20 * mm
BOTTOM = 17 * mm
BODY_W = PAGE_W - LEFT - RIGHT

CHUNK = 600  # rows per LongTable: splitting cost stays linear in the table's length
MAX_CELL = 400  # characters; a longer cell text (a bad import) must not break the layout

INK = colors.HexColor("#1f2328")
GREY = colors.HexColor("#6e7781")
LIGHT = colors.HexColor("#9aa0a6")
RULE = colors.HexColor("#8c959f")
HEAD_BG = colors.HexColor("#e4ebf3")
ZEBRA = colors.HexColor("#f6f8fa")
RED = colors.HexColor("#c62828")
RED_BG = colors.HexColor("#fdecea")
GREEN = colors.HexColor("#1b5e20")
AMBER = colors.HexColor("#a15c00")

TABLE_SIZE = 7.5
TABLE_LEADING = 9.5
PAD = 3

_L: dict[str, tuple[str, str]] = {
    "title": ("评审结果公示清单", "Review results"),
    "subtitle": ("拟支持项目名单", "Shortlist of projects proposed for support"),
    "session": ("评审会", "Session"),
    "session_id": ("会话编号", "Session ID"),
    "policy": ("政策依据", "Policy"),
    "year": ("年度", "Year"),
    "chair": ("评审组长", "Chair"),
    "fingerprint": ("证书指纹", "Certificate fingerprint"),
    "created": ("创建时间", "Created"),
    "finalized": ("定稿时间", "Finalized"),
    "draft": ("草稿（未定稿）", "DRAFT (not finalized)"),
    "version": ("软件版本", "Software"),
    "audit": ("审计链头", "Audit chain head"),
    "summary": ("汇总", "Summary"),
    "panel": ("评审专家组", "Review panel"),
    "program": ("项目类别", "Program"),
    "applications": ("申报数", "Applications"),
    "awarded": ("入选", "Awarded"),
    "reserve": ("候补", "Reserve"),
    "excluded": ("未入选", "Excluded"),
    "total": ("合计", "Total"),
    "amount_yuan": ("拟资助金额（元）", "Amount (yuan)"),
    "amount_wan": ("万元", "10k yuan"),
    "rank": ("排名", "Rank"),
    "app_id": ("申报编号", "Application"),
    "enterprise": ("企业名称", "Enterprise"),
    "project": ("项目名称", "Project"),
    "score": ("得分", "Score"),
    "reviews": ("有效评审\n/保留数", "Reviews\n/kept"),
    "amount": ("拟资助金额\n（元）", "Amount\n(yuan)"),
    "status": ("状态", "Status"),
    "note": ("说明", "Note"),
    "tied": ("并列", "tie"),
    "quota_line": ("名额线", "Quota line"),
    "expert_id": ("专家编号", "Expert"),
    "name": ("姓名", "Name"),
    "organization": ("单位", "Organization"),
    "signature": ("签字", "Signature"),
    "date": ("日期", "Date"),
    "none": ("无", "None"),
    "unlimited": ("不限", "no limit"),
    "no_pool": ("不设", "none"),
}


def _ordinal_zh(n: int) -> str:
    digits = "零一二三四五六七八九"
    if n < 10:
        return digits[n]
    if n < 20:
        return "十" + (digits[n % 10] if n % 10 else "")
    if n < 100:
        return digits[n // 10] + "十" + (digits[n % 10] if n % 10 else "")
    return str(n)


def _date_zh(when: Any) -> str:
    return f"{when.year}年{when.month:02d}月{when.day:02d}日" if when else ""


def _clean(text: str | None) -> str:
    """Cell text on one logical line, bounded in length."""
    if not text:
        return ""
    s = " ".join(str(text).split())
    return s if len(s) <= MAX_CELL else s[: MAX_CELL - 1] + "…"


# Chinese line-breaking rules (禁则): these never start a line / never end one.
_NO_START = frozenset("，。、；：！？）)］]｝}」』”’》〉】〕…‥·%％,.;:!?")
_NO_END = frozenset("（(［[｛{「『“‘《〈【〔")
_WIDTHS: dict[str, float] = {}  # character -> width at 1 pt


def _char_width(ch: str) -> float:
    w = _WIDTHS.get(ch)
    if w is None:
        w = _WIDTHS[ch] = pdfmetrics.stringWidth(ch, FONT, 1.0)
    return w


def text_width(text: str, size: float) -> float:
    return sum(_WIDTHS.get(ch) or _char_width(ch) for ch in text) * size


def _units(text: str) -> list[str]:
    """Break points: every CJK character is one unit, a run of Latin letters/digits another."""
    out: list[str] = []
    run = ""
    for ch in text:
        if ch.isascii() and (ch.isalnum() or ch in "+-._/&#@',:%"):
            run += ch
            continue
        if run:
            out.append(run)
            run = ""
        out.append(ch)
    if run:
        out.append(run)
    return out


def _break_at(cur: list[str], unit: str) -> int:
    """Where to end the current line when ``unit`` does not fit: an index into ``cur``.

    The next line takes ``cur[k:]`` and ``unit``; no line may start with closing punctuation
    or end with opening punctuation, so up to three units are pushed down with ``unit``.
    ``len(cur)`` is a plain break, ``0`` means no break is allowed (let the mark hang).
    """
    n = len(cur)
    for k in range(n, max(n - 3, 1) - 1, -1):
        first = cur[k] if k < n else unit
        if first not in _NO_START and cur[k - 1] not in _NO_END:
            return k
    return n if unit not in _NO_START else 0


def wrap_cjk(text: str, width: float, size: float) -> list[str]:
    """Lines of ``text`` that fit ``width`` at ``size`` points, breaking as Chinese typesetting does.

    Like a ``wordWrap="CJK"`` Paragraph (a break between any two CJK characters, Latin words
    kept whole when they fit, closing punctuation never starting a line and opening punctuation
    never ending one: the character before is pushed down with it), but an order of magnitude
    faster, so that table cells can be plain multi-line strings.
    """
    lines: list[list[str]] = []
    cur: list[str] = []
    x = 0.0
    for unit in _units(text):
        w = text_width(unit, size)
        if x + w > width and unit.isspace():  # a break at a space: the space goes
            if cur:
                lines.append(cur)
            cur, x = [], 0.0
            continue
        only_openers = all(u in _NO_END for u in cur)
        if x + w > width and cur and not only_openers:
            k = _break_at(cur, unit)
            if k:
                lines.append(cur[:k])
                cur = cur[k:]
                x = text_width("".join(cur), size)
                only_openers = all(u in _NO_END for u in cur)
        if x + w > width and len(unit) > 1 and only_openers:
            # a Latin word wider than what is left of an (almost) empty line: cut it
            for ch in unit:
                cw = text_width(ch, size)
                if x + cw > width and cur and not all(u in _NO_END for u in cur):
                    lines.append(cur)
                    cur, x = [], 0.0
                cur.append(ch)
                x += cw
            continue
        if not cur and unit.isspace():
            continue
        cur.append(unit)
        x += w
    if cur:
        lines.append(cur)
    return ["".join(u).rstrip() for u in lines]


class _Mark(Flowable):
    """An invisible flowable: when layout reaches it, a progress step is done."""

    def __init__(self, step: int):
        super().__init__()
        self.step = step

    def wrap(self, aw: float, ah: float) -> tuple[float, float]:
        return 0, 0

    def draw(self) -> None:
        pass


class _Totals(Flowable):
    """Experts' totals in a table cell: "E01 85.5", trimmed ones grey, struck out, marked 去掉.

    Drawn directly (no Paragraph): a pair never breaks across lines, and 20,000 of them lay
    out fast.
    """

    GAP = 7.0

    def __init__(self, items: Sequence[tuple[str, str, bool]], dropped_word: str,
                 size: float = TABLE_SIZE, leading: float = TABLE_LEADING):
        super().__init__()
        self.size, self.leading, self.word = size, leading, dropped_word
        self.space = text_width(" ", size)
        self.word_w = text_width(dropped_word, size - 1)
        self.items = [(eid, total, dropped, text_width(eid, size), text_width(total, size))
                      for eid, total, dropped in items]
        self.lines: list[list[tuple[float, int]]] = []

    def _width(self, i: int) -> float:
        _, _, dropped, w_id, w_total = self.items[i]
        return w_id + self.space + w_total + ((self.space + self.word_w) if dropped else 0)

    def wrap(self, aw: float, ah: float) -> tuple[float, float]:
        lines: list[list[tuple[float, int]]] = [[]]
        x = 0.0
        for i in range(len(self.items)):
            w = self._width(i)
            if lines[-1] and x + w > aw:
                lines.append([])
                x = 0.0
            lines[-1].append((x, i))
            x += w + self.GAP
        self.lines = lines
        self.width = aw
        self.height = len(lines) * self.leading
        return aw, self.height

    def draw(self) -> None:
        c = self.canv
        text = c.beginText()
        strikes: list[tuple[float, float, float, float]] = []
        y = self.height - self.leading + (self.leading - self.size) / 2 + 1
        grey = False
        text.setFillColor(INK)
        for line in self.lines:
            for x, i in line:
                eid, total, dropped, w_id, w_total = self.items[i]
                if dropped != grey:
                    text.setFillColor(LIGHT if dropped else INK)
                    grey = dropped
                text.setTextOrigin(x, y)
                text.setFont(FONT, self.size)
                text.textOut(f"{eid} {total}")
                if dropped:
                    tx = x + w_id + self.space
                    strikes.append((tx - 0.5, y + self.size * 0.33, tx + w_total + 0.5, y + self.size * 0.33))
                    text.setFont(FONT, self.size - 1)
                    text.textOut(" " + self.word)
            y -= self.leading
        c.drawText(text)
        if strikes:
            c.setStrokeColor(LIGHT)
            c.setLineWidth(0.6)
            c.lines(strikes)


class _Continued(Flowable):
    """A later chunk of a long table: with its header row at the top of a page, without it
    when it goes on under the chunk before (tables are chunked so that splitting stays linear).

    ``make(start, with_header)`` builds the table of this chunk's rows from ``start`` on.
    """

    def __init__(self, make: Callable[[int, bool], LongTable]):
        super().__init__()
        self.make = make
        self.hAlign = "LEFT"
        self._tables: dict[bool, LongTable] = {}
        self._current: LongTable | None = None

    def _table(self, with_header: bool) -> LongTable:
        if with_header not in self._tables:
            self._tables[with_header] = self.make(0, with_header)
        return self._tables[with_header]

    def _at_top(self) -> bool:
        doc = getattr(getattr(self, "canv", None), "_doctemplate", None)
        frame = getattr(doc, "frame", None)
        return frame is None or bool(getattr(frame, "_atTop", True))

    def wrap(self, aw: float, ah: float) -> tuple[float, float]:
        self._current = self._table(self._at_top())
        self.width, self.height = self._current.wrapOn(self.canv, aw, ah)
        return self.width, self.height

    def split(self, aw: float, ah: float) -> list[Flowable]:
        if self._at_top():
            return self._table(True).splitOn(self.canv, aw, ah)
        parts = self._table(False).splitOn(self.canv, aw, ah)
        if len(parts) != 2:
            return parts
        # the rest starts the next page: rebuild it with its header row
        return [parts[0], self.make(parts[0]._nrows, True)]

    def drawOn(self, canvas: Canvas, x: float, y: float, _sW: float = 0) -> None:  # noqa: N803
        assert self._current is not None
        self._current.drawOn(canvas, x, y, _sW)

    def getSpaceBefore(self) -> float:  # noqa: N802 - reportlab's name
        return 0

    def getSpaceAfter(self) -> float:  # noqa: N802 - reportlab's name
        return 0


class _Doc(BaseDocTemplate):
    def __init__(self, filename: str, progress: Callable[[int, int], None] | None, **kw: Any):
        super().__init__(filename, pagesize=A4, leftMargin=LEFT, rightMargin=RIGHT, topMargin=TOP,
                         bottomMargin=BOTTOM, **kw)
        frame = Frame(LEFT, BOTTOM, BODY_W, PAGE_H - TOP - BOTTOM, id="body",
                      leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
        self.addPageTemplates([PageTemplate(id="page", frames=[frame])])
        self.progress = progress
        self.total_steps = 1

    def afterFlowable(self, flowable: Flowable) -> None:
        if isinstance(flowable, _Mark) and self.progress:
            self.progress(flowable.step, self.total_steps)


def _numbered_canvas(furniture: Callable[[Canvas, int, int], None]) -> type[Canvas]:
    """A canvas that holds pages back until the end, to print 第 X 页 共 Y 页 on each."""

    class NumberedCanvas(Canvas):
        def __init__(self, *args: Any, **kw: Any):
            if not kw.get("initialFontName"):  # else every page names a non-embedded Helvetica
                kw["initialFontName"] = FONT
            super().__init__(*args, **kw)
            self._held: list[dict[str, Any]] = []

        def showPage(self) -> None:  # noqa: N802 - reportlab's name
            self._code = ["\n".join(self._code)]  # one string per held page, not thousands
            self._held.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._held)
            for number, state in enumerate(self._held, 1):
                self.__dict__.update(state)
                furniture(self, number, total)
                Canvas.showPage(self)
            Canvas.save(self)

    return NumberedCanvas


class _Layout:
    def __init__(self, data: ReportData, lang: str):
        self.d = data
        self.lang = "zh" if not lang or lang.lower().startswith("zh") else "en"
        self.zh = self.lang == "zh"
        self.steps = 0
        base = ParagraphStyle("base", fontName=FONT, fontSize=9, leading=13, textColor=INK,
                              wordWrap="CJK")
        self.st = {
            "base": base,
            "title": ParagraphStyle("title", base, fontSize=24, leading=32, alignment=TA_CENTER,
                                    spaceAfter=4),
            "subtitle": ParagraphStyle("subtitle", base, fontSize=15, leading=22, alignment=TA_CENTER,
                                       spaceAfter=6),
            "session": ParagraphStyle("session", base, fontSize=11.5, leading=17, alignment=TA_CENTER,
                                      textColor=GREY, spaceAfter=14),
            "h1": ParagraphStyle("h1", base, fontSize=14, leading=20, spaceBefore=4, spaceAfter=6),
            "h2": ParagraphStyle("h2", base, fontSize=10.5, leading=15, spaceBefore=10, spaceAfter=4),
            "note": ParagraphStyle("note", base, fontSize=7.5, leading=11, textColor=GREY),
            "cell": ParagraphStyle("cell", base, fontSize=TABLE_SIZE, leading=TABLE_LEADING),
            "kv": ParagraphStyle("kv", base, fontSize=8.5, leading=12),
        }

    # ------------------------------------------------------------------ helpers

    def t(self, key: str) -> str:
        zh, en = _L[key]
        return zh if self.zh else en

    def mark(self) -> _Mark:
        self.steps += 1
        return _Mark(self.steps)

    def para(self, text: str, style: str = "base") -> Paragraph:
        return Paragraph(escape(text), self.st[style])

    def fit(self, text: str | None, width: float, size: float = TABLE_SIZE) -> str:
        """Cell text for a column ``width`` points wide, broken into lines where needed."""
        s = _clean(text)
        avail = width - 2 * PAD
        if not s or text_width(s, size) <= avail:
            return s
        return "\n".join(wrap_cjk(s, avail, size))

    def grid(self, header: Sequence[str], rows: list[list[Any]], widths: Sequence[float],
             align: Sequence[str], row_cmds: dict[int, list[tuple]] | None = None,
             font_size: float = TABLE_SIZE, leading: float = TABLE_LEADING,
             zebra: bool = True, marks: bool = True, row_height: float | None = None) -> list[Flowable]:
        """A table with its header row repeated on every page, in chunks of :data:`CHUNK` rows.

        ``row_cmds[i]`` holds style commands for data row ``i`` as ``(command, col0, col1, *args)``.
        A chunk after the first shows the header only when it starts a page (:class:`_Continued`).
        """
        row_cmds = row_cmds or {}

        def table(lo: int, hi: int, with_header: bool) -> LongTable:
            chunk = rows[lo:hi]
            top = 1 if with_header else 0
            cmds: list[tuple] = [
                ("FONT", (0, 0), (-1, -1), FONT, font_size, leading),
                ("TEXTCOLOR", (0, 0), (-1, -1), INK),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("LEFTPADDING", (0, 0), (-1, -1), PAD),
                ("RIGHTPADDING", (0, 0), (-1, -1), PAD),
                ("TOPPADDING", (0, 0), (-1, -1), 2),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
                ("INNERGRID", (0, 0), (-1, -1), 0.25, RULE),
                ("BOX", (0, 0), (-1, -1), 0.6, INK),
            ]
            if with_header:
                cmds += [("BACKGROUND", (0, 0), (-1, 0), HEAD_BG), ("ALIGN", (0, 0), (-1, 0), "CENTER"),
                         ("LINEBELOW", (0, 0), (-1, 0), 0.6, INK)]
            if chunk:
                if zebra:  # the stripes keep their parity across chunks
                    stripes = [colors.white, ZEBRA] if lo % 2 == 0 else [ZEBRA, colors.white]
                    cmds.append(("ROWBACKGROUNDS", (0, top), (-1, -1), stripes))
                for col, a in enumerate(align):
                    if a != "LEFT":
                        cmds.append(("ALIGN", (col, top), (col, -1), a))
            for i in range(len(chunk)):
                for cmd, c0, c1, *args in row_cmds.get(lo + i, ()):
                    cmds.append((cmd, (c0, i + top), (c1, i + top), *args))
            data = ([list(header)] if with_header else []) + chunk
            heights = None
            if row_height is not None:
                heights = ([None] if with_header else []) + [row_height] * len(chunk)
            return LongTable(data, colWidths=list(widths), rowHeights=heights, repeatRows=top,
                             style=TableStyle(cmds), hAlign="LEFT")

        out: list[Flowable] = []
        for lo in range(0, max(len(rows), 1), CHUNK):
            hi = min(lo + CHUNK, len(rows))
            if lo == 0:
                out.append(table(lo, hi, True))
            else:
                out.append(_Continued(lambda start, with_header, lo=lo, hi=hi: table(lo + start, hi, with_header)))
            if marks:
                out.append(self.mark())
        return out

    def kv_table(self, pairs: Sequence[tuple[str, Any]], widths: Sequence[float] | None = None,
                 cols: int = 1) -> Table:
        """Label/value pairs, ``cols`` pairs per line."""
        label = 62 if self.zh else 80
        widths = list(widths or ([label + 8, BODY_W - label - 8] if cols == 1 else
                                 [label, BODY_W / 2 - label] * 2))
        rows: list[list[Any]] = []
        for i in range(0, len(pairs), cols):
            row: list[Any] = []
            for label, value in pairs[i:i + cols]:
                row += [self.fit(label, widths[0], 8.5), value if isinstance(value, Flowable) else Paragraph(
                    escape(str(value)), self.st["kv"])]
            row += [""] * (2 * cols - len(row))
            rows.append(row)
        cmds = [
            ("FONT", (0, 0), (-1, -1), FONT, 8.5, 12),
            ("TEXTCOLOR", (0, 0), (-1, -1), INK),
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ("LINEBELOW", (0, 0), (-1, -1), 0.25, RULE),
            ("LINEABOVE", (0, 0), (-1, 0), 0.6, INK),
            ("LINEBELOW", (0, -1), (-1, -1), 0.6, INK),
            ("TOPPADDING", (0, 0), (-1, -1), 3),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 3.5),
        ]
        for c in range(0, 2 * cols, 2):
            cmds += [("TEXTCOLOR", (c, 0), (c, -1), GREY), ("BACKGROUND", (c, 0), (c, -1), ZEBRA)]
        return Table(rows, colWidths=widths, style=TableStyle(cmds), hAlign="LEFT")

    # ------------------------------------------------------------------ page furniture

    def _header_texts(self) -> tuple[str, str, str]:
        """The running head: session name (shortened to fit), draft mark, title."""
        d = self.d
        right = f"{d.year}年度 {self.t('subtitle')}" if self.zh else f"{d.year} · Shortlist"
        draft = self.t("draft") if d.finalized_at is None else ""
        room = BODY_W - text_width(right, 7.5) - (text_width(draft, 8.5) + 16 if draft else 0) - 12
        name = d.session_name
        if text_width(name, 7.5) > room:
            while name and text_width(name + "…", 7.5) > room:
                name = name[:-1]
            name += "…"
        return name, draft, right

    def furniture(self, canv: Canvas, number: int, total: int) -> None:
        d = self.d
        if not hasattr(self, "_head"):
            self._head = self._header_texts()
        name, draft, right = self._head
        canv.saveState()
        canv.setFont(FONT, 7.5)
        canv.setFillColor(GREY)
        top = PAGE_H - 12 * mm
        canv.drawString(LEFT, top, name)
        canv.drawRightString(PAGE_W - RIGHT, top, right)
        if draft:
            canv.setFillColor(RED)
            canv.setFont(FONT, 8.5)
            canv.drawRightString(PAGE_W - RIGHT - text_width(right, 7.5) - 16, top, draft)
        canv.setStrokeColor(RULE)
        canv.setLineWidth(0.4)
        canv.line(LEFT, top - 2.5 * mm, PAGE_W - RIGHT, top - 2.5 * mm)
        bottom = 9 * mm
        canv.line(LEFT, bottom + 4 * mm, PAGE_W - RIGHT, bottom + 4 * mm)
        canv.setFont(FONT, 7.5)
        canv.setFillColor(GREY)
        if d.audit_head:
            canv.drawString(LEFT, bottom, f"{self.t('audit')} {short_hash(d.audit_head)}")
        canv.setFillColor(INK)
        canv.setFont(FONT, 8.5)
        page = f"第 {number} 页 共 {total} 页" if self.zh else f"Page {number} of {total}"
        canv.drawCentredString(PAGE_W / 2, bottom, page)
        canv.setFont(FONT, 7.5)
        canv.setFillColor(GREY)
        canv.drawRightString(PAGE_W - RIGHT, bottom, f"ReviewDesk {d.software_version}".strip())
        canv.restoreState()

    # ------------------------------------------------------------------ sections

    def story(self) -> list[Flowable]:
        story: list[Flowable] = [self.mark()]
        story += self.cover()
        story.append(self.mark())
        for i, prog in enumerate(self.d.programs, 1):
            story.append(PageBreak())
            story += self.program(i, prog)
            story.append(self.mark())
        story.append(CondPageBreak(60 * mm))
        story.append(Spacer(1, 6 * mm))
        story += self.decisions()
        story.append(self.mark())
        story.append(PageBreak())
        story += self.appendix()
        story.append(self.mark())
        story.append(PageBreak())
        story += self.signatures()
        story.append(self.mark())
        return story

    def cover(self) -> list[Flowable]:
        d = self.d
        out: list[Flowable] = [Spacer(1, 18 * mm)]
        out.append(self.para(f"{d.year}年度{self.t('title')}" if self.zh else
                             f"{self.t('title')} {d.year}", "title"))
        out.append(self.para(self.t("subtitle"), "subtitle"))
        out.append(self.para(d.session_name, "session"))
        chair = f"{d.chair_name}"
        fp = group_hex(d.chair_fingerprint)
        chair_cell = Paragraph(escape(chair) + (
            f'<br/><font size="7" color="#6e7781">{self.t("fingerprint")}：{escape(fp)}</font>'
            if fp else ""), self.st["kv"])
        pairs: list[tuple[str, Any]] = [
            (self.t("session"), d.session_name),
            (self.t("policy"), f"{d.policy_name}（{d.policy_id}）" if self.zh else
             f"{d.policy_name} ({d.policy_id})"),
            (self.t("year"), str(d.year)),
            (self.t("chair"), chair_cell),
            (self.t("created"), format_time(d.created_at)),
            (self.t("finalized"), format_time(d.finalized_at) if d.finalized_at else self.t("draft")),
            (self.t("session_id"), d.session_id),
            (self.t("audit"), Paragraph(f'<font size="7.5">{escape(group_hex(d.audit_head))}</font>',
                                        self.st["kv"])),
            (self.t("version"), f"ReviewDesk {d.software_version}"),
        ]
        out.append(self.kv_table(pairs))
        out.append(Spacer(1, 8 * mm))

        # totals per program
        out.append(self.para(self.t("summary"), "h2"))
        rows: list[list[Any]] = []
        sums = [0, 0, 0, 0, 0]
        for p in d.programs:
            counts = [len(p.entries), len(p.by_status("awarded")), len(p.by_status("reserve")),
                      len(p.by_status("excluded"))]
            sums = [a + b for a, b in zip(sums, counts + [p.awarded_amount], strict=True)]
            rows.append([p.program_id, self.fit(p.name, 190, 8), *map(str, counts),
                         format_yuan(p.awarded_amount), format_wan(p.awarded_amount)])
        rows.append(["", self.t("total"), *map(str, sums[:4]), format_yuan(sums[4]), format_wan(sums[4])])
        header = [self.t("program"), "", self.t("applications"), self.t("awarded"), self.t("reserve"),
                  self.t("excluded"), self.t("amount_yuan"), self.t("amount_wan")]
        widths = [34, 190, 42, 36, 36, 40, 78, 54]
        last = len(rows) - 1
        out += self.grid(header, rows, widths,
                         ["CENTER", "LEFT", "RIGHT", "RIGHT", "RIGHT", "RIGHT", "RIGHT", "RIGHT"],
                         row_cmds={last: [("LINEABOVE", 0, -1, 0.6, INK), ("BACKGROUND", 0, -1, HEAD_BG)]},
                         font_size=8, leading=11, marks=False)
        out[-1].setStyle(TableStyle([("SPAN", (0, 0), (1, 0))]))
        n_awarded = d.count("awarded")
        line = (f"本次评审共受理申报 {d.entry_count} 项，拟支持 {n_awarded} 项，拟资助金额合计 "
                f"{format_yuan(d.awarded_amount)} 元（{format_wan(d.awarded_amount)} 万元）；"
                f"候补 {d.count('reserve')} 项，未入选 {d.count('excluded')} 项。" if self.zh else
                f"{d.entry_count} applications; {n_awarded} proposed for support, "
                f"{format_yuan(d.awarded_amount)} yuan in total; {d.count('reserve')} reserve, "
                f"{d.count('excluded')} excluded.")
        out.append(Spacer(1, 3 * mm))
        out.append(self.para(line, "kv"))

        # the panel
        out.append(CondPageBreak(40 * mm))
        out.append(self.para(f"{self.t('panel')}（{len(d.panel)} 人）" if self.zh else
                             f"{self.t('panel')} ({len(d.panel)})", "h2"))
        rows = [[e.expert_id, self.fit(e.name, 60), self.fit(e.organization, 170),
                 Paragraph(f'<font size="6.5">{escape(group_hex(e.fingerprint))}</font>', self.st["cell"])]
                for e in d.panel]
        out += self.grid([self.t("expert_id"), self.t("name"), self.t("organization"), self.t("fingerprint")],
                         rows, [46, 60, 170, BODY_W - 276], ["CENTER", "LEFT", "LEFT", "LEFT"], marks=False)
        return out

    def program_summary(self, p: ProgramReport) -> Table:
        awarded = p.by_status("awarded")
        if p.level_quotas:
            levels = "，".join(f"{level_text(lv, self.lang)} {q}" for lv, q in p.level_quotas.items())
            used = {lv: sum(1 for e in awarded if e.level == lv) for lv in p.level_quotas}
            levels += "（本次入选：" + "，".join(f"{level_text(lv, self.lang)} {n}"
                                               for lv, n in used.items()) + "）"
        else:
            levels = "—"
        pool = p.budget_pool
        yuan = " 元" if self.zh else " yuan"
        pairs: list[tuple[str, Any]] = [
            ("年度名额" if self.zh else "Yearly quota", self.t("unlimited") if p.quota is None else str(p.quota)),
            ("资金池" if self.zh else "Budget pool", self.t("no_pool") if pool is None else
             f"{format_yuan(pool)}{yuan}"),
            ("已用于往期" if self.zh else "Used earlier", str(p.prior_awards)),
            ("往期已用金额" if self.zh else "Used earlier (yuan)", "—" if pool is None else
             f"{format_yuan(p.prior_amount)}{yuan}"),
            ("本次入选" if self.zh else "Awarded now", str(len(awarded))),
            ("本次拟资助" if self.zh else "Awarded (yuan)",
             f"{format_yuan(p.awarded_amount)}{yuan}（{format_wan(p.awarded_amount)} 万元）" if self.zh else
             f"{format_yuan(p.awarded_amount)} yuan"),
            ("剩余名额" if self.zh else "Quota left", "—" if p.quota_left is None else str(p.quota_left)),
            ("资金池余额" if self.zh else "Pool left", "—" if p.budget_left is None else
             f"{format_yuan(p.budget_left)}{yuan}"),
            ("分级名额" if self.zh else "Level quotas", levels),
            ("候补 / 未入选" if self.zh else "Reserve / excl.",
             f"{len(p.by_status('reserve'))} / {len(p.by_status('excluded'))}"),
        ]
        return self.kv_table(pairs, cols=2)

    def program(self, index: int, p: ProgramReport) -> list[Flowable]:
        head = (f"{_ordinal_zh(index)}、{p.program_id}　{p.name}" if self.zh else f"{index}. {p.program_id} {p.name}")
        out: list[Flowable] = [self.para(head, "h1"), self.program_summary(p)]

        # ranked table
        out.append(self.para("（一）排名及拟支持情况" if self.zh else "Ranking", "h2"))
        ranked = p.ranked
        awarded_idx = [i for i, e in enumerate(ranked) if e.status == "awarded"]
        line_after = awarded_idx[-1] if awarded_idx else None
        widths = ([26, 60, 114, 100, 30, 34, 50, 28, 68] if self.zh else
                  [26, 60, 108, 96, 30, 34, 50, 40, 66])
        rows: list[list[Any]] = []
        cmds: dict[int, list[tuple]] = {}
        for i, e in enumerate(ranked):
            cmds[len(rows)] = self._status_cmds(e, 7)
            rows.append(self.entry_row(e, widths))
            if i == line_after:
                n = len(awarded_idx)
                below = i < len(ranked) - 1
                label = (f"▲ {self.t('quota_line')}　以上拟支持 {n} 项" + ("；以下为候补" if below else "")
                         if self.zh else
                         f"▲ {self.t('quota_line')}: {n} awarded above" + ("; reserve below" if below else ""))
                cmds[len(rows)] = [("SPAN", 0, -1), ("LINEABOVE", 0, -1, 2, RED),
                                   ("BACKGROUND", 0, -1, RED_BG), ("TEXTCOLOR", 0, -1, RED),
                                   ("ALIGN", 0, -1, "CENTER"), ("FONTSIZE", 0, -1, 8)]
                rows.append([label] + [""] * 8)
        header = [self.t(k) for k in ("rank", "app_id", "enterprise", "project", "score", "reviews",
                                      "amount", "status", "note")]
        if rows:
            out += self.grid(header, rows, widths, ["CENTER", "LEFT", "LEFT", "LEFT", "RIGHT", "CENTER",
                                                    "RIGHT", "CENTER", "LEFT"], row_cmds=cmds)
        else:
            out.append(self.para(self.t("none"), "kv"))

        # reserve list
        reserve = p.by_status("reserve")
        out.append(self.para(f"（二）候补名单（{len(reserve)} 项）" if self.zh else
                             f"Reserve list ({len(reserve)})", "h2"))
        if reserve:
            w = [32, 28, 62, 120, 110, 32, 52, 74]
            rows = [[str(k), self._rank(e), self.fit(e.application_id, w[2]), self.fit(e.enterprise_name, w[3]),
                     self.fit(e.project_name, w[4]), e.score or "—", format_yuan(e.amount),
                     self.fit(reason_text(e.reason, self.lang, self.d.conditions), w[7])]
                    for k, e in enumerate(reserve, 1)]
            hdr = ["候补\n顺序" if self.zh else "Order", self.t("rank"), self.t("app_id"), self.t("enterprise"),
                   self.t("project"), self.t("score"), self.t("amount"), "候补原因" if self.zh else "Reason"]
            out += self.grid(hdr, rows, w, ["CENTER", "CENTER", "LEFT", "LEFT", "LEFT", "RIGHT", "RIGHT", "LEFT"])
        else:
            out.append(self.para(self.t("none"), "kv"))

        # excluded list
        excluded = p.by_status("excluded")
        out.append(self.para(f"（三）未入选名单（{len(excluded)} 项）" if self.zh else
                             f"Excluded ({len(excluded)})", "h2"))
        if excluded:
            w = [62, 122, 116, 32, 34, 144]
            rows = [[self.fit(e.application_id, w[0]), self.fit(e.enterprise_name, w[1]),
                     self.fit(e.project_name, w[2]), e.score or "—", f"{e.reviews}/{e.kept}",
                     self.fit(reason_text(e.reason, self.lang, self.d.conditions), w[5])]
                    for e in excluded]
            hdr = [self.t("app_id"), self.t("enterprise"), self.t("project"), self.t("score"),
                   self.t("reviews"), "未入选原因" if self.zh else "Reason"]
            out += self.grid(hdr, rows, w, ["LEFT", "LEFT", "LEFT", "RIGHT", "CENTER", "LEFT"])
        else:
            out.append(self.para(self.t("none"), "kv"))
        return out

    def _rank(self, e: EntryReport) -> str:
        if e.rank is None:
            return "—"
        return f"{e.rank}\n{self.t('tied')}" if e.tied else str(e.rank)

    def _status_cmds(self, e: EntryReport, col: int) -> list[tuple]:
        cmds: list[tuple] = []
        if e.status == "awarded":
            cmds.append(("TEXTCOLOR", col, col, GREEN))
        elif e.status == "reserve":
            cmds.append(("TEXTCOLOR", col, col, AMBER))
        if e.tied:
            cmds.append(("TEXTCOLOR", 0, 0, RED))
        return cmds

    def entry_row(self, e: EntryReport, w: Sequence[float]) -> list[Any]:
        return [
            self._rank(e),
            self.fit(e.application_id, w[1]),
            self.fit(e.enterprise_name, w[2]),
            self.fit(e.project_name, w[3]),
            e.score or "—",
            f"{e.reviews}/{e.kept}",
            format_yuan(e.amount),
            status_text(e.status, self.lang),
            self.fit(reason_text(e.reason, self.lang, self.d.conditions), w[8]),
        ]

    def decisions(self) -> list[Flowable]:
        d = self.d
        out: list[Flowable] = [self.para("评审组长决定" if self.zh else "Chair's decisions", "h1")]
        if not d.decisions:
            out.append(self.para("本次评审组长未作出决定。" if self.zh else "The chair made no decision.", "kv"))
            return out
        out.append(self.para("评审组长依照规则强制确定支持或排除的申报，均附书面理由，并记入审计链。" if self.zh else
                             "Awards and exclusions forced by the chair, each with its written reason.", "note"))
        out.append(Spacer(1, 2 * mm))
        w = [24, 62, 34, 110, 42, 158, 80]
        rows = []
        for k, dec in enumerate(d.decisions, 1):
            e = d.entry(dec.application_id)
            rows.append([str(k), self.fit(dec.application_id, w[1]), dec.program,
                         self.fit(e.enterprise_name if e else "", w[3]), decision_text(dec.kind, self.lang),
                         self.fit(dec.reason, w[5]), format_time(dec.when)])
        hdr = ["序号" if self.zh else "No.", self.t("app_id"), self.t("program"), self.t("enterprise"),
               "决定" if self.zh else "Decision", "理由" if self.zh else "Reason", "时间" if self.zh else "Time"]
        out += self.grid(hdr, rows, w, ["CENTER", "LEFT", "CENTER", "LEFT", "CENTER", "LEFT", "CENTER"])
        return out

    def appendix(self) -> list[Flowable]:
        out: list[Flowable] = [self.para("附录　专家评分及金额计算明细" if self.zh else
                                         "Appendix: expert totals and amounts", "h1")]
        out.append(self.para(
            "各专家对该申报的总分；有效评审不少于 5 份时，按规则去掉一个最高分和一个最低分，"
            "被去掉的分数以灰色删除线并标注“去掉”显示，得分为其余分数的平均值（四舍五入保留两位小数）。"
            if self.zh else
            "Each expert's total; with 5 or more complete reviews the highest and the lowest are dropped "
            "(grey, struck out), and the score is the mean of the rest.", "note"))
        w = [62, 100, 32, 34, 168, BODY_W - 396]
        hdr = [self.t("app_id"), self.t("enterprise"), self.t("score"), self.t("reviews"),
               "各专家总分" if self.zh else "Expert totals", "金额计算" if self.zh else "Amount"]
        dropped = "去掉" if self.zh else "dropped"
        for p in self.d.programs:
            out.append(self.para(f"{p.program_id}　{p.name}", "h2"))
            if not p.entries:
                out.append(self.para(self.t("none"), "kv"))
                continue
            rows = []
            for e in p.entries:
                totals: Any = "—"
                if e.expert_totals:
                    totals = _Totals([(_clean(t.expert_id), _clean(t.total), t.dropped)
                                      for t in e.expert_totals], dropped)
                rows.append([self.fit(e.application_id, w[0]), self.fit(e.enterprise_name, w[1]),
                             e.score or "—", f"{e.reviews}/{e.kept}", totals,
                             self.fit(e.amount_text or ("—" if e.amount is None else format_yuan(e.amount)), w[5])])
            out += self.grid(hdr, rows, w, ["LEFT", "LEFT", "RIGHT", "CENTER", "LEFT", "LEFT"])
        return out

    def signatures(self) -> list[Flowable]:
        d = self.d
        out: list[Flowable] = [self.para("评审专家签字" if self.zh else "Signatures of the panel", "h1")]
        n_awarded = d.count("awarded")
        out.append(self.para(
            f"本评审组依照《{d.policy_name}》对“{d.session_name}”的申报项目进行了评审。"
            f"经核对，本清单所列排名、拟支持项目（{n_awarded} 项，合计 {format_yuan(d.awarded_amount)} 元）、"
            "候补及未入选情况与评审结果一致。" if self.zh else
            f"The panel reviewed the applications of “{d.session_name}” under {d.policy_name}; the ranking, "
            f"the {n_awarded} projects proposed for support ({format_yuan(d.awarded_amount)} yuan), the reserve "
            "and the exclusions in this list agree with its results.", "kv"))
        out.append(Spacer(1, 5 * mm))
        w = [26, 46, 64, 150, 130, BODY_W - 416]
        rows: list[list[Any]] = []
        for k, e in enumerate(d.panel, 1):
            rows.append([str(k), e.expert_id, self.fit(e.name, w[2]), self.fit(e.organization, w[3]), "", ""])
        hdr = ["序号" if self.zh else "No.", self.t("expert_id"), self.t("name"), self.t("organization"),
               self.t("signature"), self.t("date")]
        tables = self.grid(hdr, rows, w, ["CENTER", "CENTER", "LEFT", "LEFT", "LEFT", "LEFT"],
                           zebra=False, marks=False, row_height=30)  # room for a handwritten signature
        out += tables
        out.append(Spacer(1, 8 * mm))
        chair_rows = [[self.t("chair"), self.fit(d.chair_name, w[2]),
                       Paragraph(f'<font size="6.5" color="#6e7781">{escape(group_hex(d.chair_fingerprint))}'
                                 '</font>', self.st["cell"]), "", ""]]
        cw = [72, 64, 150, 130, BODY_W - 416]
        chair = Table([["", self.t("name"), self.t("fingerprint"), self.t("signature"),
                        self.t("date")]] + chair_rows, colWidths=cw, rowHeights=[22, 34], hAlign="LEFT",
                      style=TableStyle([
                          ("FONT", (0, 0), (-1, -1), FONT, TABLE_SIZE, TABLE_LEADING),
                          ("BACKGROUND", (0, 0), (-1, 0), HEAD_BG),
                          ("ALIGN", (0, 0), (-1, 0), "CENTER"),
                          ("ALIGN", (0, 1), (0, 1), "CENTER"),
                          ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                          ("INNERGRID", (0, 0), (-1, -1), 0.25, RULE),
                          ("BOX", (0, 0), (-1, -1), 0.6, INK),
                      ]))
        out.append(KeepTogether([chair]))
        out.append(Spacer(1, 6 * mm))
        when = d.finalized_at or d.created_at
        out.append(self.para(f"评审日期：{_date_zh(when)}" if self.zh else f"Date of review: {when:%Y-%m-%d}",
                             "kv"))
        return out


def build(data: ReportData, filename: str, progress: Callable[[int, int], None] | None = None,
          lang: str = "zh") -> None:
    """Lay out ``data`` into the PDF file ``filename`` (see :func:`.pdf.render_pdf`)."""
    from reportlab import rl_config

    register_fonts()
    layout = _Layout(data, lang)
    story = layout.story()
    doc = _Doc(filename, progress, title=f"{data.year}年度{_L['title'][0]} — {data.session_name}",
               author=data.chair_name, subject=_L["subtitle"][0],
               creator=f"ReviewDesk {data.software_version}", keywords=data.audit_head,
               invariant=1)
    doc.total_steps = layout.steps + 1
    if progress:
        progress(0, doc.total_steps)
    a85 = rl_config.useA85
    rl_config.useA85 = 0  # binary streams: smaller files, less time spent encoding
    try:
        doc.build(story, canvasmaker=_numbered_canvas(layout.furniture))
    finally:
        rl_config.useA85 = a85
    if progress:
        progress(doc.total_steps, doc.total_steps)
