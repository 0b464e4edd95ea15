"""What the chair's console shows, read from a session and handed to the windows as plain data.

Everything here runs in a worker thread (:func:`ui.tasks.run_task`) on a :class:`Session` the
worker opens itself, and returns dataclasses and lists, never a live connection. No Qt here,
and no rule of its own: ranks, statuses, amounts, what-if and stability are the core's
(:mod:`reviewdesk.shortlist`); this module gathers what a screen needs in one pass.
"""

from __future__ import annotations

import dataclasses
import json
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

from reviewdesk.errors import InputError
from reviewdesk.i18n import msg
from reviewdesk.imports.table import cell_text, is_blank, read_rows, read_table
from reviewdesk.policy import Policy
from reviewdesk.scoring import Aggregate, cents, criterion_aggregates
from reviewdesk.session import Session
from reviewdesk.shortlist import (
    Entry,
    Inputs,
    Options,
    ProgramResult,
    Shortlist,
    compute,
    load_inputs,
)
from reviewdesk.shortlist import stability as core_stability

# progress(done, total, text) -> False once the user cancelled (ui.tasks.Progress)
Progress = Callable[..., bool]
CENT = Decimal("0.01")


# ----------------------------------------------------------------------------- the snapshot
@dataclass
class ExpertInfo:
    """One panel member as the chair sees them."""

    expert_id: str
    name: str
    organization: str | None
    fingerprint: str | None  # readable fingerprint of the registered certificate
    certificate_name: str | None
    complete: int  # complete reviews that count (no declared conflict)
    conflicts: int
    package_sequence: int | None  # the last score package merged from them
    merged_at: str | None


@dataclass
class ProgramProgress:
    """How far the panel has come with one program's applications."""

    program_id: str
    name: str
    name_en: str
    min_reviews: int
    applications: int
    reviews: int  # complete reviews
    ready: int  # applications with at least min_reviews complete reviews
    too_few: int  # 1 .. min_reviews - 1 complete reviews
    unscored: int  # no complete review


@dataclass
class Calibration:
    """An expert's mean total against the panel's mean on the same applications."""

    expert_id: str
    name: str
    scored: int
    own_mean: Decimal | None
    panel_mean: Decimal | None

    @property
    def difference(self) -> Decimal | None:
        if self.own_mean is None or self.panel_mean is None:
            return None
        return self.own_mean - self.panel_mean


@dataclass
class AuditRow:
    seq: int
    at: str
    actor: str | None
    action: str
    detail: dict


@dataclass
class Blocker:
    """An application that keeps the shortlist from being complete: too few complete reviews."""

    application_id: str
    program: str
    enterprise: str
    reviews: int
    needed: int


@dataclass
class Snapshot:
    """Everything the console's screens show, read from the session in one go."""

    path: Path
    session_id: str
    name: str
    year: int
    policy: Policy
    meta: dict[str, str]
    inputs: Inputs
    shortlist: Shortlist
    experts: list[ExpertInfo]
    programs: list[ProgramProgress]
    calibration: list[Calibration]
    audit: list[AuditRow]
    counts: dict[str, int]
    blockers: list[Blocker] = field(default_factory=list)

    @property
    def finalized(self) -> bool:
        return "finalized_at" in self.meta

    @property
    def finalized_at(self) -> str | None:
        return self.meta.get("finalized_at")

    def program_result(self, program_id: str) -> ProgramResult | None:
        for p in self.shortlist.programs:
            if p.program.id == program_id:
                return p
        return None

    def entries(self) -> dict[str, Entry]:
        return self.shortlist.entries()

    def status_counts(self) -> dict[str, int]:
        out = {"awarded": 0, "reserve": 0, "excluded": 0}
        for p in self.shortlist.programs:
            for e in p.entries:
                out[e.status] = out.get(e.status, 0) + 1
        return out

    def awarded_amount(self) -> int:
        return sum(p.awarded_amount for p in self.shortlist.programs)

    def forced(self) -> int:
        return sum(1 for p in self.shortlist.programs for e in p.entries if e.forced)


