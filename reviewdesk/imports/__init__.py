"""Imports of applications, experts, conflicts, scores and prior awards (CONTRACT.md, RULES.md §9).

Every import is all-or-nothing: the whole file is read and checked first, every problem is
collected (row, column, value, what is wrong), and only a file without problems is written, in
one :meth:`Session.change` with its audit entry.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from ..errors import InputError, Problem, problems_error
from ..fields import APPLICATION_FIELDS, project_key
from ..i18n import msg
from ..session import Session, sha256_file
from .table import (
    CellError,
    Table,
    cell_text,
    is_blank,
    parse_bool,
    parse_credit_code,
    parse_decimal,
    parse_int,
    parse_level,
    parse_money,
    read_table,
)

__all__ = ["ImportResult", "import_applications", "import_experts", "import_conflicts", "import_scores",
           "import_prior_awards", "IMPORTERS", "validate_score"]


@dataclass
class ImportResult:
    kind: str
    file: str
    rows: int
    added: int = 0
    replaced: int = 0

    def summary(self) -> str:
        return str(msg("{f}: {n} row(s) imported", "{f}：已导入 {n} 行", f=self.file, n=self.rows))


class _Rows:
    """Collects problems while reading a table's rows."""

    def __init__(self, table: Table):
        self.table = table
        self.problems: list[Problem] = []
        self.index = {f: c.index for f, c in table.columns.items()}

    def bad(self, row: int, field: str | None, value: object, message: object) -> None:
        col = None
        if field is not None:
            c = self.table.columns.get(field)
            col = c.header if c else field
        self.problems.append(Problem(message, file=self.table.file, row=row, column=col,
                                     value=None if value is None else cell_text(value)))

    def get(self, row_no: int, row: list, field: str, parser: Callable | None = None, required: bool = False):
        col = self.index.get(field)
        v = row[col] if col is not None and col < len(row) else None
        if parser is None and type(v) is str and v.isascii():
            # The common case (ids and codes from a CSV), read without the general conversions.
            v = v.strip()
            if v:
                return v
            if required:
                self.bad(row_no, field, None, msg("required value is empty", "必填项为空"))
                return _MISSING
            return None
        if is_blank(v):
            if required:
                self.bad(row_no, field, None, msg("required value is empty", "必填项为空"))
                return _MISSING
            return None
        if parser is None:
            return cell_text(v)
        try:
            return parser(v)
        except CellError as e:
            self.bad(row_no, field, v, e.message)
            return _MISSING


_MISSING = object()


def _check(rows: _Rows) -> None:
    if rows.problems:
        raise problems_error(rows.problems)


def _program_lookup(session: Session) -> dict[str, str]:
    out: dict[str, str] = {}
    for p in session.policy.programs:
        out[p.id.upper()] = p.id
        out[p.name] = p.id
    return out


