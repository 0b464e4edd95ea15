"""What a shortlist report says, as plain data, and the words and numbers it prints.

The renderers (:mod:`.pdf`, :mod:`.xlsx`) take a :class:`ReportData` and nothing else: they
never open a session. Whoever builds a ``ReportData`` (from a session, a manifest, or
:func:`sample_report` for previews and tests) decides every value; the renderers only lay it out.

Money is integer yuan, scores are decimal strings exactly as RULES.md rounds them ("87.25"):
no float ever reaches a report.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from ..fields import FIELD_NAMES_EN, FIELD_NAMES_ZH, LEVEL_NAMES_ZH

STATUSES = ("awarded", "reserve", "excluded")
DECISION_KINDS = ("award", "exclude")


@dataclass(frozen=True)
class Expert:
    """A panel member as printed on the cover and the signature page."""

    expert_id: str
    name: str
    organization: str = ""
    fingerprint: str = ""  # certificate fingerprint (hex), "" when none was registered


@dataclass(frozen=True)
class ExpertTotal:
    """One expert's total for one application; ``dropped`` when trimming removed it (RULES §3)."""

    expert_id: str
    total: str  # decimal string, e.g. "86.5"
    dropped: bool = False


@dataclass(frozen=True)
class EntryReport:
    """One application's line in its program's shortlist."""

    application_id: str
    enterprise_name: str
    credit_code: str
    project_name: str
    status: str  # awarded | reserve | excluded
    rank: int | None = None  # None for an excluded entry
    score: str | None = None  # None when there were too few reviews
    reviews: int = 0  # complete reviews
    kept: int = 0  # reviews retained after trimming
    amount: int | None = None  # yuan; None for excluded entries
    amount_text: str = ""  # how the amount was reached, for people
    reason: str | None = None  # a RULES.md reason code, None for a plain award
    tied: bool = False
    level: str | None = None  # national | provincial | municipal, when the application states one
    expert_totals: Sequence[ExpertTotal] = ()


@dataclass(frozen=True)
class ProgramReport:
    """One program's quota and budget situation and its entries, in shortlist order."""

    program_id: str
    name: str
    quota: int | None = None  # yearly count quota; None = no count limit
    quota_left: int | None = None  # after this session's awards
    prior_awards: int = 0  # awards of earlier sessions this year counted against the quota
    prior_amount: int = 0  # their amounts counted against the budget pool
    level_quotas: dict[str, int] | None = None
    budget_pool: int | None = None
    budget_left: int | None = None
    awarded_amount: int = 0  # total of this session's awards
    entries: Sequence[EntryReport] = ()

    def by_status(self, status: str) -> list[EntryReport]:
        return [e for e in self.entries if e.status == status]

    @property
    def ranked(self) -> list[EntryReport]:
        """Awarded and reserve entries, in rank order."""
        return [e for e in self.entries if e.status != "excluded"]


@dataclass(frozen=True)
class Decision:
    """A chair's decision (RULES §8)."""

    application_id: str
    program: str
    kind: str  # award | exclude
    reason: str
    when: dt.datetime


@dataclass(frozen=True)
class ReportData:
    """Everything a shortlist report prints."""

    session_name: str
    session_id: str
    policy_id: str
    policy_name: str
    year: int
    created_at: dt.datetime
    finalized_at: dt.datetime | None  # None: a draft, printed as such
    chair_name: str
    chair_fingerprint: str
    panel: Sequence[Expert] = ()
    software_version: str = ""
    audit_head: str = ""  # hash of the audit chain's last entry (hex)
    programs: Sequence[ProgramReport] = ()
    decisions: Sequence[Decision] = ()
    conditions: dict[str, str] = field(default_factory=dict)  # eligibility condition id -> words

    @property
    def entry_count(self) -> int:
        return sum(len(p.entries) for p in self.programs)

    @property
    def awarded_amount(self) -> int:
        return sum(p.awarded_amount for p in self.programs)

    def count(self, status: str) -> int:
        return sum(1 for p in self.programs for e in p.entries if e.status == status)

    def entry(self, application_id: str) -> EntryReport | None:
        for p in self.programs:
            for e in p.entries:
                if e.application_id == application_id:
                    return e
        return None


