"""The demo session: what a newcomer first sees.

Deterministic (a fixed seed) and realistic: all 15 programs of the Jinan catalog, about 150
applications from fictional Jinan enterprises with valid credit codes, 9 experts, declared
conflicts, prior awards, and scores with real spread — clear winners, a close race at a quota
line, experts who disagree, an exact tie, the same project in two programs, and a budget pool
that runs out. Built through the same imports a bureau uses, so every row is audited.
"""

from __future__ import annotations

import csv
import random
import tempfile
from decimal import Decimal
from pathlib import Path

from .imports import import_applications, import_conflicts, import_experts, import_prior_awards, import_scores
from .policy import Program, find_catalog
from .session import Session, move_into_place

DEMO_POLICY = "jinan-iiot-2020-2022"
DEMO_YEAR = 2021
DEMO_NAME = "2021年度济南市工业互联网奖补项目专家评审（演示）"
SEED = 20210915

# How many applications each program gets (150 in all) and which expert panel scores it.
PLAN = {"P01": 14, "P02": 4, "P03": 3, "P04": 7, "P05": 12, "P06": 22, "P07": 22, "P08": 3, "P09": 12,
        "P10": 11, "P11": 11, "P12": 14, "P13": 7, "P14": 3, "P15": 5}

EXPERTS = [
    ("E01", "王建国", "山东大学控制科学与工程学院"),
    ("E02", "李晓梅", "齐鲁工业大学（山东省科学院）"),
    ("E03", "张伟", "山东省工业互联网产业联盟"),
    ("E04", "刘洋", "济南大学信息科学与工程学院"),
    ("E05", "陈静", "山东省标准化研究院"),
    ("E06", "杨帆", "国网山东省电力公司信息通信公司"),
    ("E07", "赵志强", "山东财经大学会计学院"),
    ("E08", "孙丽华", "中国信息通信研究院山东分院"),
    ("E09", "周明", "浪潮工业互联网研究院（退休）"),
]
# Harsh and lenient experts: a few points below or above the panel on every total.
BIAS = {"E01": 0, "E02": 2, "E03": -1, "E04": 1, "E05": -3, "E06": 3, "E07": -5, "E08": 0, "E09": 4}

_PREFIX = ["济南", "山东", "济南高新区", "齐鲁", "泉城"]
_WORD = ["鲁信", "华腾", "泉海", "明湖", "舜耕", "历城", "章丘", "黄河", "千佛山", "趵突", "长清", "汇智", "数联",
         "云帆", "恒达", "智造", "天衢", "玉符", "鹊华", "锦屏", "百脉", "龙山", "华山", "卧虎", "柳埠", "东岳", "鲁能",
         "中孚", "正泰", "瑞丰", "金鼎", "鸿图", "新元", "博远", "凯隆", "星辰", "海岱", "蓝翔", "泰和", "德润"]
_KIND = ["智能装备", "工业软件", "信息技术", "精密机械", "新材料", "数控科技", "电气", "网络科技", "自动化", "云计算"]
_PROJECT = {
    "P01": ["厂区工业以太网改造", "工业PON全光网络改造", "5G+TSN车间网络改造", "IPv6内网升级", "工业无线网络覆盖"],
    "P02": ["工业互联网测试验证平台", "工业协议一致性测试床", "边缘计算测试环境"],
    "P03": ["工业智能顶尖团队引进", "工业软件首席科学家团队"],
    "P04": ["工业互联网工程技术研究中心", "智能制造企业技术中心", "工业大数据重点实验室"],
    "P05": ["设备健康管理工业APP", "能耗优化工业APP", "质量追溯工业APP", "排产优化工业APP"],
    "P06": ["工业互联网应用示范企业创建"],
    "P07": ["设备联网与数据采集平台", "基于标识解析的供应链协同", "数字孪生产线", "远程运维服务平台"],
    "P08": ["工业互联网产业示范基地"],
    "P09": ["工业互联网应用成熟度测评"],
    "P10": ["5G+工业互联网融合应用", "人工智能质检系统", "区块链供应链金融平台"],
    "P11": ["装备制造行业工业互联网平台", "化工园区安全生产监测平台", "纺织行业协同制造平台"],
    "P12": ["企业核心业务上云", "研发设计系统上云", "生产管理系统上云"],
    "P13": ["中国（济南）国际工业互联网博览会", "国际智能制造装备展", "工业软件国际峰会暨展览"],
    "P14": ["工业互联网体验中心"],
    "P15": ["工业互联网公共服务平台", "工业设计公共服务平台", "检验检测公共服务平台"],
}
_ALNUM = "0123456789ABCDEFGHJKLMNPQRTUWXY"