def import_applications(session: Session, path: Path | str) -> ImportResult:
    """Add the applications in a file; refuse the whole file if any row is wrong or an id exists."""
    money = [f for f, k in APPLICATION_FIELDS.items() if k == "money"]
    required = ["application_id", "program", "enterprise_name", "credit_code", "project_name"]
    optional = [f for f in APPLICATION_FIELDS if f not in required]
    table = read_table(path, required, optional,
                       extra_aliases={"rented_area_m2": ["rented_area", "租赁面积(平方米)", "租赁面积(m2)"],
                                      "international_organiser": ["international_organizer"]},
                       money=money)
    rows = _Rows(table)
    programs = _program_lookup(session)
    existing = session.application_ids()
    seen: dict[str, int] = {}
    records = []
    for row_no, row in table.rows:
        rec: dict = {"source_row": row_no}
        ok = True
        for field, kind in APPLICATION_FIELDS.items():
            req = field in required
            col = table.columns.get(field)
            if kind == "text":
                v = rows.get(row_no, row, field, None, req)
            elif kind == "program":
                v = rows.get(row_no, row, field, None, req)
                if isinstance(v, str):
                    pid = programs.get(v.upper()) or programs.get(v)
                    if pid is None:
                        rows.bad(row_no, field, v, msg("unknown program; the policy's programs are {ids}",
                                                       "未知项目类别，本政策的类别为 {ids}",
                                                       ids=", ".join(p.id for p in session.policy.programs)))
                        v = _MISSING
                    else:
                        v = pid
            elif kind == "code":
                v = rows.get(row_no, row, field, parse_credit_code, req)
            elif kind == "level":
                v = rows.get(row_no, row, field, parse_level, req)
            elif kind == "money":
                unit = col.unit if col else None
                v = rows.get(row_no, row, field, lambda c, u=unit: parse_money(c, u), req)
            elif kind == "number":
                v = rows.get(row_no, row, field, _parse_area, req)
                if isinstance(v, Decimal):
                    v = str(v)
            elif kind == "bool":
                v = rows.get(row_no, row, field, parse_bool, req)
                if isinstance(v, bool):
                    v = int(v)
            else:  # pragma: no cover - every kind is handled above
                raise AssertionError(kind)
            if v is _MISSING:
                ok = False
                v = None
            rec[field] = v
        aid = rec.get("application_id")
        if aid:
            if aid in seen:
                rows.bad(row_no, "application_id", aid, msg("duplicate application id (also on row {r})",
                                                            "申报编号重复（与第 {r} 行相同）", r=seen[aid]))
                ok = False
            elif aid in existing:
                rows.bad(row_no, "application_id", aid,
                         msg("application id already in the session; an application is never changed after "
                             "experts may have seen it", "申报编号已存在于会话中；专家可能已看过的申报不能修改"))
                ok = False
            else:
                seen[aid] = row_no
        if ok:
            rec["project_key"] = project_key(rec["credit_code"], rec["project_name"])
            records.append(rec)
    if not table.rows:
        rows.bad(table.header_row, None, None, msg("the file has no data rows", "文件中没有数据行"))
    _check(rows)
    digest = sha256_file(Path(path))
    with session.change("import.applications", {"file": Path(path).name, "sha256": digest,
                                                 "rows": len(records)}):
        session.db["applications"].insert_all(records, batch_size=2000)
    return ImportResult("applications", Path(path).name, len(records), added=len(records))


def _parse_area(v) -> Decimal:
    d = parse_decimal(v)
    if d < 0:
        raise CellError(msg("must not be negative", "不能为负数"))
    return d.normalize() if d == d.to_integral_value() else d


def import_experts(session: Session, path: Path | str) -> ImportResult:
    """Add experts to the roster, or update the name and organisation of ones already there."""
    table = read_table(path, ["expert_id", "name"], ["organization"],
                       extra_aliases={"organization": ["organisation", "工作单位"], "name": ["专家姓名"]})
    rows = _Rows(table)
    seen: dict[str, int] = {}
    records = []
    for row_no, row in table.rows:
        eid = rows.get(row_no, row, "expert_id", None, True)
        name = rows.get(row_no, row, "name", None, True)
        org = rows.get(row_no, row, "organization")
        if isinstance(eid, str):
            if eid in seen:
                rows.bad(row_no, "expert_id", eid, msg("duplicate expert id (also on row {r})",
                                                       "专家编号重复（与第 {r} 行相同）", r=seen[eid]))
                continue
            seen[eid] = row_no
        if isinstance(eid, str) and isinstance(name, str):
            records.append({"expert_id": eid, "name": name, "organization": org})
    if not table.rows:
        rows.bad(table.header_row, None, None, msg("the file has no data rows", "文件中没有数据行"))
    _check(rows)
    existing = session.expert_ids()
    with session.change("import.experts", {"file": Path(path).name, "sha256": sha256_file(Path(path)),
                                            "rows": len(records)}):
        for r in records:
            if r["expert_id"] in existing:
                session.conn.execute("UPDATE experts SET name = ?, organization = ? WHERE expert_id = ?",
                                     (r["name"], r["organization"], r["expert_id"]))
            else:
                session.db["experts"].insert(r)
    added = sum(1 for r in records if r["expert_id"] not in existing)
    return ImportResult("experts", Path(path).name, len(records), added=added, replaced=len(records) - added)