# --------------------------------------------------------------------------- words

_STATUS = {
    "awarded": ("入选", "Awarded"),
    "reserve": ("候补", "Reserve"),
    "excluded": ("未入选", "Excluded"),
}
_REASONS = {
    "quota_full": ("名额已满", "Quota full"),
    "budget_exhausted": ("资金池余额不足", "Budget pool exhausted"),
    "duplicate_award": ("同一企业同一项目已获资助", "Project already funded"),
    "below_threshold": ("低于合格分", "Below pass score"),
    "insufficient_reviews": ("有效评审不足", "Too few complete reviews"),
}
_DECISIONS = {"award": ("确定支持", "Award"), "exclude": ("排除", "Exclude")}


def _zh(lang: str) -> bool:
    return not lang or lang.lower().startswith("zh")


def status_text(status: str, lang: str = "zh") -> str:
    """``awarded`` → 入选, ``reserve`` → 候补, ``excluded`` → 未入选."""
    pair = _STATUS.get(status)
    return status if pair is None else pair[0 if _zh(lang) else 1]


def decision_text(kind: str, lang: str = "zh") -> str:
    """``award`` → 确定支持, ``exclude`` → 排除."""
    pair = _DECISIONS.get(kind)
    return kind if pair is None else pair[0 if _zh(lang) else 1]


def reason_text(code: str | None, lang: str = "zh", conditions: dict[str, str] | None = None) -> str:
    """Words for a reason code (RULES.md §4, §7, §8) or a status; "" for ``None``.

    ``ineligible:<x>`` names the condition (from ``conditions``, a catalog's condition
    descriptions) or the field; an unknown code is printed as it is rather than hidden.
    """
    if not code:
        return ""
    zh = _zh(lang)
    if code in _REASONS:
        return _REASONS[code][0 if zh else 1]
    if code in _STATUS:
        return status_text(code, lang)
    kind, sep, rest = code.partition(":")
    if sep and kind == "ineligible":
        names = FIELD_NAMES_ZH if zh else FIELD_NAMES_EN
        what = (conditions or {}).get(rest) or names.get(rest) or rest
        return f"不符合条件：{what}" if zh else f"Not eligible: {what}"
    if sep and kind == "chair":
        return f"评审组长决定：{rest}" if zh else f"Chair's decision: {rest}"
    return code


def level_text(level: str | None, lang: str = "zh") -> str:
    if not level:
        return ""
    return LEVEL_NAMES_ZH.get(level, level) if _zh(lang) else level


# --------------------------------------------------------------------------- numbers

def _check_int(yuan: object) -> int:
    if isinstance(yuan, bool) or not isinstance(yuan, int | Decimal):
        raise TypeError(f"money must be integer yuan, not {type(yuan).__name__}")
    if isinstance(yuan, Decimal) and yuan != yuan.to_integral_value():
        raise ValueError(f"money must be whole yuan: {yuan}")
    return int(yuan)


def format_yuan(yuan: int | None) -> str:
    """``1600000`` → ``"1,600,000"``; ``None`` → ``""``. Floats are refused."""
    if yuan is None:
        return ""
    return f"{_check_int(yuan):,}"


def format_wan(yuan: int | None) -> str:
    """Yuan as 万元 with two decimals (half up): ``1600000`` → ``"160.00"``; ``None`` → ``""``."""
    if yuan is None:
        return ""
    wan = (Decimal(_check_int(yuan)) / 10000).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    return f"{wan:,.2f}"


def format_time(when: dt.datetime | None) -> str:
    return "" if when is None else when.strftime("%Y-%m-%d %H:%M")


def short_hash(h: str, n: int = 12) -> str:
    return h[:n] if h else ""


def group_hex(h: str, size: int = 4) -> str:
    """``"a1b2c3d4"`` → ``"A1B2 C3D4"``: fingerprints are read aloud and compared."""
    h = h.replace(":", "").replace(" ", "").upper()
    return " ".join(h[i:i + size] for i in range(0, len(h), size))