def with_criteria_cache(inputs: Inputs) -> Inputs:
    """The same inputs, remembering criterion aggregates per (application, kept reviews).

    A criterion aggregate depends only on the application and the reviews kept, so the what-if
    and stability runs (one compute per expert) stop recomputing the same tie-breaks. The
    shortlist is identical; only the work is saved.
    """
    panel = inputs.panel
    cache: dict[tuple, dict[str, int]] = {}

    def loader(aggs: list[Aggregate], criteria: tuple[str, ...]) -> None:
        missing = []
        for a in aggs:
            key = (a.application_id, tuple(a.kept), criteria)
            hit = cache.get(key)
            if hit is None:
                missing.append((a, key))
            else:
                a.criteria_cents = dict(hit)
        if missing:
            criterion_aggregates(panel, [a for a, _ in missing], criteria)
            for a, key in missing:
                cache[key] = dict(a.criteria_cents)

    return dataclasses.replace(inputs, criteria_loader=loader)


def _mean(total2_sum: int, n: int) -> Decimal:
    return (Decimal(total2_sum) / (2 * n)).quantize(CENT, rounding=ROUND_HALF_UP)


def calibration(inputs: Inputs, names: dict[str, str]) -> list[Calibration]:
    """Per expert: how many applications they scored (complete reviews that count), their mean
    total, and the panel's mean on those same applications (each application's mean over all
    its complete reviews, in hundredths, averaged). Integer sums: 100,000 reviews in a blink."""
    scored: dict[str, int] = defaultdict(int)
    own2: dict[str, int] = defaultdict(int)  # sum of the expert's totals, in half points
    panel_cents: dict[str, int] = defaultdict(int)  # sum of the applications' means, in hundredths
    for reviews in inputs.panel.reviews.values():
        if not reviews:
            continue
        app_cents = cents(sum(r.total2 for r in reviews), len(reviews))
        for r in reviews:
            scored[r.expert_id] += 1
            own2[r.expert_id] += r.total2
            panel_cents[r.expert_id] += app_cents
    out = []
    for eid in sorted(set(names) | set(scored)):
        n = scored.get(eid, 0)
        if n:
            own = _mean(own2[eid], n)
            panel = (Decimal(panel_cents[eid]) / (100 * n)).quantize(CENT, rounding=ROUND_HALF_UP)
        else:
            own = panel = None
        out.append(Calibration(eid, names.get(eid, eid), n, own, panel))
    return out


def load_snapshot(path: Path | str, progress: Progress | None = None) -> Snapshot:
    """Read a chair's session and compute its shortlist (rules of record). Runs in a worker."""
    from reviewdesk.trust import cert_from_pem, certificate_name, readable_fingerprint

    def step(done: int, text: str = "") -> None:
        if progress is not None:
            progress(done, 3, text)

    path = Path(path)
    step(0)
    with Session.open(path, readonly=True) as s:
        meta = dict(s.meta)
        policy = s.policy
        inputs = with_criteria_cache(load_inputs(s))
        step(1)
        experts_rows = s.conn.execute(
            "SELECT expert_id, name, organization, cert_pem FROM experts ORDER BY expert_id").fetchall()
        packages = {r[0]: (r[1], r[2]) for r in s.conn.execute(
            "SELECT expert_id, sequence, merged_at FROM packages")}
        conflicts = dict(s.conn.execute("SELECT expert_id, count(*) FROM conflicts GROUP BY expert_id").fetchall())
        audit = [AuditRow(r[0], r[1], r[2], r[3], _json(r[4])) for r in s.conn.execute(
            "SELECT seq, at, actor, action, detail FROM audit ORDER BY seq DESC")]
        counts = {t: s.count(t) for t in ("applications", "experts", "conflicts", "prior_awards", "decisions")}
    result = compute(inputs)
    step(2)

    complete: dict[str, int] = defaultdict(int)
    for reviews in inputs.panel.reviews.values():
        for r in reviews:
            complete[r.expert_id] += 1
    experts = []
    for eid, name, org, pem in experts_rows:
        fp = cname = None
        if pem:
            cert = cert_from_pem(pem.encode("ascii"))
            fp, cname = readable_fingerprint(cert), certificate_name(cert)
        seq, merged = packages.get(eid, (None, None))
        experts.append(ExpertInfo(eid, name, org, fp, cname, complete.get(eid, 0), conflicts.get(eid, 0), seq,
                                  merged))

    programs = []
    by_program: dict[str, list[str]] = defaultdict(list)
    for app in inputs.applications:
        by_program[app.program].append(app.application_id)
    for program in policy.programs:
        ids = by_program.get(program.id)
        if not ids:
            continue
        ns = [len(inputs.panel.reviews.get(a, ())) for a in ids]
        programs.append(ProgramProgress(
            program.id, program.name, program.name_en, program.min_reviews, len(ids), sum(ns),
            sum(1 for n in ns if n >= program.min_reviews), sum(1 for n in ns if 0 < n < program.min_reviews),
            sum(1 for n in ns if n == 0)))

    blockers = []
    for p in result.programs:
        for e in p.entries:
            if e.reason == "insufficient_reviews":
                blockers.append(Blocker(e.application_id, p.program.id, e.application.enterprise_name, e.agg.n,
                                        p.program.min_reviews))
    names = {e.expert_id: e.name for e in experts}
    snap = Snapshot(path, meta["session_id"], meta.get("name", ""), int(meta["year"]), policy, meta, inputs,
                    result, experts, programs, calibration(inputs, names), audit, counts, blockers)
    step(3)
    return snap