def import_conflicts(session: Session, path: Path | str) -> ImportResult:
    """Declared conflicts of interest (回避): an expert never reviews that enterprise's applications."""
    table = read_table(path, ["expert_id", "credit_code"], [])
    rows = _Rows(table)
    experts = session.expert_ids()
    pairs: dict[tuple[str, str], int] = {}
    for row_no, row in table.rows:
        eid = rows.get(row_no, row, "expert_id", None, True)
        code = rows.get(row_no, row, "credit_code", parse_credit_code, True)
        if isinstance(eid, str) and eid not in experts:
            rows.bad(row_no, "expert_id", eid, msg("unknown expert; import the roster first",
                                                   "未知专家，请先导入专家名单"))
            continue
        if isinstance(eid, str) and isinstance(code, str):
            pairs.setdefault((eid, code), row_no)
    if not table.rows:
        rows.bad(table.header_row, None, None, msg("the file has no data rows", "文件中没有数据行"))
    _check(rows)
    with session.change("import.conflicts", {"file": Path(path).name, "sha256": sha256_file(Path(path)),
                                              "rows": len(pairs)}):
        before = session.count("conflicts")
        session.conn.executemany("INSERT OR IGNORE INTO conflicts (expert_id, credit_code) VALUES (?, ?)",
                                 list(pairs))
        added = session.count("conflicts") - before
    return ImportResult("conflicts", Path(path).name, len(pairs), added=added)


def validate_score(value, max_points: int) -> int:
    """A score's ``points2`` (twice the score) if it is a 0.5 step within ``0..max_points``."""
    d = parse_decimal(value)
    if d < 0 or d > max_points:
        raise CellError(msg("score outside 0–{m}", "得分超出 0–{m} 范围", m=max_points))
    twice = d * 2
    if twice != twice.to_integral_value():
        raise CellError(msg("scores go in steps of 0.5", "得分须为 0.5 的整数倍"))
    return int(twice)


def import_scores(session: Session, path: Path | str) -> ImportResult:
    """Scores entered by a clerk from paper sheets; a score that exists is replaced."""
    table = read_table(path, ["expert_id", "application_id", "criterion", "score"], ["comment"],
                       extra_aliases={"criterion": ["criterion_id", "评分项编号"], "comment": ["评语", "备注"]})
    rows = _Rows(table)
    policy = session.policy
    crit_max = {p.id: {c.id: c.max_points for c in p.criteria} for p in policy.programs}
    crit_names = {p.id: {c.name: c.id for c in p.criteria} for p in policy.programs}
    apps = {r[0]: (r[1], r[2]) for r in session.conn.execute(
        "SELECT application_id, program, credit_code FROM applications")}
    experts = session.expert_ids()
    conflicts = set(session.conn.execute("SELECT expert_id, credit_code FROM conflicts").fetchall())
    seen: dict[tuple[str, str, str], int] = {}  # score -> its index in records
    records: list[tuple] = []
    bad = rows.bad
    own = session.meta.get("expert_id") if session.kind == "work" else None
    score_col = rows.index["score"]
    parsed: dict[tuple[object, int], int | CellError] = {}  # the same few scores recur on every sheet
    for row_no, row in table.rows:
        eid = rows.get(row_no, row, "expert_id", None, True)
        aid = rows.get(row_no, row, "application_id", None, True)
        crit = rows.get(row_no, row, "criterion", None, True)
        raw = row[score_col] if score_col < len(row) else None
        comment = rows.get(row_no, row, "comment")
        if is_blank(raw):
            bad(row_no, "score", None, msg("required value is empty", "必填项为空"))
        ok = not is_blank(raw) and all(isinstance(x, str) for x in (eid, aid, crit))
        if isinstance(eid, str) and eid not in experts:
            bad(row_no, "expert_id", eid, msg("unknown expert", "未知专家"))
            ok = False
        elif own is not None and isinstance(eid, str) and eid != own:
            bad(row_no, "expert_id", eid, msg("this work copy belongs to expert {o}; it takes no scores for "
                                              "anyone else", "此工作副本属于专家 {o}，不接受其他专家的评分", o=own))
            ok = False
        app = apps.get(aid) if isinstance(aid, str) else None
        if isinstance(aid, str) and app is None:
            bad(row_no, "application_id", aid, msg("unknown application", "未知申报"))
            ok = False
        if app is not None and isinstance(crit, str):
            program, code = app
            maxes = crit_max.get(program, {})
            if crit not in maxes:
                crit = crit_names.get(program, {}).get(crit, crit)
            if crit not in maxes:
                bad(row_no, "criterion", crit, msg("unknown criterion for program {p}; its criteria are {c}",
                                                   "类别 {p} 没有此评分项；其评分项为 {c}", p=program,
                                                   c=", ".join(maxes)))
                ok = False
            else:
                if not is_blank(raw):
                    key = (raw, maxes[crit])
                    got = parsed.get(key)
                    if got is None:
                        try:
                            got = validate_score(raw, maxes[crit])
                        except CellError as e:
                            got = e
                        if type(raw) is str:
                            parsed[key] = got
                    if isinstance(got, CellError):
                        bad(row_no, "score", raw, got.message)
                        ok = False
                    else:
                        points2 = got
                if isinstance(eid, str) and (eid, code) in conflicts:
                    bad(row_no, "expert_id", eid, msg(
                        "this expert declared a conflict of interest with the enterprise ({c}) and cannot "
                        "score its applications", "该专家已申明与该企业（{c}）回避，不能为其申报评分", c=code))
                    ok = False
        if ok:
            # A score given twice: the later row replaces the earlier, as a later import would.
            key = (aid, eid, crit)
            if key in seen:
                records[seen[key]] = (aid, eid, crit, points2, comment)
                continue
            seen[key] = len(records)
            records.append((aid, eid, crit, points2, comment))
    if not table.rows:
        bad(table.header_row, None, None, msg("the file has no data rows", "文件中没有数据行"))
    _check(rows)
    with session.change("import.scores", {"file": Path(path).name, "sha256": sha256_file(Path(path)),
                                           "rows": len(records)}) as detail:
        before = session.count("scores")
        with session.bulk_scores({(r[0], r[1]) for r in records}):
            session.conn.executemany(
                "INSERT INTO scores (application_id, expert_id, criterion, points2, comment) VALUES (?,?,?,?,?) "
                "ON CONFLICT (application_id, expert_id, criterion) DO UPDATE SET points2 = excluded.points2, "
                "comment = excluded.comment", records)
        added = session.count("scores") - before
        detail["added"] = added
    return ImportResult("scores", Path(path).name, len(records), added=added, replaced=len(records) - added)