# --------------------------------------------------------------------------- sample data

_ORG_PREFIX = ("济南", "泉城", "齐鲁", "山东", "历下", "章丘", "长清", "高新", "趵突泉", "大明湖",
               "华山", "黄河", "千佛山", "明水", "平阴")
_ORG_WORD = ("明泰", "恒信", "智联", "云海", "鼎盛", "华通", "瑞丰", "中科", "浪潮星", "金岭",
             "宏达", "精工", "博远", "东岳", "拓维", "卓越", "汇川", "海纳", "天衡", "正泰")
_ORG_TRADE = ("智能装备", "工业互联网科技", "数控机床", "新材料", "信息技术", "电气", "精密机械",
              "汽车零部件", "软件", "生物医药", "钢铁", "食品", "重工", "化工科技", "数据服务")
_ORG_FORM = ("有限公司", "股份有限公司", "集团有限公司", "有限责任公司")
_PROJECT_A = ("5G+TSN", "工业PON", "IPv6", "边缘计算", "数字孪生", "设备上云", "智能排产",
              "质量追溯", "能耗管控", "AI视觉质检", "柔性产线", "远程运维", "供应链协同")
_PROJECT_B = ("工厂内网改造", "测试验证平台建设", "标识解析二级节点", "融合应用", "车间数字化改造",
              "工业APP研发", "公共服务平台", "体验中心建设", "研发中心建设", "上云上平台")
_SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗"
_GIVEN = ("建国", "海涛", "丽华", "志强", "晓明", "红梅", "国庆", "文静", "立新", "春燕", "伟", "敏", "磊", "静")
_ORGS = ("山东大学控制科学与工程学院", "济南市工业和信息化局专家库", "齐鲁工业大学", "中国信息通信研究院",
         "山东省科学院自动化研究所", "浪潮集团有限公司", "山东建筑大学", "济南大学信息科学与工程学院")


def uscc_check(code17: str) -> str:
    """The GB 32100-2015 check character for the first 17 characters of a credit code."""
    alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY"
    weights = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
    total = sum(alphabet.index(c) * w for c, w in zip(code17, weights, strict=True))
    return alphabet[(31 - total % 31) % 31]


def _credit_code(rng: random.Random) -> str:
    alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY"
    body = "91370100" + "".join(rng.choice(alphabet) for _ in range(9))
    return body + uscc_check(body)


