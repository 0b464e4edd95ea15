"""Policy catalogs: programs, quotas, funding rules, eligibility and rubrics, as data.

A catalog is a TOML file in ``resources/policies/`` (format documented in
``docs/catalog-format.md``). :func:`load_catalog` reads and validates one; every mistake is
reported with the key that holds it (``programs[3].criteria[1].max_points: …``). A session keeps
its own copy of the catalog as canonical JSON (:meth:`Policy.to_json`), so a later edit of the
file never changes an old session's result.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import tomllib
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from .errors import CatalogError, Problem
from .fields import APPLICATION_FIELDS, LEVELS, NUMERIC_KINDS
from .i18n import msg
from .resources import resource

FUNDING_KINDS = ("rate_of_base", "by_level", "fixed_cap", "bands", "pool")
ELIGIBILITY_OPS = (">=", "<=", "==", "in", "is_true", "is_false", "present")
MONEY_BASES = tuple(f for f, k in APPLICATION_FIELDS.items() if k == "money")


@dataclass(frozen=True)
class Criterion:
    id: str
    name: str
    max_points: int
    guidance: str
    name_en: str = ""


@dataclass(frozen=True)
class Condition:
    id: str
    field: str
    op: str
    value: Any = None
    description: str = ""


@dataclass(frozen=True)
class Band:
    min: Decimal
    max: Decimal | None
    amount: int


@dataclass(frozen=True)
class LevelRule:
    cap: int | None
    rate: Decimal | None = None


@dataclass(frozen=True)
class Funding:
    kind: str
    rate: Decimal | None = None
    base: str | None = None
    cap: int | None = None
    levels: dict[str, LevelRule] = field(default_factory=dict)
    field: str | None = None
    bands: tuple[Band, ...] = ()

    def needed_fields(self) -> list[str]:
        """Fields the rule reads, in the order they are checked."""
        if self.kind == "rate_of_base":
            return [self.base] if self.base else []
        if self.kind == "by_level":
            return ["level"] + ([self.base] if self.base else [])
        if self.kind == "bands":
            return [self.field] if self.field else []
        if self.kind == "pool":
            return ["requested_amount"]
        return []

    def to_json(self) -> dict[str, Any]:
        if self.kind == "rate_of_base":
            return {"kind": self.kind, "rate": str(self.rate), "base": self.base, "cap": self.cap}
        if self.kind == "by_level":
            levels: dict[str, Any] = {}
            for lv, rule in self.levels.items():
                d: dict[str, Any] = {}
                if rule.rate is not None:
                    d["rate"] = str(rule.rate)
                d["cap"] = rule.cap
                levels[lv] = d
            out: dict[str, Any] = {"kind": self.kind, "levels": levels}
            if self.base:
                out["base"] = self.base
            return out
        if self.kind == "fixed_cap":
            return {"kind": self.kind, "cap": self.cap}
        if self.kind == "bands":
            bands = []
            for b in self.bands:
                d = {"min": _num_json(b.min)}
                if b.max is not None:
                    d["max"] = _num_json(b.max)
                d["amount"] = b.amount
                bands.append(d)
            return {"kind": self.kind, "field": self.field, "bands": bands}
        return {"kind": "pool"}


@dataclass(frozen=True)
class Program:
    id: str
    name: str
    name_en: str
    quota: int | None
    level_quotas: dict[str, int] | None
    budget_pool: int | None
    funding: Funding
    eligibility: tuple[Condition, ...]
    pass_score: Decimal
    min_reviews: int
    trim_from: int
    criteria: tuple[Criterion, ...]
    tie_break: tuple[str, ...]
    comment_below: Decimal | None = None
    comment_from: Decimal | None = None
    action: str = ""
    description: str = ""

    @property
    def criterion_ids(self) -> tuple[str, ...]:
        return tuple(c.id for c in self.criteria)

    def criterion(self, cid: str) -> Criterion | None:
        for c in self.criteria:
            if c.id == cid:
                return c
        return None

    def to_json(self) -> dict[str, Any]:
        d: dict[str, Any] = {
            "id": self.id,
            "name": self.name,
            "name_en": self.name_en,
            "quota": self.quota,
            "level_quotas": dict(self.level_quotas) if self.level_quotas else None,
            "budget_pool": self.budget_pool,
            "funding": self.funding.to_json(),
            "eligibility": [_cond_json(c) for c in self.eligibility],
            "pass_score": str(self.pass_score),
            "min_reviews": self.min_reviews,
            "trim_from": self.trim_from,
            "criteria": [
                {"id": c.id, "name": c.name, "name_en": c.name_en, "max_points": c.max_points,
                 "guidance": c.guidance}
                for c in self.criteria
            ],
            "tie_break": list(self.tie_break),
            "comment_below": None if self.comment_below is None else str(self.comment_below),
            "comment_from": None if self.comment_from is None else str(self.comment_from),
        }
        if self.action:
            d["action"] = self.action
        if self.description:
            d["description"] = self.description
        return d


@dataclass(frozen=True)
class Policy:
    id: str
    name: str
    name_en: str
    valid_from: dt.date
    valid_to: dt.date
    programs: tuple[Program, ...]
    notes: str = ""
    source: str = ""

    @property
    def period(self) -> str:
        return f"{self.valid_from.isoformat()}..{self.valid_to.isoformat()}"

    def years(self) -> range:
        return range(self.valid_from.year, self.valid_to.year + 1)

    def program(self, pid: str) -> Program | None:
        return self._index().get(pid)

    def _index(self) -> dict[str, Program]:
        idx = self.__dict__.get("_idx")
        if idx is None:
            idx = {p.id: p for p in self.programs}
            object.__setattr__(self, "_idx", idx)
        return idx

    def to_json(self) -> dict[str, Any]:
        d: dict[str, Any] = {
            "id": self.id,
            "name": self.name,
            "name_en": self.name_en,
            "valid_from": self.valid_from.isoformat(),
            "valid_to": self.valid_to.isoformat(),
            "programs": [p.to_json() for p in self.programs],
        }
        if self.notes:
            d["notes"] = self.notes
        if self.source:
            d["source"] = self.source
        return d

    def canonical_json(self) -> str:
        return json.dumps(self.to_json(), ensure_ascii=False, sort_keys=True, separators=(",", ":"))

    def digest(self) -> str:
        return hashlib.sha256(self.canonical_json().encode("utf-8")).hexdigest()


def _num_json(v: Decimal) -> int | str:
    return int(v) if v == v.to_integral_value() else str(v)


def _cond_json(c: Condition) -> dict[str, Any]:
    d: dict[str, Any] = {"id": c.id, "field": c.field, "op": c.op}
    if c.op in (">=", "<=", "=="):
        d["value"] = _num_json(c.value) if isinstance(c.value, Decimal) else c.value
    elif c.op == "in":
        d["value"] = list(c.value)
    if c.description:
        d["description"] = c.description
    return d


# --------------------------------------------------------------------------- validation


class _Checker:
    """Collects every problem in a catalog, each named by its key."""

    def __init__(self, source: str):
        self.source = source
        self.problems: list[Problem] = []

    def bad(self, key: str, en: str, zh: str, **kw: Any) -> None:
        self.problems.append(Problem(msg(en, zh, **kw), file=self.source, column=key))

    def get(self, table: dict, key: str, path: str, kind: type | tuple, required: bool = True,
            default: Any = None) -> Any:
        if key not in table:
            if required:
                self.bad(f"{path}{key}", "missing", "缺少此项")
            return default
        value = table[key]
        if kind is int and isinstance(value, bool):
            self.bad(f"{path}{key}", "must be a whole number, not {v!r}", "应为整数，而不是 {v!r}", v=value)
            return default
        if not isinstance(value, kind):
            names = kind.__name__ if isinstance(kind, type) else "/".join(k.__name__ for k in kind)
            self.bad(f"{path}{key}", "must be {t}, not {v!r}", "类型应为 {t}，而不是 {v!r}", t=names, v=value)
            return default
        return value

    def decimal(self, table: dict, key: str, path: str, required: bool = True,
                default: Decimal | None = None) -> Decimal | None:
        if key not in table:
            if required:
                self.bad(f"{path}{key}", "missing", "缺少此项")
            return default
        value = table[key]
        if isinstance(value, bool) or not isinstance(value, (str, int, float)):
            self.bad(f"{path}{key}", "must be a number (write decimals as strings, e.g. \"0.20\")",
                     "应为数字（小数请写成字符串，如 \"0.20\"）")
            return default
        try:
            d = Decimal(str(value))
        except InvalidOperation:
            self.bad(f"{path}{key}", "not a number: {v!r}", "不是数字：{v!r}", v=value)
            return default
        if not d.is_finite():
            self.bad(f"{path}{key}", "not a finite number", "不是有限数值")
            return default
        return d

    def money(self, table: dict, key: str, path: str, required: bool = True) -> int | None:
        v = self.get(table, key, path, int, required=required)
        if v is not None and v < 0:
            self.bad(f"{path}{key}", "must not be negative", "不能为负数")
            return None
        return v


def _parse_funding(ck: _Checker, f: Any, path: str) -> Funding | None:
    if not isinstance(f, dict):
        ck.bad(path.rstrip("."), "missing or not a table", "缺少此项或不是表")
        return None
    kind = ck.get(f, "kind", path, str)
    if kind is None:
        return None
    if kind not in FUNDING_KINDS:
        ck.bad(f"{path}kind", "unknown funding kind {k!r}; one of {ks}", "未知的资助方式 {k!r}，可选：{ks}",
               k=kind, ks=", ".join(FUNDING_KINDS))
        return None
    allowed = {"rate_of_base": {"kind", "rate", "base", "cap"},
               "by_level": {"kind", "levels", "base"},
               "fixed_cap": {"kind", "cap"},
               "bands": {"kind", "field", "bands"},
               "pool": {"kind"}}[kind]
    for extra in sorted(set(f) - allowed):
        ck.bad(f"{path}{extra}", "not used by funding kind {k!r}", "资助方式 {k!r} 不使用此项", k=kind)

    def base_field(required: bool) -> str | None:
        b = ck.get(f, "base", path, str, required=required)
        if b is not None and b not in MONEY_BASES:
            ck.bad(f"{path}base", "must be a money field ({fs}), not {b!r}", "应为金额字段（{fs}），而不是 {b!r}",
                   fs=", ".join(MONEY_BASES), b=b)
            return None
        return b

    def rate(table: dict, p: str, required: bool = True) -> Decimal | None:
        r = ck.decimal(table, "rate", p, required=required)
        if r is not None and not (Decimal(0) < r <= Decimal(1)):
            ck.bad(f"{p}rate", "must be above 0 and at most 1", "应大于 0 且不超过 1")
        return r

    if kind == "rate_of_base":
        return Funding(kind, rate=rate(f, path), base=base_field(True), cap=ck.money(f, "cap", path))
    if kind == "fixed_cap":
        return Funding(kind, cap=ck.money(f, "cap", path))
    if kind == "pool":
        return Funding(kind)
    if kind == "by_level":
        levels_t = ck.get(f, "levels", path, dict)
        levels: dict[str, LevelRule] = {}
        uses_rate = False
        for lv, rule in (levels_t or {}).items():
            p = f"{path}levels.{lv}."
            if lv not in LEVELS:
                ck.bad(p.rstrip("."), "unknown level; one of {ls}", "未知级别，可选：{ls}", ls=", ".join(LEVELS))
                continue
            if not isinstance(rule, dict):
                ck.bad(p.rstrip("."), "must be a table with cap (and rate)", "应为含 cap（及 rate）的表")
                continue
            for extra in sorted(set(rule) - {"rate", "cap"}):
                ck.bad(f"{p}{extra}", "unknown key", "未知的键")
            r = rate(rule, p, required=False)
            uses_rate = uses_rate or r is not None
            levels[lv] = LevelRule(cap=ck.money(rule, "cap", p), rate=r)
        if levels_t is not None and not levels:
            ck.bad(f"{path}levels", "names no level", "未列出任何级别")
        base = base_field(uses_rate) if uses_rate or "base" in f else None
        return Funding(kind, levels=levels, base=base)
    # bands
    fld = ck.get(f, "field", path, str)
    if fld is not None and APPLICATION_FIELDS.get(fld) not in NUMERIC_KINDS:
        ck.bad(f"{path}field", "must be a numeric application field, not {v!r}", "应为数值型申报字段，而不是 {v!r}",
               v=fld)
    bands_t = ck.get(f, "bands", path, list)
    bands: list[Band] = []
    for i, b in enumerate(bands_t or []):
        p = f"{path}bands[{i}]."
        if not isinstance(b, dict):
            ck.bad(p.rstrip("."), "must be a table {min, max, amount}", "应为 {min, max, amount} 表")
            continue
        lo = ck.decimal(b, "min", p)
        hi = ck.decimal(b, "max", p, required=False)
        amount = ck.money(b, "amount", p)
        if lo is not None and hi is not None and hi <= lo:
            ck.bad(f"{p}max", "must be above min", "应大于 min")
        if lo is not None and amount is not None:
            bands.append(Band(lo, hi, amount))
    if bands_t is not None and not bands_t:
        ck.bad(f"{path}bands", "is empty", "为空")
    ordered = sorted(bands, key=lambda b: b.min)
    for a, b in zip(ordered, ordered[1:], strict=False):
        if a.max is None or a.max > b.min:
            ck.bad(f"{path}bands", "bands overlap at {m}", "分档在 {m} 处重叠", m=b.min)
    return Funding(kind, field=fld, bands=tuple(ordered))


def _parse_condition(ck: _Checker, c: Any, path: str) -> Condition | None:
    if not isinstance(c, dict):
        ck.bad(path.rstrip("."), "must be a table", "应为表")
        return None
    cid = ck.get(c, "id", path, str)
    fld = ck.get(c, "field", path, str)
    op = ck.get(c, "op", path, str)
    desc = ck.get(c, "description", path, str, required=False, default="")
    for extra in sorted(set(c) - {"id", "field", "op", "value", "description"}):
        ck.bad(f"{path}{extra}", "unknown key", "未知的键")
    if fld is not None and fld not in APPLICATION_FIELDS:
        ck.bad(f"{path}field", "unknown application field {v!r}", "未知的申报字段 {v!r}", v=fld)
        return None
    if op is not None and op not in ELIGIBILITY_OPS:
        ck.bad(f"{path}op", "unknown operator {v!r}; one of {ops}", "未知运算符 {v!r}，可选：{ops}", v=op,
               ops=" ".join(ELIGIBILITY_OPS))
        return None
    if cid is None or fld is None or op is None:
        return None
    kind = APPLICATION_FIELDS[fld]
    value: Any = None
    if op in (">=", "<="):
        if kind not in NUMERIC_KINDS:
            ck.bad(f"{path}op", "{op} needs a numeric field", "{op} 只能用于数值字段", op=op)
            return None
        value = ck.decimal(c, "value", path)
    elif op == "==":
        if kind in NUMERIC_KINDS:
            value = ck.decimal(c, "value", path)
        elif kind == "bool":
            value = ck.get(c, "value", path, bool)
        else:
            value = ck.get(c, "value", path, str)
            if kind == "level" and value is not None and value not in LEVELS:
                ck.bad(f"{path}value", "unknown level {v!r}", "未知级别 {v!r}", v=value)
    elif op == "in":
        lst = ck.get(c, "value", path, list)
        if lst is not None:
            if kind == "level":
                for v in lst:
                    if v not in LEVELS:
                        ck.bad(f"{path}value", "unknown level {v!r}", "未知级别 {v!r}", v=v)
            value = tuple(lst)
    elif op in ("is_true", "is_false"):
        if kind != "bool":
            ck.bad(f"{path}op", "{op} needs a yes/no field", "{op} 只能用于是/否字段", op=op)
        if "value" in c:
            ck.bad(f"{path}value", "not used with {op}", "{op} 不需要 value", op=op)
    elif op == "present" and "value" in c:
        ck.bad(f"{path}value", "not used with present", "present 不需要 value")
    return Condition(cid, fld, op, value, desc)


def _check_settings(ck: _Checker, table: dict, path: str, values: dict[str, Any]) -> None:
    """Range checks of the review settings written in ``table`` (a program or ``[defaults]``): a bad
    default is reported once, at ``defaults.<key>``, not again for every program that inherits it."""
    mr, tf = values["min_reviews"], values["trim_from"]
    if "min_reviews" in table and isinstance(mr, int) and mr < 1:
        ck.bad(f"{path}min_reviews", "must be at least 1", "至少为 1")
    if "trim_from" in table and isinstance(tf, int) and tf < 3:
        ck.bad(f"{path}trim_from", "must be at least 3 (two reviews are dropped)", "至少为 3（需去掉两个评分）")
    for key in ("pass_score", "comment_below", "comment_from"):
        v = values[key]
        if key in table and v is not None and not (0 <= v <= 100):
            ck.bad(f"{path}{key}", "must be between 0 and 100 (a review's total)", "应在 0 到 100 之间（评审总分范围）")


def _parse_program(ck: _Checker, t: Any, path: str, defaults: dict) -> Program | None:
    if not isinstance(t, dict):
        ck.bad(path.rstrip("."), "must be a table", "应为表")
        return None
    known = {"id", "name", "name_en", "action", "description", "quota", "level_quotas", "budget_pool",
             "funding", "eligibility", "pass_score", "min_reviews", "trim_from", "criteria", "tie_break",
             "comment_below", "comment_from"}
    for extra in sorted(set(t) - known):
        ck.bad(f"{path}{extra}", "unknown key", "未知的键")
    pid = ck.get(t, "id", path, str)
    name = ck.get(t, "name", path, str)
    name_en = ck.get(t, "name_en", path, str, required=False, default="")
    quota = ck.get(t, "quota", path, int, required=False)
    if quota is not None and quota < 0:
        ck.bad(f"{path}quota", "must not be negative", "不能为负数")
    lq_t = ck.get(t, "level_quotas", path, dict, required=False)
    level_quotas: dict[str, int] | None = None
    if lq_t:
        level_quotas = {}
        for lv, n in lq_t.items():
            if lv not in LEVELS:
                ck.bad(f"{path}level_quotas.{lv}", "unknown level; one of {ls}", "未知级别，可选：{ls}",
                       ls=", ".join(LEVELS))
            elif isinstance(n, bool) or not isinstance(n, int) or n < 0:
                ck.bad(f"{path}level_quotas.{lv}", "must be a whole number ≥ 0", "应为不小于 0 的整数")
            else:
                level_quotas[lv] = n
    pool = ck.money(t, "budget_pool", path, required=False)
    funding = _parse_funding(ck, t.get("funding"), f"{path}funding.")
    conds: list[Condition] = []
    elig = ck.get(t, "eligibility", path, list, required=False, default=[])
    for i, c in enumerate(elig or []):
        cond = _parse_condition(ck, c, f"{path}eligibility[{i}].")
        if cond:
            if any(x.id == cond.id for x in conds):
                ck.bad(f"{path}eligibility[{i}].id", "duplicate condition id {v!r}", "条件编号重复 {v!r}",
                       v=cond.id)
            conds.append(cond)
    pass_score = ck.decimal(t, "pass_score", path, required=False, default=defaults["pass_score"])
    min_reviews = ck.get(t, "min_reviews", path, int, required=False, default=defaults["min_reviews"])
    trim_from = ck.get(t, "trim_from", path, int, required=False, default=defaults["trim_from"])
    comment_below = ck.decimal(t, "comment_below", path, required=False, default=defaults["comment_below"])
    comment_from = ck.decimal(t, "comment_from", path, required=False, default=defaults["comment_from"])
    _check_settings(ck, t, path, {"pass_score": pass_score, "min_reviews": min_reviews, "trim_from": trim_from,
                                  "comment_below": comment_below, "comment_from": comment_from})
    crit_t = ck.get(t, "criteria", path, list)
    criteria: list[Criterion] = []
    for i, c in enumerate(crit_t or []):
        p = f"{path}criteria[{i}]."
        if not isinstance(c, dict):
            ck.bad(p.rstrip("."), "must be a table", "应为表")
            continue
        for extra in sorted(set(c) - {"id", "name", "name_en", "max_points", "guidance"}):
            ck.bad(f"{p}{extra}", "unknown key", "未知的键")
        cid = ck.get(c, "id", p, str)
        cname = ck.get(c, "name", p, str)
        pts = ck.get(c, "max_points", p, int)
        guidance = ck.get(c, "guidance", p, str)
        if isinstance(pts, int) and pts <= 0:
            ck.bad(f"{p}max_points", "must be above 0", "应大于 0")
        if cid is not None and any(x.id == cid for x in criteria):
            ck.bad(f"{p}id", "duplicate criterion id {v!r}", "评分项编号重复 {v!r}", v=cid)
        cname_en = ck.get(c, "name_en", p, str, required=False, default="")
        if None not in (cid, cname, pts, guidance):
            criteria.append(Criterion(cid, cname, pts, guidance, cname_en))
    if crit_t is not None and criteria and len(criteria) == len(crit_t):
        total = sum(c.max_points for c in criteria)
        if total != 100:
            ck.bad(f"{path}criteria", "points sum to {s}, must be 100", "各项分值合计 {s}，应为 100", s=total)
    tie_t = ck.get(t, "tie_break", path, list, required=False, default=None)
    if tie_t is None:
        tie = tuple(c.id for c in criteria)
    else:
        tie = tuple(tie_t)
        ids = {c.id for c in criteria}
        for x in tie:
            if not isinstance(x, str) or x not in ids:
                ck.bad(f"{path}tie_break", "names no criterion of this program: {v!r}",
                       "不是本类别的评分项：{v!r}", v=x)
        for x in sorted({x for x in tie if isinstance(x, str) and tie.count(x) > 1}):
            ck.bad(f"{path}tie_break", "names {v!r} more than once", "重复列出 {v!r}", v=x)
    if None in (pid, name, funding, pass_score):
        return None
    if funding.kind == "by_level" and level_quotas:
        pass
    if funding.kind == "pool" and pool is None:
        ck.bad(f"{path}budget_pool", "a pool program needs a budget_pool", "资金池类别需要 budget_pool")
    return Program(
        id=pid, name=name, name_en=name_en, quota=quota, level_quotas=level_quotas or None,
        budget_pool=pool, funding=funding, eligibility=tuple(conds), pass_score=pass_score,
        min_reviews=min_reviews, trim_from=trim_from, criteria=tuple(criteria), tie_break=tie,
        comment_below=comment_below, comment_from=comment_from,
        action=t.get("action", "") if isinstance(t.get("action", ""), str) else "",
        description=t.get("description", "") if isinstance(t.get("description", ""), str) else "",
    )


def parse_catalog(data: dict, source: str = "catalog") -> Policy:
    """Validate a catalog already read from TOML (or JSON); raise :class:`CatalogError` listing every
    problem by key."""
    ck = _Checker(source)
    if not isinstance(data, dict):
        raise CatalogError(msg("{s}: not a catalog", "{s}：不是政策目录", s=source))
    known = {"format", "id", "name", "name_en", "valid_from", "valid_to", "notes", "source", "defaults",
             "programs"}
    for extra in sorted(set(data) - known):
        ck.bad(extra, "unknown key", "未知的键")
    fmt = data.get("format", 1)
    if fmt != 1:
        ck.bad("format", "unsupported catalog format {v!r} (this version reads 1)",
               "不支持的目录格式 {v!r}（本版本读取格式 1）", v=fmt)
    pid = ck.get(data, "id", "", str)
    name = ck.get(data, "name", "", str)
    name_en = ck.get(data, "name_en", "", str, required=False, default="")

    def date(key: str) -> dt.date | None:
        v = data.get(key)
        if isinstance(v, dt.date) and not isinstance(v, dt.datetime):
            return v
        if isinstance(v, str):
            try:
                return dt.date.fromisoformat(v)
            except ValueError:
                pass
        ck.bad(key, "must be a date such as 2020-01-01", "应为日期，如 2020-01-01")
        return None

    vf, vt = date("valid_from"), date("valid_to")
    if vf and vt and vt < vf:
        ck.bad("valid_to", "is before valid_from", "早于 valid_from")
    dflt_t = ck.get(data, "defaults", "", dict, required=False, default={}) or {}
    defaults = {
        "pass_score": ck.decimal(dflt_t, "pass_score", "defaults.", required=False, default=Decimal("60")),
        "min_reviews": ck.get(dflt_t, "min_reviews", "defaults.", int, required=False, default=3),
        "trim_from": ck.get(dflt_t, "trim_from", "defaults.", int, required=False, default=5),
        "comment_below": ck.decimal(dflt_t, "comment_below", "defaults.", required=False,
                                    default=Decimal("60")),
        "comment_from": ck.decimal(dflt_t, "comment_from", "defaults.", required=False,
                                   default=Decimal("90")),
    }
    for extra in sorted(set(dflt_t) - set(defaults)):
        ck.bad(f"defaults.{extra}", "unknown key", "未知的键")
    _check_settings(ck, dflt_t, "defaults.", defaults)
    progs_t = ck.get(data, "programs", "", list)
    programs: list[Program] = []
    for i, t in enumerate(progs_t or []):
        prog = _parse_program(ck, t, f"programs[{i}].", defaults)
        if prog:
            if any(p.id == prog.id for p in programs):
                ck.bad(f"programs[{i}].id", "duplicate program id {v!r}", "类别编号重复 {v!r}", v=prog.id)
            programs.append(prog)
    if progs_t is not None and not progs_t:
        ck.bad("programs", "is empty", "为空")
    if ck.problems:
        raise CatalogError(msg("{s}: the catalog has {n} problem(s)", "{s}：政策目录有 {n} 处问题",
                               s=source, n=len(ck.problems)), ck.problems)
    return Policy(id=pid, name=name, name_en=name_en, valid_from=vf, valid_to=vt, programs=tuple(programs),
                  notes=data.get("notes", "") or "", source=data.get("source", "") or "")


def load_catalog(path: Path | str) -> Policy:
    """Read and validate a catalog TOML file."""
    path = Path(path)
    try:
        raw = path.read_bytes()
    except OSError as e:
        raise CatalogError(msg("{p}: cannot read: {e}", "{p}：无法读取：{e}", p=path, e=e.strerror)) from None
    try:
        data = tomllib.loads(raw.decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise CatalogError(msg("{p}: not UTF-8 text", "{p}：不是 UTF-8 文本", p=path)) from None
    except tomllib.TOMLDecodeError as e:
        raise CatalogError(msg("{p}: not valid TOML: {e}", "{p}：TOML 格式错误：{e}", p=path, e=e)) from None
    return parse_catalog(data, source=path.name)


def policy_from_json(text: str) -> Policy:
    """Rebuild a policy from its canonical JSON (as stored in a session)."""
    data = json.loads(text)
    # JSON stores the same keys as TOML except decimals as strings, which parse_catalog accepts.
    data = dict(data)
    progs = []
    for p in data.get("programs", []):
        p = dict(p)
        if p.get("level_quotas") is None:
            p.pop("level_quotas", None)
        for k in ("quota", "budget_pool", "comment_below", "comment_from"):
            if p.get(k) is None:
                p.pop(k, None)
        p["criteria"] = [{k: v for k, v in c.items()} for c in p.get("criteria", [])]
        progs.append(p)
    data["programs"] = progs
    return parse_catalog(data, source="session")


def catalog_dir() -> Path:
    return resource("policies")


def shipped_catalogs() -> list[Path]:
    return sorted(catalog_dir().glob("*.toml"))


def find_catalog(policy_id: str) -> Policy:
    """A shipped catalog by id (or a path to a catalog file)."""
    p = Path(policy_id)
    if p.suffix == ".toml" and p.exists():
        return load_catalog(p)
    for f in shipped_catalogs():
        if f.stem == policy_id:
            pol = load_catalog(f)
            if pol.id == policy_id:
                return pol
    for f in shipped_catalogs():
        pol = load_catalog(f)
        if pol.id == policy_id:
            return pol
    known = ", ".join(f.stem for f in shipped_catalogs()) or "-"
    raise CatalogError(msg("unknown policy {p!r}; shipped: {k}", "未知政策 {p!r}；已有：{k}", p=policy_id,
                           k=known))
