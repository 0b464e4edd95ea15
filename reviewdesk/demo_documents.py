"""The demo's application documents: a short application form (申报书) for every demo application.

Each form is a 2–3 page Chinese PDF with the application's facts (enterprise, credit code,
program, amounts) and a made-up project description, so a newcomer sees the reading pane
working. The first application of each program also gets a one-page audit summary (审计报告摘要)
and a site photo (现场照片.png), so the pane shows a list of documents and an image.

Deterministic: the same session gives byte-identical files (reportlab's invariant mode, a seed
per application), so the demo's document digests never change between builds. Drawn on a plain
canvas rather than with platypus, and without page compression: 150 forms take about 2 s.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from functools import cache
from pathlib import Path

from .fields import LEVEL_NAMES_ZH
from .session import Session

FONT = "ReviewDeskCJK"
PAGE_W, PAGE_H = 595.27, 841.89  # A4 in points
MARGIN = 64

_COMPANY = [
    "公司成立于{y}年，注册资本{c}万元，现有职工{n}人，其中研发人员{r}人，是济南市{k}领域的骨干企业。",
    "企业先后获得高新技术企业、山东省“专精特新”中小企业等认定，拥有发明专利{p}项、软件著作权{s}项。",
    "近三年营业收入年均增长{g}%，{y2}年实现营业收入{v}万元，纳税{t}万元，经营状况良好，无不良信用记录。",
]
_PLAN = [
    "项目围绕“{proj}”开展建设，依托工业互联网平台实现设备、产线与管理系统的全面互联，打通设计、生产、"
    "运维各环节数据。",
    "主要建设内容包括：部署边缘计算网关{g}台，接入数控机床、机器人及检测设备{d}台（套），建设数据中台与可视化"
    "监控中心，开发面向{k}行业的工业应用{a}个。",
    "项目采用自主可控的国产软硬件，按照等保二级要求建设网络安全防护体系，建立数据分类分级与备份恢复机制。",
    "项目于{y}年{m1}月开工，{y}年{m2}月完成建设并投入运行，经第三方机构验收，各项指标达到或超过设计要求。",
]
_EFFECT = [
    "项目实施后，设备综合效率（OEE）提升{o}%，产品不良率下降{q}%，单位产值能耗降低{e}%，订单交付周期缩短{c}%。",
    "项目形成可复制推广的解决方案，已在{n}家上下游企业推广应用，带动产业链协同发展。",
    "下一步，企业将持续加大投入，推动项目成果在全市同行业推广，助力济南市建设工业互联网示范城市。",
]


def _register_font() -> str:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    from .resources import font_path

    if FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont(FONT, str(font_path()), subfontIndex=0))
    return FONT


def _wrap(text: str, size: float, width: float) -> Iterator[str]:
    """Lines of ``text`` no wider than ``width``: Chinese breaks between any two characters."""
    line, used = "", 0.0
    for ch in text:
        w = _char_width(ch) * size
        if used + w > width and line:
            yield line
            line, used = "", 0.0
        line += ch
        used += w
    if line:
        yield line


@cache
def _char_width(ch: str) -> float:
    from reportlab.pdfbase.pdfmetrics import stringWidth

    return stringWidth(ch, FONT, 1000) / 1000


def _yuan(value: int | None) -> str:
    if value is None:
        return "—"
    return f"{value:,} 元（{value / 10000:,.2f} 万元）"


class _Writer:
    """A page cursor: headings, paragraphs and key–value rows, with a footer on every page."""

    def __init__(self, canvas, footer: str):  # noqa: ANN001 - reportlab canvas
        self.c = canvas
        self.footer = footer
        self.page = 1
        self.y = PAGE_H - MARGIN

    def _need(self, height: float) -> None:
        if self.y - height < MARGIN + 30:
            self.new_page()

    def new_page(self) -> None:
        self._footer()
        self.c.showPage()
        self.page += 1
        self.y = PAGE_H - MARGIN

    def _footer(self) -> None:
        self.c.setFont(FONT, 8)
        self.c.setFillGray(0.45)
        self.c.drawString(MARGIN, MARGIN - 24, self.footer)
        self.c.drawRightString(PAGE_W - MARGIN, MARGIN - 24, f"第 {self.page} 页")
        self.c.setFillGray(0)

    def title(self, text: str, size: float = 20) -> None:
        self._need(size + 12)
        self.c.setFont(FONT, size)
        self.c.drawCentredString(PAGE_W / 2, self.y - size, text)
        self.y -= size + 14

    def heading(self, text: str) -> None:
        self._need(70)  # a heading keeps a few lines of its section with it
        self.y -= 8
        self.c.setFont(FONT, 13)
        self.c.drawString(MARGIN, self.y - 13, text)
        self.y -= 22

    def paragraph(self, text: str, size: float = 10.5) -> None:
        lead = size * 1.75
        for i, line in enumerate(_wrap(text, size, PAGE_W - 2 * MARGIN - (2 * size))):
            self._need(lead)
            self.c.setFont(FONT, size)
            self.c.drawString(MARGIN + (2 * size if i == 0 else 0), self.y - size, line)
            self.y -= lead
        self.y -= 4

    def table(self, rows: list[tuple[str, str]], key_w: float = 130) -> None:
        row_h = 24
        width = PAGE_W - 2 * MARGIN
        for key, value in rows:
            self._need(row_h)
            top = self.y
            self.c.setLineWidth(0.6)
            self.c.setFillGray(0.93)
            self.c.rect(MARGIN, top - row_h, key_w, row_h, fill=1, stroke=1)
            self.c.setFillGray(0)
            self.c.rect(MARGIN + key_w, top - row_h, width - key_w, row_h, fill=0, stroke=1)
            self.c.setFont(FONT, 10)
            self.c.drawString(MARGIN + 6, top - 16, key)
            self.c.drawString(MARGIN + key_w + 6, top - 16, value)
            self.y -= row_h
        self.y -= 10

    def finish(self) -> None:
        self._footer()
        self.c.showPage()


def application_form(path: Path, app: dict, program_name: str, policy_name: str, year: int) -> Path:
    """Write the application form of one application (a dict of its ``applications`` row)."""
    from reportlab.pdfgen.canvas import Canvas

    _register_font()
    rng = random.Random(f"form-{app['application_id']}")
    c = Canvas(str(path), pagesize=(PAGE_W, PAGE_H), invariant=1, pageCompression=0)
    c.setTitle(f"{app['application_id']} 项目申报书")
    c.setAuthor(app["enterprise_name"])
    c.setSubject(program_name)
    w = _Writer(c, f"{app['application_id']} · {app['enterprise_name']} · 项目申报书（演示文件，内容虚构）")
    w.y -= 40
    c.setFont(FONT, 11)
    c.drawRightString(PAGE_W - MARGIN, PAGE_H - MARGIN, f"申报编号：{app['application_id']}")
    w.title(f"{year}年度济南市工业互联网专项资金", 18)
    w.title("项 目 申 报 书", 26)
    w.y -= 24
    rows = [("项目类别", f"{app['program']} {program_name}"), ("项目名称", app["project_name"]),
            ("申报单位（盖章）", app["enterprise_name"]), ("统一社会信用代码", app["credit_code"])]
    if app.get("level"):
        rows.append(("认定级别", LEVEL_NAMES_ZH.get(app["level"], app["level"])))
    money = [("actual_investment", "实际投入"), ("construction_investment", "建设总投入"),
             ("sales_received_1y", "一年内销售合同到账额"), ("requested_amount", "申请奖补金额")]
    rows += [(label, _yuan(app[key])) for key, label in money if app.get(key) is not None]
    if app.get("rented_area_m2"):
        rows.append(("展览租赁面积", f"{app['rented_area_m2']} 平方米"))
    rows += [("联系人", rng.choice(["王", "李", "张", "刘", "陈", "杨"]) + rng.choice(["经理", "主任", "工"])),
             ("联系电话", f"0531-{rng.randrange(8000_0000, 8999_9999)}"),
             ("申报日期", f"{year}年{rng.randrange(3, 7)}月{rng.randrange(1, 29)}日")]
    w.table(rows)
    w.y -= 20
    w.paragraph(f"依据：{policy_name}。本单位承诺所填报信息及所附材料真实、准确、完整，如有虚假，"
                "愿承担相应法律责任。")
    w.new_page()

    industry = rng.choice(["装备制造", "化工", "纺织", "食品", "电子信息", "汽车零部件", "新材料"])
    w.heading("一、企业基本情况")
    y0 = rng.randrange(1995, 2016)
    for t in _COMPANY:
        w.paragraph(t.format(y=y0, c=rng.randrange(500, 20000), n=rng.randrange(60, 1500), r=rng.randrange(12, 300),
                             k=industry, p=rng.randrange(3, 60), s=rng.randrange(5, 80), g=rng.randrange(6, 35),
                             y2=year - 1, v=rng.randrange(3000, 90000), t=rng.randrange(150, 6000)))
    w.heading("二、项目建设内容")
    for t in _PLAN:
        w.paragraph(t.format(proj=app["project_name"], g=rng.randrange(4, 60), d=rng.randrange(30, 600),
                             k=industry, a=rng.randrange(3, 20), y=year - 1, m1=rng.randrange(1, 5),
                             m2=rng.randrange(8, 13)))
    w.heading("三、投资情况")
    invest = app.get("actual_investment") or app.get("construction_investment") or rng.randrange(200, 3000) * 10000
    parts = {"设备购置": 0.46, "软件及平台开发": 0.28, "网络与安全建设": 0.14, "集成与实施服务": 0.12}
    w.table([(k, _yuan(int(invest * v))) for k, v in parts.items()] + [("合计", _yuan(int(invest)))])
    w.heading("四、预期效益")
    for t in _EFFECT:
        w.paragraph(t.format(o=rng.randrange(8, 30), q=rng.randrange(10, 45), e=rng.randrange(5, 20),
                             c=rng.randrange(10, 40), n=rng.randrange(3, 40)))
    w.heading("五、附件清单")
    for i, item in enumerate(["营业执照复印件", "项目投资专项审计报告", "设备购置合同及发票", "项目验收报告",
                              "知识产权证明材料"], 1):
        w.paragraph(f"{i}. {item}")
    w.y -= 16
    w.paragraph(f"申报单位（盖章）：{app['enterprise_name']}")
    w.paragraph("法定代表人（签字）：________________")
    w.finish()
    c.save()
    return path


def audit_summary(path: Path, app: dict, year: int) -> Path:
    """A one-page audit summary (审计报告摘要) for an application."""
    from reportlab.pdfgen.canvas import Canvas

    _register_font()
    rng = random.Random(f"audit-{app['application_id']}")
    c = Canvas(str(path), pagesize=(PAGE_W, PAGE_H), invariant=1, pageCompression=0)
    c.setTitle(f"{app['application_id']} 审计报告摘要")
    w = _Writer(c, f"{app['application_id']} · 项目投资专项审计报告（摘要，演示文件，内容虚构）")
    w.title("项目投资专项审计报告（摘要）", 18)
    firm = rng.choice(["山东明诚会计师事务所", "济南泉信会计师事务所", "齐鲁正信会计师事务所"])
    w.paragraph(f"{firm}鲁审字〔{year}〕第{rng.randrange(100, 999)}号")
    invest = app.get("actual_investment") or app.get("construction_investment") or rng.randrange(200, 3000) * 10000
    w.paragraph(f"我们接受委托，对{app['enterprise_name']}“{app['project_name']}”项目的投资情况进行了专项审计。"
                f"经审计，截至{year - 1}年12月31日，该项目实际完成投资{_yuan(int(invest))}，"
                "其中设备购置、软件开发及系统集成支出均取得合法有效的合同和发票，资金支付与合同约定一致。")
    w.table([("审计确认投资额", _yuan(int(invest))), ("其中：设备购置", _yuan(int(invest * 0.55))),
             ("软件及服务", _yuan(int(invest * 0.45))), ("审计意见", "无保留意见")])
    w.paragraph(f"注册会计师：{rng.choice(['赵', '钱', '孙', '周'])}某某    {year}年{rng.randrange(1, 4)}月")
    w.finish()
    c.save()
    return path


@cache
def _photo_font():  # noqa: ANN202 - a PIL font
    from PIL import ImageFont

    from .resources import font_path

    return ImageFont.truetype(str(font_path()), 30, index=0)


def site_photo(path: Path, app: dict) -> Path:
    """A drawn stand-in for a photo of the project site (PNG)."""
    from PIL import Image, ImageDraw

    rng = random.Random(f"photo-{app['application_id']}")
    img = Image.new("RGB", (960, 640), (214, 226, 236))
    d = ImageDraw.Draw(img)
    d.rectangle([0, 430, 960, 640], fill=(120, 128, 136))  # floor
    for i in range(5):  # machines
        x = 60 + i * 180
        h = rng.randrange(140, 260)
        d.rectangle([x, 430 - h, x + 130, 430], fill=(46, 92, 138), outline=(20, 40, 60), width=3)
        d.rectangle([x + 20, 450 - h, x + 110, 500 - h], fill=(170, 220, 190))
        d.ellipse([x + 50, 395, x + 80, 425], fill=(230, 160, 40))
    font = _photo_font()
    d.rectangle([0, 0, 960, 60], fill=(255, 255, 255))
    d.text((24, 12), f"{app['application_id']} 项目现场照片（示意图）", font=font, fill=(20, 30, 40))
    img.save(path, "PNG", optimize=False)
    return path


def write_demo_documents(session: Session, folder: Path) -> Path:
    """Write the demo documents of every application in ``session`` to ``folder/<id>/`` and return it."""
    folder.mkdir(parents=True, exist_ok=True)
    programs = {p.id: p.name for p in session.policy.programs}
    cols = ["application_id", "program", "enterprise_name", "credit_code", "project_name", "level",
            "actual_investment", "construction_investment", "sales_received_1y", "rented_area_m2",
            "requested_amount"]
    first_of: set[str] = set()
    for row in session.conn.execute(f"SELECT {', '.join(cols)} FROM applications ORDER BY application_id"):
        app = dict(zip(cols, row, strict=True))
        out = folder / app["application_id"]
        out.mkdir(exist_ok=True)
        application_form(out / "项目申报书.pdf", app, programs.get(app["program"], app["program"]),
                         session.policy.name, session.year)
        if app["program"] not in first_of:
            first_of.add(app["program"])
            audit_summary(out / "审计报告摘要.pdf", app, session.year)
            site_photo(out / "现场照片.png", app)
    return folder