def _mean2(values: Sequence[Decimal]) -> Decimal:
    return (sum(values, Decimal(0)) / len(values)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


@dataclass
class _App:
    """A sample application before the walk: what :func:`_walk` turns into an entry."""

    application_id: str
    enterprise_name: str
    credit_code: str
    project_name: str
    totals: list[tuple[str, Decimal]]
    amount: int | None
    amount_text: str
    level: str | None = None
    ineligible: str | None = None
    duplicate: bool = False
    chair: tuple[str, str] | None = None  # (award|exclude, reason)


def _walk(pid: str, name: str, apps: list[_App], quota: int | None, prior: int,
          level_quotas: dict[str, int] | None, pool: int | None, prior_amount: int,
          min_reviews: int = 3, trim_from: int = 5, pass_score: Decimal = Decimal(60)) -> ProgramReport:
    """RULES.md §3–8, simplified (no criterion tie-break), to make sample data that adds up."""
    scored: list[tuple[_App, Decimal | None, int, list[ExpertTotal], str | None]] = []
    for a in apps:
        order = sorted(a.totals, key=lambda t: (t[1], t[0]))
        n = len(order)
        dropped: set[int] = {0, n - 1} if n >= trim_from else set()
        kept = [t for i, (_, t) in enumerate(order) if i not in dropped]
        score = _mean2(kept) if n >= min_reviews else None
        totals = [ExpertTotal(e, f"{t:.1f}", i in dropped) for i, (e, t) in enumerate(order)]
        totals.sort(key=lambda x: x.expert_id)
        reason = None
        if a.ineligible:
            reason = "ineligible:" + a.ineligible
        elif n < min_reviews:
            reason = "insufficient_reviews"
        elif score is not None and score < pass_score:
            reason = "below_threshold"
        if a.chair and a.chair[0] == "exclude":
            reason = "chair:" + a.chair[1]
        scored.append((a, score, len(kept), totals, reason))

    candidates = [s for s in scored if s[4] is None]
    candidates.sort(key=lambda s: (-(s[1] or 0), s[0].application_id))
    score_count: dict[Decimal | None, int] = {}
    for s in candidates:
        score_count[s[1]] = score_count.get(s[1], 0) + 1

    used = prior
    used_level = dict.fromkeys(level_quotas or {}, 0)
    left = None if pool is None else pool - prior_amount
    status: dict[str, tuple[str, str | None]] = {}
    forced = [s for s in candidates if s[0].chair and s[0].chair[0] == "award"]
    for s in forced + [s for s in candidates if s not in forced]:
        a = s[0]
        if a.chair and a.chair[0] == "award":
            st, why = "awarded", "chair:" + a.chair[1]
        elif a.duplicate:
            st, why = "reserve", "duplicate_award"
        elif (quota is not None and used >= quota) or (
                level_quotas and a.level in level_quotas and used_level[a.level] >= level_quotas[a.level]):
            st, why = "reserve", "quota_full"
        elif left is not None and (a.amount or 0) > left:
            st, why = "reserve", "budget_exhausted"
        else:
            st, why = "awarded", None
        if st == "awarded":
            used += 1
            if level_quotas and a.level in used_level:
                used_level[a.level] += 1
            if left is not None:
                left -= a.amount or 0
        status[a.application_id] = (st, why)

    entries: list[EntryReport] = []
    for rank, (a, score, kept, totals, _) in enumerate(candidates, 1):
        st, why = status[a.application_id]
        entries.append(EntryReport(
            a.application_id, a.enterprise_name, a.credit_code, a.project_name, st, rank,
            None if score is None else str(score), len(a.totals), kept, a.amount, a.amount_text,
            why, score_count[score] > 1, a.level, totals))
    excluded = sorted((s for s in scored if s[4] is not None), key=lambda s: s[0].application_id)
    for a, score, kept, totals, why in excluded:
        entries.append(EntryReport(
            a.application_id, a.enterprise_name, a.credit_code, a.project_name, "excluded", None,
            None if score is None else str(score), len(a.totals), kept, None, "", why, False,
            a.level, totals))
    awarded_amount = sum(e.amount or 0 for e in entries if e.status == "awarded")
    return ProgramReport(
        pid, name, quota, None if quota is None else max(quota - used, 0), prior, prior_amount,
        level_quotas, pool, None if left is None else max(left, 0), awarded_amount, entries)


def _enterprise(rng: random.Random) -> str:
    return rng.choice(_ORG_PREFIX) + rng.choice(_ORG_WORD) + rng.choice(_ORG_TRADE) + rng.choice(_ORG_FORM)


def _project(rng: random.Random) -> str:
    return rng.choice(_PROJECT_A) + rng.choice(_PROJECT_B) + rng.choice(("项目", "工程", "一期项目", "示范项目"))


def _panel(rng: random.Random, n: int) -> list[Expert]:
    out = []
    for i in range(1, n + 1):
        fp = "".join(rng.choice("0123456789abcdef") for _ in range(64))
        out.append(Expert(f"E{i:02d}", rng.choice(_SURNAMES) + rng.choice(_GIVEN), _ORGS[(i - 1) % len(_ORGS)], fp))
    return out


def _totals(rng: random.Random, panel: Sequence[Expert], centre: float, n: int) -> list[tuple[str, Decimal]]:
    experts = rng.sample([e.expert_id for e in panel], n)
    out = []
    for e in sorted(experts):
        t = min(100.0, max(20.0, rng.gauss(centre, 5.0)))
        out.append((e, Decimal(round(t * 2) / 2).quantize(Decimal("0.1"))))
    return out


_BASE_TIME = dt.datetime(2021, 11, 3, 9, 0)

# (id, name, quota, level quotas, budget pool) — from the Jinan 2020–2022 policy (POLICY.md)
PROGRAMS_JINAN = (
    ("P01", "企业内网改造标杆项目", 10, None, None),
    ("P02", "工业互联网测试平台建设", 2, None, None),
    ("P03", "引进顶尖人才、团队", None, None, None),
    ("P04", "省、市级研发机构", 4, {"provincial": 2, "municipal": 2}, None),
    ("P05", "优质服务商、解决方案和工业APP", 10, None, None),
    ("P06", "市级应用示范企业", 20, None, None),
    ("P07", "工业互联网应用示范项目", 20, None, None),
    ("P08", "市级工业互联网产业示范基地", 2, None, None),
    ("P09", "应用成熟度测评", 60, None, None),
    ("P10", "融合应用示范标杆项目", 10, None, None),
    ("P11", "行业融合应用示范标杆项目", 10, None, None),
    ("P12", "“企业上云”专项引导资金", None, None, 20_000_000),
    ("P13", "供需对接、峰会、论坛、竞赛等活动", 5, None, None),
    ("P14", "工业互联网体验中心", None, None, None),
    ("P15", "工业互联网公共服务平台", 3, {"national": 1, "provincial": 2}, None),
)


def _report(name: str, programs: list[ProgramReport], panel: list[Expert],
            decisions: list[Decision], rng: random.Random) -> ReportData:
    from .. import __version__

    return ReportData(
        session_name=name,
        session_id="9f3c2a7e-5b1d-4c8e-a6f0-2d4b7e91c035",
        policy_id="jinan-iiot-2020-2022",
        policy_name="济南市工业互联网创新发展行动计划（2020—2022年）奖补政策实施细则",
        year=2021,
        created_at=_BASE_TIME - dt.timedelta(days=12),
        finalized_at=_BASE_TIME + dt.timedelta(hours=8, minutes=40),
        chair_name="周立新",
        chair_fingerprint="".join(rng.choice("0123456789abcdef") for _ in range(64)),
        panel=panel,
        software_version=__version__,
        audit_head="".join(rng.choice("0123456789abcdef") for _ in range(64)),
        programs=programs,
        decisions=decisions,
        conditions={"area_10000": "租赁面积不少于 10,000 平方米", "no_fiscal": "未获财政资金支持",
                    "intl_organiser": "由国际权威组织承办", "level_recognised": "具有国家、省或市级认定"},
    )


def sample_report() -> ReportData:
    """A realistic 2021 session: 3 programs, 31 applications, 7 experts, ties and decisions.

    Fictional enterprises; for tests, previews and the demo. Always the same data.
    """
    rng = random.Random(2021)
    panel = _panel(rng, 7)
    seq = iter(range(1, 1000))

    def app(pid: str, centre: float, n: int = 7, **kw) -> _App:
        return _App(f"JN2021-{pid}-{next(seq):03d}", _enterprise(rng), _credit_code(rng),
                    _project(rng), _totals(rng, panel, centre, n), None, "", **kw)

    # P01: rate of actual investment, 20 %, cap 3,000,000; 10 a year, 2 used by an earlier session
    p01: list[_App] = []
    for i, centre in enumerate((91, 89, 88, 86, 85, 84, 82, 80, 80, 79, 76, 74, 58, 70)):
        a = app("P01", centre, n=2 if i == 13 else (5 if i % 4 == 0 else 7))
        base = rng.randrange(20, 250) * 100_000
        ent = min(base * 20 // 100, 3_000_000)
        a.amount = ent
        a.amount_text = (f"实际投入 {format_yuan(base)} × 20% = {format_yuan(base * 20 // 100)}"
                         + ("，超过上限按 3,000,000" if ent < base * 20 // 100 else "，未超上限 3,000,000"))
        p01.append(a)
    # a tie on the quota line (ranks 8 and 9: same panel totals) and one just below it
    p01[8].totals = list(p01[7].totals)
    p01[7].totals = list(p01[5].totals)
    p01[10].duplicate = True
    p01[10].enterprise_name = p01[2].enterprise_name
    p01[10].credit_code = p01[2].credit_code
    prog1 = _walk("P01", "企业内网改造标杆项目", p01, 10, 2, None, None, 0)

    # P04: by level, 2 provincial + 2 municipal a year
    p04: list[_App] = []
    caps = {"provincial": 1_000_000, "municipal": 500_000}
    for i, (centre, level) in enumerate(((88, "provincial"), (86, "municipal"), (85, "provincial"),
                                         (83, "provincial"), (81, "municipal"), (79, "municipal"),
                                         (77, "municipal"), (75, None))):
        a = app("P04", centre, n=6 if i % 2 else 7, level=level)
        if level is None:
            a.ineligible = "level"
        else:
            a.amount = caps[level]
            a.amount_text = f"{LEVEL_NAMES_ZH[level]}研发机构，定额上限 {format_yuan(caps[level])}"
        p04.append(a)
    prog4 = _walk("P04", "省、市级研发机构", p04, 4, 0, {"provincial": 2, "municipal": 2}, None, 0)

    # P12: a yearly pool of 20,000,000, 4,000,000 used by an earlier session
    p12: list[_App] = []
    for i, (centre, req) in enumerate(((90, 3_000_000), (88, 2_500_000), (87, 4_000_000), (85, 2_800_000),
                                       (84, 1_800_000), (83, 1_900_000), (81, 1_200_000), (79, 600_000),
                                       (72, 900_000))):
        a = app("P12", centre, n=5 if i % 3 == 0 else 7)
        a.amount = req
        a.amount_text = f"申请金额 {format_yuan(req)}（资金池项目，按申请金额）"
        p12.append(a)
    decided = _BASE_TIME + dt.timedelta(hours=7, minutes=15)
    p12[5].chair = ("exclude", "现场核查发现申报材料与实际建设内容不符")
    p12[8].chair = ("award", "该项目为全市唯一整县推进试点，经评审组讨论一致同意支持")
    prog12 = _walk("P12", "“企业上云”专项引导资金", p12, None, 0, None, 20_000_000, 4_000_000)

    decisions = [
        Decision(p12[5].application_id, "P12", "exclude", p12[5].chair[1], decided),
        Decision(p12[8].application_id, "P12", "award", p12[8].chair[1], decided + dt.timedelta(minutes=6)),
    ]
    return _report("2021年度济南市工业互联网专项资金第二批评审会", [prog1, prog4, prog12], panel, decisions, rng)


def synthetic_report(entries: int = 20_000, programs: int = 15, experts: int = 40,
                     seed: int = 1) -> ReportData:
    """A large made-up session (benchmarks: a provincial call), ``entries`` spread over ``programs``."""
    rng = random.Random(seed)
    panel = _panel(rng, experts)
    progs = []
    per, extra = divmod(entries, programs)
    n_app = 0
    for k in range(programs):
        pid, name, quota, lq, pool = PROGRAMS_JINAN[k % len(PROGRAMS_JINAN)]
        if k >= len(PROGRAMS_JINAN):
            pid = f"P{k + 1:02d}"
        size = per + (1 if k < extra else 0)
        quota = None if quota is None else max(quota, size // 3)
        lq = None if lq is None else {lv: max(q, size // 8) for lv, q in lq.items()}
        pool = None if pool is None else max(pool, size * 400_000)
        apps = []
        for _ in range(size):
            n_app += 1
            n = rng.choice((3, 5, 5, 6, 7)) if rng.random() > 0.03 else 2
            a = _App(f"APP-{n_app:06d}", _enterprise(rng), _credit_code(rng), _project(rng),
                     _totals(rng, panel, rng.gauss(75, 10), n), None, "")
            base = rng.randrange(5, 300) * 100_000
            a.amount = min(base * 3 // 10, 1_000_000)
            a.amount_text = f"实际投入 {format_yuan(base)} × 30% = {format_yuan(base * 3 // 10)}，上限 1,000,000"
            if lq:
                a.level = rng.choice(tuple(lq))
            a.duplicate = rng.random() < 0.01
            apps.append(a)
        progs.append(_walk(pid, name, apps, quota, 0, lq, pool, 0))
    return _report(f"合成基准会话（{entries} 项申报）", progs, panel, [], rng)