def default_demo_path() -> Path:
    from platformdirs import user_cache_dir

    folder = Path(user_cache_dir("ReviewDesk", "ReviewDesk"))
    folder.mkdir(parents=True, exist_ok=True)
    return folder / "demo.rdesk"


def _credit_code(rng: random.Random) -> str:
    from stdnum.cn import uscc

    district = rng.choice(["370102", "370103", "370104", "370105", "370112", "370113", "370114", "370100"])
    base = "91" + district + "".join(rng.choice(_ALNUM) for _ in range(9))
    return base + uscc.calc_check_digit(base)


def _write(path: Path, header: list[str], rows: list[list]) -> Path:
    with path.open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(header)
        w.writerows(rows)
    return path


def _scores_for(program: Program, quality: float, expert: str, rng: random.Random, shift: float = 0.0) -> list[str]:
    """One expert's scores on each criterion, in 0.5 steps, around the application's quality."""
    level = quality + BIAS[expert] + shift + rng.gauss(0, 2.5)
    out = []
    for c in program.criteria:
        frac = max(0.0, min(1.0, (level + rng.gauss(0, 4)) / 100))
        out.append(str(Decimal(round(frac * c.max_points * 2)) / 2))
    return out


def build_demo(path: Path | str) -> Path:
    """Write the demo session to ``path`` (which must not exist) and return it."""
    path = Path(path)
    rng = random.Random(SEED)
    policy = find_catalog(DEMO_POLICY)
    enterprises = []
    used_names = set()
    while len(enterprises) < 95:
        name = f"{rng.choice(_PREFIX)}{rng.choice(_WORD)}{rng.choice(_KIND)}有限公司"
        if name in used_names:
            continue
        used_names.add(name)
        enterprises.append((name, _credit_code(rng)))

    apps: list[list] = []
    quality: dict[str, float] = {}
    n = 0
    for program in policy.programs:
        count = PLAN.get(program.id, 0)
        # Distinct enterprises within a program: the only double application is the one staged below.
        picks = rng.sample(range(len(enterprises)), count)
        for k in range(count):
            n += 1
            aid = f"A-{n:04d}"
            ent_name, code = enterprises[picks[k]]
            project = rng.choice(_PROJECT.get(program.id, ["工业互联网项目"])) + ("" if k % 3 else "（二期）")
            level = ""
            actual = construction = sales = area = requested = ""
            fiscal = intl = own_ip = ""
            kind = program.funding.kind
            if program.id in ("P04",):
                level = rng.choice(["省级", "市级", "市级", "省级", "国家级" if k == 6 else "省级"])
            if program.id in ("P14", "P15"):
                level = ["国家级", "省级", "市级", "省级", "省级"][k % 5]
            if kind in ("rate_of_base", "by_level") and program.funding.base == "actual_investment":
                actual = str(rng.choice([180, 260, 340, 420, 560, 750, 980, 1250, 1600, 2400])
                             * 10000 + rng.randrange(0, 10000) * 10)
            if program.id == "P02":
                construction = str(rng.randrange(150, 700) * 10000)
            if program.id == "P05":
                sales = str(rng.randrange(80, 600) * 10000)
                own_ip = "是" if k != 4 else "否"
            if program.id == "P12":
                # The pool runs out after a few awards; the small last request still fits (RULES.md §7.3).
                requested = str(rng.choice([120, 150, 180, 200, 240, 260, 300]) * 10000 if k != count - 1
                                else 500000)
            if program.id == "P03":
                requested = str(rng.choice([1500, 3000, 5000]) * 10000)
            if program.id == "P13":
                area = str([12500, 26800, 8600, 41000, 55000, 18000, 23000][k % 7])
                fiscal = "否" if k != 5 else "是"
                intl = "是"
            if program.id in ("P07", "P10") and k % 5 == 1 and program.id == "P07":
                requested = str(rng.randrange(20, 60) * 10000)
            q = rng.uniform(58, 92)
            if k == 0:
                q = 93.0  # a clear winner in every program
            quality[aid] = q
            apps.append([aid, program.id, ent_name, code, project, level, actual, construction, sales, area,
                         requested, fiscal, intl, own_ip])

    by_program: dict[str, list[list]] = {}
    for row in apps:
        by_program.setdefault(row[1], []).append(row)

    # The same project of the same enterprise applies to P07 and P10: only one may be funded.
    p07, p10 = by_program["P07"][2], by_program["P10"][1]
    p10[2], p10[3], p10[4] = p07[2], p07[3], p07[4]
    quality[p07[0]], quality[p10[0]] = 90.0, 91.0
    # A close race at P01's quota line (10 awards): ranks 10, 11 and 12 within half a point.
    for i, row in enumerate(by_program["P01"][1:]):
        quality[row[0]] = 88.0 - i * 1.6
    for row, q in zip(by_program["P01"][9:12], (73.4, 73.2, 73.0), strict=False):
        quality[row[0]] = q
    # P12's pool (20,000,000 a year) runs out: fourteen requests of 1.2–3 M.
    for row in by_program["P12"]:
        quality[row[0]] = max(quality[row[0]], 66.0)

    experts = [e[0] for e in EXPERTS]
    # Conflicts: three experts declare an interest in one enterprise each.
    conflicts = [("E03", by_program["P01"][0][3]), ("E06", by_program["P07"][0][3]),
                 ("E08", by_program["P12"][2][3])]
    conflicted = set(conflicts)

    score_rows: list[list] = []
    tie_pair = (by_program["P06"][3][0], by_program["P06"][4][0])
    quality[tie_pair[0]] = quality[tie_pair[1]] = 78.0  # an exact tie, well above the pass score
    disagree = {by_program["P07"][5][0]: ("E05", -28.0), by_program["P10"][3][0]: ("E09", 25.0),
                by_program["P01"][4][0]: ("E07", -22.0)}
    few_reviews = by_program["P09"][7][0]
    for p_index, program in enumerate(policy.programs):
        rows = by_program.get(program.id, [])
        panel_size = 7 if program.id in ("P01", "P07", "P12") else 5
        start = (p_index * 2) % len(experts)
        panel = [experts[(start + i) % len(experts)] for i in range(len(experts))]
        for row in rows:
            aid, code = row[0], row[3]
            chosen = [e for e in panel if (e, code) not in conflicted][:panel_size]
            if aid == few_reviews:
                chosen = chosen[:2]  # two reviews only: excluded for insufficient reviews
            for e in chosen:
                shift = 0.0
                if aid in disagree and disagree[aid][0] == e:
                    shift = disagree[aid][1]
                sub = random.Random(f"{SEED}-{aid}-{e}")
                if aid == tie_pair[1]:
                    sub = random.Random(f"{SEED}-{tie_pair[0]}-{e}")
                    q = quality[tie_pair[0]]
                else:
                    q = quality[aid]
                for c, s in zip(program.criteria, _scores_for(program, q, e, sub, shift), strict=True):
                    score_rows.append([e, aid, c.id, s, ""])
    # Comments where experts justify extreme totals (common practice).
    for r in score_rows:
        if r[1] in disagree and disagree[r[1]][0] == r[0] and r[2] == policy.program(
                next(a[1] for a in apps if a[0] == r[1])).criteria[0].id:
            r[4] = "该项目实施效果与申报材料描述差距较大，佐证材料不足。" if disagree[r[1]][1] < 0 else \
                "项目技术路线先进，示范带动作用突出。"

    # An incomplete review: an expert who left one criterion blank (does not count).
    incomplete = by_program["P09"][7]
    prog9 = policy.program("P09")
    other = next(e for e in experts if not any(r[0] == e and r[1] == incomplete[0] for r in score_rows))
    for c in prog9.criteria[:-1]:
        score_rows.append([other, incomplete[0], c.id, str(Decimal(c.max_points) * Decimal("0.7")
                                                          // Decimal("0.5") * Decimal("0.5")), ""])

    prior = [
        # Earlier this year, P08 already funded one base: one place of its two is used.
        [by_program["P08"][2][3], "智慧园区产业示范基地（一期）", "P08", DEMO_YEAR, "3000000", ""],
        # P12's pool already paid 14.6 M this year.
        [enterprises[90][1], "企业研发系统上云", "P12", DEMO_YEAR, "8600000", ""],
        [enterprises[91][1], "企业生产系统上云", "P12", DEMO_YEAR, "6000000", ""],
        # A project funded under the earlier policy: never funded twice.
        [by_program["P11"][1][3], by_program["P11"][1][4], "济政发〔2019〕1号-智能制造", 2019, "800000", ""],
        # A provincial platform of last year (does not touch this year's quota).
        [enterprises[92][1], "检验检测公共服务平台", "P15", 2020, "1200000", "省级"],
    ]

    with tempfile.TemporaryDirectory() as tmp:
        t = Path(tmp)
        header = ["申报编号", "项目类别", "企业名称", "统一社会信用代码", "项目名称", "级别", "实际投入(元)",
                  "建设总投入(元)", "一年内销售合同到账额(元)", "租赁面积", "申请金额(元)", "财政支持",
                  "国际权威组织承办", "自主知识产权"]
        session = Session.create(path, policy, DEMO_YEAR, DEMO_NAME)
        try:
            import_applications(session, _write(t / "applications.csv", header, apps))
            import_experts(session, _write(t / "experts.csv", ["专家编号", "姓名", "单位"],
                                           [list(e) for e in EXPERTS]))
            import_conflicts(session, _write(t / "conflicts.csv", ["专家编号", "统一社会信用代码"],
                                             [list(c) for c in conflicts]))
            import_prior_awards(session, _write(t / "prior_awards.csv",
                                                ["统一社会信用代码", "项目名称", "项目类别", "年度", "金额", "级别"],
                                                prior))
            import_scores(session, _write(t / "scores.csv", ["专家编号", "申报编号", "评分项", "得分", "意见"],
                                          score_rows))
            # Every application's form (申报书), so the reading pane has something to show.
            from .demo_documents import write_demo_documents
            from .documents import import_documents

            import_documents(session, write_demo_documents(session, t / "documents"))
        finally:
            session.close()
    return path


def build_demo_work(path: Path | str, expert_id: str = "E01", *, scored: int = 6) -> Path:
    """A demo *work copy* for expert ``expert_id``: what an expert sees after unpacking a pack.

    Made without signatures (the demo has no keys): the demo session with everyone's scores and
    the chair's data removed, owned by one expert, with that expert's first ``scored`` reviews kept
    so the workstation shows work in progress.
    """
    import sqlite3

    path = Path(path)
    if path.exists():
        raise FileExistsError(path)
    with tempfile.TemporaryDirectory() as tmp:
        src = build_demo(Path(tmp) / "demo.rdesk")
        work = Path(tmp) / "work.rdesk"
        s = Session.open(src)
        out = sqlite3.connect(str(work))
        try:
            s.conn.backup(out)
        finally:
            out.close()
            s.close()
        conn = sqlite3.connect(str(work))
        try:
            keep = [r[0] for r in conn.execute(
                "SELECT DISTINCT application_id FROM scores WHERE expert_id = ? ORDER BY application_id",
                (expert_id,)).fetchall()[:scored]]
            marks = ",".join("?" * len(keep)) or "''"
            conn.execute(f"DELETE FROM scores WHERE expert_id != ? OR application_id NOT IN ({marks})",
                         [expert_id, *keep])
            for table in ("decisions", "audit", "prior_awards", "packages"):
                conn.execute(f"DELETE FROM {table}")
            conn.execute("DELETE FROM conflicts WHERE expert_id != ?", (expert_id,))
            conn.executemany("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)",
                             [("kind", "work"), ("expert_id", expert_id), ("export_sequence", "0"),
                              ("demo", "1")])
            conn.commit()
        finally:
            conn.close()
        s = Session.open(work)
        try:
            with s.change("work.demo", {"expert_id": expert_id}, actor=expert_id):
                pass
            s.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        finally:
            s.close()
        move_into_place(work, path)
    return path