def import_prior_awards(session: Session, path: Path | str) -> ImportResult:
    """Awards of earlier sessions and years (annual quotas, pools and no double funding)."""
    table = read_table(path, ["credit_code", "project_name", "program", "year", "amount"], ["level"],
                       money=["amount"])
    rows = _Rows(table)
    programs = _program_lookup(session)
    records = []
    for row_no, row in table.rows:
        code = rows.get(row_no, row, "credit_code", parse_credit_code, True)
        name = rows.get(row_no, row, "project_name", None, True)
        prog = rows.get(row_no, row, "program", None, True)
        year = rows.get(row_no, row, "year", parse_int, True)
        unit = table.columns["amount"].unit
        amount = rows.get(row_no, row, "amount", lambda c, u=unit: parse_money(c, u), True)
        level = rows.get(row_no, row, "level", parse_level)
        if isinstance(year, int) and not (1900 <= year <= 2200):
            rows.bad(row_no, "year", year, msg("not a plausible year", "年度不合理"))
            continue
        if isinstance(prog, str):
            prog = programs.get(prog.upper()) or programs.get(prog) or prog
        vals = (code, name, prog, year, amount, level)
        if any(v is _MISSING for v in vals):
            continue
        records.append({"credit_code": code, "project_name": name, "project_key": project_key(code, name),
                        "program": prog, "year": year, "amount": amount, "level": level})
    if not table.rows:
        rows.bad(table.header_row, None, None, msg("the file has no data rows", "文件中没有数据行"))
    _check(rows)
    with session.change("import.prior_awards", {"file": Path(path).name, "sha256": sha256_file(Path(path)),
                                                 "rows": len(records)}):
        session.db["prior_awards"].insert_all(records)
    return ImportResult("prior-awards", Path(path).name, len(records), added=len(records))


IMPORTERS: dict[str, Callable[[Session, Path | str], ImportResult]] = {
    "applications": import_applications,
    "experts": import_experts,
    "conflicts": import_conflicts,
    "scores": import_scores,
    "prior-awards": import_prior_awards,
}


def refuse(message_en: str, message_zh: str) -> InputError:
    return InputError(msg(message_en, message_zh))