def _json(text: str) -> dict:
    try:
        value = json.loads(text)
    except ValueError:
        return {"detail": text}
    return value if isinstance(value, dict) else {"detail": value}


# ----------------------------------------------------------------------------- what-if and stability
@dataclass
class Change:
    """An application whose status would change under the what-if settings."""

    application_id: str
    program: str
    enterprise: str
    project: str
    before: str
    after: str
    reason_before: str | None
    reason_after: str | None
    score_before: Decimal | None
    score_after: Decimal | None
    rank_before: int | None
    rank_after: int | None


@dataclass
class WhatIfResult:
    options: Options
    changes: list[Change]
    awarded_before: int
    awarded_after: int
    amount_before: int
    amount_after: int


def what_if(inputs: Inputs, base: Shortlist, options: Options) -> WhatIfResult:
    """Which applications would change status under ``options``, compared with ``base`` (the
    shortlist of record computed from the same inputs). Reads nothing from the session: the
    session is never touched. Same answer as :func:`reviewdesk.shortlist.what_if`, with the
    rules-of-record shortlist the console already holds instead of a second computation."""
    before = base.entries()
    alt = compute(inputs, options)
    after = alt.entries()
    changes = []
    for aid in sorted(before):
        b, a = before[aid], after[aid]
        if b.status != a.status:
            app = b.application
            changes.append(Change(aid, app.program, app.enterprise_name, app.project_name, b.status, a.status,
                                  b.reason, a.reason, b.score, a.score, b.rank, a.rank))

    def awarded(s: Shortlist) -> tuple[int, int]:
        es = [e for p in s.programs for e in p.entries if e.status == "awarded"]
        return len(es), sum(e.amount or 0 for e in es)

    (n0, m0), (n1, m1) = awarded(base), awarded(alt)
    return WhatIfResult(options, changes, n0, n1, m0, m1)


def stability_marks(inputs: Inputs, progress: Progress | None = None, base: Shortlist | None = None) \
        -> dict[str, list[str]] | None:
    """For each award, the experts whose reviews alone hold it (leaving one of them out takes it
    away): the same answer as :func:`reviewdesk.shortlist.stability`, faster (see
    :func:`fast_stability`). ``None`` when cancelled."""

    def report(done: int, total: int) -> bool:
        if progress is None:
            return True
        return progress(done, total, f"{done} / {total}") is not False

    return fast_stability(inputs, base, report)


def fast_stability(inputs: Inputs, base: Shortlist | None = None,
                   progress: Callable[[int, int], bool] | None = None) -> dict[str, list[str]] | None:
    """The core's :func:`reviewdesk.shortlist.stability` (kept for the console's callers)."""
    return core_stability(inputs, progress, base=base)


# ----------------------------------------------------------------------------- scores matrix
@dataclass
class Thresholds:
    score_range: Decimal
    std_dev: Decimal


@dataclass
class Matrix:
    """Application × expert totals. Row ``i`` is ``application_ids[i]``; ``cells[i]`` maps an
    expert's column to ``(total2, complete)``; ``conflicted`` holds (row, column) of declared
    conflicts."""

    application_ids: list[str]
    programs: list[str]
    enterprises: list[str]
    expert_ids: list[str]
    expert_names: list[str]
    cells: list[dict[int, tuple[int, bool]]]
    conflicted: set[tuple[int, int]]
    n: list[int]  # complete reviews per row
    mean: list[Decimal | None]
    spread: list[Decimal | None]  # highest minus lowest complete total
    std_dev: list[Decimal | None]
    flagged: list[bool]
    thresholds: Thresholds

    def flagged_count(self) -> int:
        return sum(self.flagged)


def row_statistics(totals2: list[int]) -> tuple[Decimal | None, Decimal | None, Decimal | None]:
    """Mean, range and population standard deviation of totals given as twice their value."""
    n = len(totals2)
    if n == 0:
        return None, None, None
    s = sum(totals2)
    mean = _mean(s, n)
    spread = Decimal(max(totals2) - min(totals2)) / 2
    sq = sum(t * t for t in totals2)
    var = Decimal(n * sq - s * s) / Decimal(4 * n * n)  # in points², exact
    sd = var.sqrt().quantize(CENT, rounding=ROUND_HALF_UP)
    return mean, spread, sd


def load_matrix(path: Path | str, thresholds: Thresholds, progress: Progress | None = None) -> Matrix | None:
    """The totals of every expert for every application (complete and partial reviews), with the
    disagreement flag: at least two complete reviews whose range or standard deviation reaches a
    threshold. ``None`` when cancelled."""
    with Session.open(path, readonly=True) as s:
        counts = {p.id: len(p.criteria) for p in s.policy.programs}
        apps = s.conn.execute(
            "SELECT application_id, program, enterprise_name, credit_code FROM applications "
            "ORDER BY application_id").fetchall()
        experts = s.conn.execute("SELECT expert_id, name FROM experts ORDER BY expert_id").fetchall()
        row_of = {a[0]: i for i, a in enumerate(apps)}
        col_of = {e[0]: j for j, e in enumerate(experts)}
        cells: list[dict[int, tuple[int, bool]]] = [{} for _ in apps]
        for k, (aid, eid, total2, n) in enumerate(s.conn.execute(
                "SELECT application_id, expert_id, coalesce(sum(points2), 0), count(points2) FROM scores "
                "GROUP BY application_id, expert_id")):
            i, j = row_of.get(aid), col_of.get(eid)
            if i is None or j is None or not n:
                continue
            cells[i][j] = (total2, n >= counts.get(apps[i][1], 0))
            if progress is not None and k % 20000 == 0 and progress(k, 0, "") is False:
                return None
        by_code: dict[str, list[int]] = defaultdict(list)
        for i, a in enumerate(apps):
            by_code[a[3]].append(i)
        conflicted = set()
        for eid, code in s.conn.execute("SELECT expert_id, credit_code FROM conflicts"):
            j = col_of.get(eid)
            for i in by_code.get(code, ()):
                if j is not None:
                    conflicted.add((i, j))
                    cells[i].pop(j, None)  # a conflicted expert's scores never count
    n_list, means, spreads, sds, flags = [], [], [], [], []
    for row in cells:
        totals = [t for t, done in row.values() if done]
        mean, spread, sd = row_statistics(totals)
        n_list.append(len(totals))
        means.append(mean)
        spreads.append(spread)
        sds.append(sd)
        flags.append(len(totals) >= 2 and (spread >= thresholds.score_range or sd >= thresholds.std_dev))
    return Matrix([a[0] for a in apps], [a[1] for a in apps], [a[2] for a in apps], [e[0] for e in experts],
                  [e[1] for e in experts], cells, conflicted, n_list, means, spreads, sds, flags, thresholds)


@dataclass
class DrillDown:
    """One application's scores, criterion by criterion, with the experts' comments."""

    application_id: str
    program_id: str
    program_name: str
    enterprise: str
    project: str
    criteria: list[tuple[str, str, int]]  # id, name, max points
    experts: list[tuple[str, str]]  # id, name: those who scored it or declared a conflict
    points2: dict[tuple[str, str], int | None]  # (expert, criterion)
    comments: dict[tuple[str, str], str]
    conflicted: set[str]

    def total2(self, expert_id: str) -> tuple[int, bool]:
        values = [self.points2.get((expert_id, c[0])) for c in self.criteria]
        done = [v for v in values if v is not None]
        return sum(done), len(done) == len(self.criteria)


def load_drilldown(session: Session, application_id: str) -> DrillDown:
    """A few dozen rows of one application: quick enough for the GUI thread."""
    row = session.conn.execute(
        "SELECT program, enterprise_name, project_name, credit_code FROM applications WHERE application_id = ?",
        (application_id,)).fetchone()
    if row is None:
        raise InputError(msg("unknown application {a}", "未知申报 {a}", a=application_id))
    program = session.policy.program(row[0])
    names = dict(session.conn.execute("SELECT expert_id, name FROM experts").fetchall())
    points2: dict[tuple[str, str], int | None] = {}
    comments: dict[tuple[str, str], str] = {}
    who = set()
    for eid, crit, p2, comment in session.conn.execute(
            "SELECT expert_id, criterion, points2, comment FROM scores WHERE application_id = ?", (application_id,)):
        who.add(eid)
        points2[(eid, crit)] = p2
        if comment:
            comments[(eid, crit)] = comment
    conflicted = {r[0] for r in session.conn.execute("SELECT expert_id FROM conflicts WHERE credit_code = ?",
                                                     (row[3],))}
    experts = [(e, names.get(e, e)) for e in sorted(who | conflicted)]
    criteria = [(c.id, c.name, c.max_points) for c in program.criteria] if program else []
    return DrillDown(application_id, row[0], program.name if program else row[0], row[1], row[2], criteria, experts,
                     points2, comments, conflicted)


# ----------------------------------------------------------------------------- import previews
IMPORT_KINDS = ("applications", "experts", "conflicts", "prior-awards", "scores")

# What each importer reads (reviewdesk.imports): required and optional columns, extra header names
# and money columns, so the preview finds the header row exactly as the import will.
_APPLICATION_REQUIRED = ["application_id", "program", "enterprise_name", "credit_code", "project_name"]
IMPORT_COLUMNS: dict[str, tuple[list[str], list[str], dict[str, list[str]], list[str]]] = {
    "applications": (
        _APPLICATION_REQUIRED,
        ["level", "actual_investment", "construction_investment", "sales_received_1y", "rented_area_m2",
         "requested_amount", "fiscal_support", "international_organiser", "own_ip"],
        {"rented_area_m2": ["rented_area", "租赁面积(平方米)", "租赁面积(m2)"],
         "international_organiser": ["international_organizer"]},
        ["actual_investment", "construction_investment", "sales_received_1y", "requested_amount"]),
    "experts": (["expert_id", "name"], ["organization"],
                {"organization": ["organisation", "工作单位"], "name": ["专家姓名"]}, []),
    "conflicts": (["expert_id", "credit_code"], [], {}, []),
    "scores": (["expert_id", "application_id", "criterion", "score"], ["comment"],
               {"criterion": ["criterion_id", "评分项编号"], "comment": ["评语", "备注"]}, []),
    "prior-awards": (["credit_code", "project_name", "program", "year", "amount"], ["level"], {}, ["amount"]),
}


@dataclass
class Preview:
    """The first rows of a file as the import will read them."""

    kind: str
    file: str
    header_row: int
    fields: list[str]  # recognised columns, in file order
    headers: list[str]  # their headings in the file
    units: list[str | None]
    rows: list[tuple[int, list[str]]]  # (row number in the file, cells)
    total_rows: int
    ignored: list[str]  # headings the import does not read


def preview_import(kind: str, path: Path | str, limit: int = 20) -> Preview:
    """Read ``path`` as the ``kind`` import would and return its first ``limit`` rows.

    Raises the import's own :class:`InputError` (with its problems) when the file has no header
    row with the required columns; nothing is written anywhere.
    """
    required, optional, aliases, money = IMPORT_COLUMNS[kind]
    table = read_table(path, list(required), list(optional), extra_aliases=aliases, money=money)
    columns = sorted(table.columns.values(), key=lambda c: c.index)
    raw = read_rows(path)
    header = raw[table.header_row - 1] if 0 < table.header_row <= len(raw) else []
    used = {c.index for c in columns}
    ignored = [cell_text(c) for j, c in enumerate(header) if j not in used and not is_blank(c)]
    rows = [(n, [cell_text(table.cell(r, c.field)) for c in columns]) for n, r in table.rows[:limit]]
    return Preview(kind, Path(path).name, table.header_row, [c.field for c in columns], [c.header for c in columns],
                   [c.unit for c in columns], rows, len(table.rows), ignored)


def guess_import_kind(path: Path | str) -> str | None:
    """Which import a dropped table is for, from its header (the kind whose required columns it
    has, most specific first); ``None`` if none fits."""
    for kind in ("scores", "prior-awards", "applications", "experts", "conflicts"):
        required, optional, aliases, money = IMPORT_COLUMNS[kind]
        try:
            read_table(path, list(required), list(optional), extra_aliases=aliases, money=money)
        except InputError:
            continue
        return kind
    return None


__all__ = ["AuditRow", "Blocker", "Calibration", "Change", "DrillDown", "ExpertInfo", "IMPORT_COLUMNS", "IMPORT_KINDS",
           "Matrix", "Preview", "ProgramProgress", "Snapshot", "Thresholds", "WhatIfResult", "calibration",
           "guess_import_kind", "load_drilldown", "load_matrix", "load_snapshot", "preview_import", "row_statistics",
           "stability_marks", "what_if", "with_criteria_cache"]
