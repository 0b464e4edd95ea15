"""The ranked, funded shortlist (RULES.md §4–8).

:func:`load_inputs` reads what the rules need from a session once; :func:`compute` is a pure
function of those inputs (and of :class:`Options` for the chair's what-if view), so the same
session always gives the same shortlist and what-if or stability runs never touch the file.

Every entry carries how it was reached: the reviews kept and dropped, the rule that decided its
status, and the derivation of its amount.
"""

from __future__ import annotations

import dataclasses
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import ROUND_FLOOR, Decimal
from typing import Any, NamedTuple

from .fields import LEVEL_NAMES_ZH
from .policy import Condition, Policy, Program
from .scoring import Aggregate, PanelData, Review, aggregate, criterion_aggregates, load_panel, zscore_reviews
from .session import Session

APP_COLUMNS = ("application_id", "program", "enterprise_name", "credit_code", "project_name", "project_key",
               "level", "actual_investment", "construction_investment", "sales_received_1y", "rented_area_m2",
               "requested_amount", "fiscal_support", "international_organiser", "own_ip")


class Application(NamedTuple):
    """An application as the rules read it (a tuple: 20,000 of them are built on every ranking)."""

    application_id: str
    program: str
    enterprise_name: str
    credit_code: str
    project_name: str
    project_key: str
    level: str | None
    actual_investment: int | None
    construction_investment: int | None
    sales_received_1y: int | None
    rented_area_m2: str | None
    requested_amount: int | None
    fiscal_support: int | None
    international_organiser: int | None
    own_ip: int | None

    def value(self, name: str) -> Any:
        v = getattr(self, name)
        if name == "rented_area_m2" and v is not None:
            return Decimal(v)
        if name in ("fiscal_support", "international_organiser", "own_ip") and v is not None:
            return bool(v)
        return v


@dataclass(frozen=True)
class PriorAward:
    project_key: str
    program: str
    year: int
    amount: int
    level: str | None


@dataclass
class Inputs:
    """What the rules read from a session."""

    policy: Policy
    year: int
    name: str
    applications: list[Application]
    panel: PanelData
    prior: list[PriorAward]
    decisions: dict[str, tuple[str, str]]  # application -> (award|exclude, reason)
    # Fills ``Aggregate.criteria`` for a batch of aggregates (criterion means over the kept reviews).
    criteria_loader: Callable[[list[Aggregate], tuple[str, ...]], None] | None = None
    # What a recompute can reuse (what-if and stability recompute dozens of times): each
    # application's amount and eligibility never change, nor its aggregate while its reviews don't.
    _facts: dict[str, tuple] = field(default_factory=dict, repr=False)
    _aggs: dict[tuple[str, str], Aggregate] = field(default_factory=dict, repr=False)

    def reviewed_by(self, experts: frozenset[str]) -> set[str]:
        """The applications with a (complete) review by any of ``experts``."""
        index = self.__dict__.get("_reviewed_by")
        if index is None:
            index = defaultdict(set)
            for aid, rs in self.panel.reviews.items():
                for r in rs:
                    index[r.expert_id].add(aid)
            self.__dict__["_reviewed_by"] = index
        out: set[str] = set()
        for e in experts:
            out |= index.get(e, set())
        return out

    def by_program(self) -> dict[str, list[Application]]:
        got = self.__dict__.get("_by_program")
        if got is None:
            got = defaultdict(list)
            for app in self.applications:
                got[app.program].append(app)
            self.__dict__["_by_program"] = got
        return got

    def facts(self, program: Program, app: Application) -> tuple[int | None, int | None, str | None]:
        """``(amount, entitlement, exclusion reason by the application's own fields)``."""
        got = self._facts.get(app.application_id)
        if got is None:
            amount, ent, missing, _ = amount_for(program, app, explain=False)
            reason = None
            for cond in program.eligibility:
                if not condition_holds(cond, app):
                    reason = f"ineligible:{cond.id}"
                    break
            if reason is None and missing is not None:
                reason = f"ineligible:{missing}"
            got = self._facts[app.application_id] = (amount, ent, reason)
        return got


def load_inputs(session: Session) -> Inputs:
    policy = session.policy
    apps = [Application(*row) for row in session.conn.execute(
        f"SELECT {', '.join(APP_COLUMNS)} FROM applications")]
    criteria_count = {p.id: len(p.criteria) for p in policy.programs}
    panel = load_panel(session, criteria_count, {a.application_id: a.program for a in apps},
                       {a.application_id: a.credit_code for a in apps})
    prior = [PriorAward(*r) for r in session.conn.execute(
        "SELECT project_key, program, year, amount, level FROM prior_awards")]
    return Inputs(policy, session.year, session.name, apps, panel, prior, session.decisions(),
                  criteria_loader=lambda aggs, crits: criterion_aggregates(panel, aggs, crits))


@dataclass(frozen=True)
class Options:
    """What-if settings; the defaults are the rules of record."""

    aggregation: str = "trimmed"
    zscores: bool = False
    pass_score: dict[str, Decimal] = field(default_factory=dict)  # program -> pass score
    quota: dict[str, int | None] = field(default_factory=dict)  # program -> quota
    leave_out: frozenset[str] = frozenset()  # experts whose reviews are left out


@dataclass(slots=True)
class Entry:
    application: Application
    status: str  # awarded | reserve | excluded
    reason: str | None
    rank: int | None
    agg: Aggregate
    amount: int | None
    entitlement: int | None
    program: Program | None = None
    tied: bool = False
    forced: str | None = None  # award | exclude when the chair decided
    _derivation: str | None = None

    @property
    def derivation(self) -> str:
        """How the amount was reached, e.g. "20% × 8,000,000 = 1,600,000 ≤ cap 3,000,000 → 1,600,000"."""
        if self._derivation is None:
            self._derivation = amount_for(self.program, self.application)[3] if self.program else ""
        return self._derivation

    @property
    def application_id(self) -> str:
        return self.application.application_id

    @property
    def score(self) -> Decimal | None:
        return self.agg.score

    def to_json(self) -> dict[str, Any]:
        return {
            "application_id": self.application_id,
            "status": self.status,
            "rank": self.rank,
            "score": None if self.agg.score is None else str(self.agg.score),
            "reviews": self.agg.n,
            "amount": self.amount if self.status != "excluded" else None,
            "reason": self.reason,
            "tied": self.tied,
        }


@dataclass
class ProgramResult:
    program: Program
    entries: list[Entry]
    quota: int | None
    quota_left: int | None
    budget_pool: int | None
    budget_left: int | None
    prior_count: int
    prior_amount: int
    prior_level_counts: dict[str, int]
    awarded_amount: int

    def to_json(self) -> dict[str, Any]:
        d: dict[str, Any] = {
            "program": self.program.id,
            "quota": self.quota,
            "quota_left": self.quota_left,
            "budget_pool": self.budget_pool,
            "budget_left": self.budget_left,
        }
        if self.program.level_quotas:
            d["level_quotas"] = dict(self.program.level_quotas)
        d["entries"] = [e.to_json() for e in self.entries]
        return d


@dataclass
class Shortlist:
    name: str
    year: int
    policy: Policy
    programs: list[ProgramResult]

    def to_json(self) -> dict[str, Any]:
        return {"session": {"name": self.name, "year": self.year, "policy": self.policy.id},
                "programs": [p.to_json() for p in self.programs]}

    def entries(self) -> dict[str, Entry]:
        return {e.application_id: e for p in self.programs for e in p.entries}


# ----------------------------------------------------------------------------- rules


def condition_holds(cond: Condition, app: Application) -> bool:
    """An eligibility condition; a missing field fails every condition on it (RULES.md §4)."""
    v = app.value(cond.field)
    if v is None:
        return False
    op = cond.op
    if op == "present":
        return True
    if op == "is_true":
        return v is True
    if op == "is_false":
        return v is False
    if op == "in":
        return v in cond.value
    if op == "==":
        if isinstance(cond.value, Decimal):
            return Decimal(v) == cond.value
        return v == cond.value
    if op == ">=":
        return Decimal(v) >= cond.value
    if op == "<=":
        return Decimal(v) <= cond.value
    return False  # pragma: no cover - the catalog validator allows no other op


def _yuan(n: int | Decimal) -> str:
    return f"{int(n):,}"


def entitlement(program: Program, app: Application, explain: bool = True) -> tuple[int | None, str | None, str]:
    """``(entitlement, missing_field, derivation)`` by the program's funding rule (RULES.md §6).

    The derivation text is built only with ``explain`` (ranking 20,000 applications needs none).
    """
    f = program.funding
    if f.kind == "rate_of_base":
        base = app.value(f.base)
        if base is None:
            return None, f.base, ""
        raw = f.rate * base
        ent = int(min(raw, Decimal(f.cap)).to_integral_value(rounding=ROUND_FLOOR))
        how = f"{_pct(f.rate)} × {_yuan(base)} = {_yuan_d(raw)} {'≤' if raw <= f.cap else '>'} cap {_yuan(f.cap)}" \
            if explain else ""
        return ent, None, how
    if f.kind == "by_level":
        if app.level is None or app.level not in f.levels:
            return None, "level", ""
        rule = f.levels[app.level]
        lvl = LEVEL_NAMES_ZH.get(app.level, app.level)
        if rule.rate is not None:
            base = app.value(f.base) if f.base else None
            if base is None:
                return None, f.base or "level", ""
            raw = rule.rate * base
            ent = min(raw, Decimal(rule.cap)) if rule.cap is not None else raw
            how = ""
            if explain:
                how = f"{lvl}: {_pct(rule.rate)} × {_yuan(base)} = {_yuan_d(raw)}" + \
                    (f" {'≤' if raw <= rule.cap else '>'} cap {_yuan(rule.cap)}" if rule.cap is not None else "")
            return int(ent.to_integral_value(rounding=ROUND_FLOOR)), None, how
        return int(rule.cap), None, f"{lvl}: cap {_yuan(rule.cap)}" if explain else ""
    if f.kind == "fixed_cap":
        return int(f.cap), None, f"cap {_yuan(f.cap)}" if explain else ""
    if f.kind == "bands":
        v = app.value(f.field)
        if v is None:
            return None, f.field, ""
        v = Decimal(v)
        for b in f.bands:
            if v >= b.min and (b.max is None or v < b.max):
                hi = "∞" if b.max is None else _yuan(b.max)
                return b.amount, None, f"{f.field} {v} ∈ [{_yuan(b.min)}, {hi}) → {_yuan(b.amount)}" if explain else ""
        return None, f.field, ""
    # pool: the requested amount, limited by the pool
    if app.requested_amount is None:
        return None, "requested_amount", ""
    return app.requested_amount, None, f"requested {_yuan(app.requested_amount)}" if explain else ""


def _pct(rate: Decimal) -> str:
    p = (rate * 100).normalize()
    return f"{p:f}%"


def _yuan_d(d: Decimal) -> str:
    if d == d.to_integral_value():
        return _yuan(d)
    return f"{d:,.2f}"


def amount_for(program: Program, app: Application, explain: bool = True) \
        -> tuple[int | None, int | None, str | None, str]:
    """``(amount, entitlement, missing_field, derivation)``: the entitlement limited by the request."""
    ent, missing, how = entitlement(program, app, explain)
    if ent is None:
        return None, None, missing, how
    amount = ent
    if app.requested_amount is not None and app.requested_amount < ent:
        amount = app.requested_amount
        if explain:
            how = f"{how}; requested {_yuan(app.requested_amount)} → {_yuan(amount)}"
    elif explain:
        how = f"{how} → {_yuan(amount)}"
    return amount, ent, None, how


def compute(inputs: Inputs, options: Options | None = None) -> Shortlist:
    """The shortlist for ``inputs`` under ``options`` (the rules of record by default)."""
    opts = options or Options()
    policy = inputs.policy
    base = inputs.panel.reviews
    leave = opts.leave_out
    if leave:
        base = dict(base)
        for aid in inputs.reviewed_by(leave):
            base[aid] = [r for r in base[aid] if r.expert_id not in leave]
    changed = base is not inputs.panel.reviews
    reviews = zscore_reviews(base) if opts.zscores else base
    cache = None if opts.zscores else inputs._aggs

    by_program = inputs.by_program()

    funded: set[str] = {p.project_key for p in inputs.prior}
    prior_count: dict[str, int] = defaultdict(int)
    prior_level: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    prior_amount: dict[str, int] = defaultdict(int)
    for p in inputs.prior:
        if p.year == inputs.year and policy.program(p.program) is not None:
            prior_count[p.program] += 1
            prior_amount[p.program] += p.amount
            if p.level:
                prior_level[p.program][p.level] += 1

    # First pass: aggregate, check exclusions, compute amounts; collect forced awards.
    prepared: dict[str, list[Entry]] = {}
    forced_awards: list[Entry] = []
    for program in policy.programs:
        apps = by_program.get(program.id)
        if not apps:
            continue
        pass_score = opts.pass_score.get(program.id, program.pass_score)
        entries = []
        for app in apps:
            aid = app.application_id
            revs = reviews.get(aid, [])
            if cache is not None and not (changed and revs is not inputs.panel.reviews.get(aid)):
                agg = cache.get((aid, opts.aggregation))
                if agg is None:
                    agg = cache[(aid, opts.aggregation)] = aggregate(aid, revs, program.min_reviews,
                                                                     program.trim_from, opts.aggregation)
            else:
                agg = aggregate(aid, revs, program.min_reviews, program.trim_from, opts.aggregation)
            amount, ent, reason = inputs.facts(program, app)
            if reason is None and agg.n < program.min_reviews:
                reason = "insufficient_reviews"
            if reason is None and agg.score < pass_score:
                reason = "below_threshold"
            e = Entry(app, "excluded" if reason else "candidate", reason, None, agg, amount, ent, program)
            decision = inputs.decisions.get(app.application_id)
            if decision:
                kind, text = decision
                e.forced = kind
                e.reason = f"chair:{text}"
                if kind == "exclude":
                    e.status = "excluded"
                else:
                    e.status = "awarded"
                    if e.amount is None and app.requested_amount is not None:
                        e.amount = app.requested_amount
                        e._derivation = f"chair decision; requested {_yuan(app.requested_amount)}"
                    forced_awards.append(e)
            entries.append(e)
        prepared[program.id] = entries

    # Forced awards take quota and pool first, and fund their project before the walk.
    used: dict[str, int] = dict(prior_count)
    used_level: dict[str, dict[str, int]] = {k: dict(v) for k, v in prior_level.items()}
    spent: dict[str, int] = dict(prior_amount)
    for e in forced_awards:
        pid = e.application.program
        used[pid] = used.get(pid, 0) + 1
        if e.application.level:
            used_level.setdefault(pid, {})
            used_level[pid][e.application.level] = used_level[pid].get(e.application.level, 0) + 1
        spent[pid] = spent.get(pid, 0) + (e.amount or 0)
        funded.add(e.application.project_key)

    results = []
    for program in policy.programs:
        entries = prepared.get(program.id)
        if entries is None:
            continue
        quota = opts.quota.get(program.id, program.quota)
        ranked = [e for e in entries if e.status == "candidate" or (e.forced == "award")]
        _rank(ranked, program, inputs)
        pool = program.budget_pool
        lq = program.level_quotas or {}
        n_used = used.get(program.id, 0)
        lv_used = dict(used_level.get(program.id, {}))
        n_spent = spent.get(program.id, 0)
        for e in ranked:
            if e.forced == "award":
                continue
            app = e.application
            if app.project_key in funded:
                e.status, e.reason = "reserve", "duplicate_award"
            elif (quota is not None and n_used >= quota) or (
                    app.level in lq and lv_used.get(app.level, 0) >= lq[app.level]):
                e.status, e.reason = "reserve", "quota_full"
            elif pool is not None and e.amount > pool - n_spent:
                e.status, e.reason = "reserve", "budget_exhausted"
            else:
                e.status, e.reason = "awarded", None
                n_used += 1
                if app.level:
                    lv_used[app.level] = lv_used.get(app.level, 0) + 1
                n_spent += e.amount
                funded.add(app.project_key)
        excluded = sorted((e for e in entries if e.status == "excluded"), key=lambda e: e.application_id)
        awarded_amount = sum(e.amount or 0 for e in ranked if e.status == "awarded")
        results.append(ProgramResult(
            program=program, entries=ranked + excluded, quota=quota,
            quota_left=None if quota is None else max(0, quota - n_used),
            budget_pool=pool, budget_left=None if pool is None else max(0, pool - n_spent),
            prior_count=prior_count.get(program.id, 0), prior_amount=prior_amount.get(program.id, 0),
            prior_level_counts=dict(prior_level.get(program.id, {})), awarded_amount=awarded_amount))
    return Shortlist(inputs.name, inputs.year, policy, results)


def _rank(ranked: list[Entry], program: Program, inputs: Inputs) -> None:
    """Sort candidates (RULES.md §5), set ranks and tie marks in place.

    Score first; where scores are equal, the tie-break criteria one at a time, each computed only
    for the applications still tied (most ties end at the first criterion); then application id.
    Candidates equal on the score and on every tie-break criterion are marked tied.
    """
    by_score: dict[int | None, list[Entry]] = defaultdict(list)
    for e in ranked:
        by_score[e.agg.score_cents].append(e)
    runs: list[list[Entry]] = []
    for c in sorted(by_score, key=lambda c: (c is None, -(c or 0))):
        group = sorted(by_score[c], key=lambda e: e.application_id)
        if c is None:  # a chair's award without a score: last, never tied
            runs += [[e] for e in group]
        else:
            runs += _break_ties(group, program.tie_break, 0, inputs.criteria_loader)
    ranked[:] = [e for run in runs for e in run]
    rank = 0
    for run in runs:
        tied = len(run) > 1
        for e in run:
            rank += 1
            e.rank, e.tied = rank, tied


def _break_ties(group: list[Entry], tie: tuple[str, ...], j: int,
                loader: Callable[[list[Aggregate], tuple[str, ...]], None] | None) -> list[list[Entry]]:
    """Runs of ``group`` (ordered by application id) that the criteria ``tie[j:]`` cannot separate."""
    if len(group) == 1:
        return [group]
    if j == len(tie) or loader is None:
        return [group]
    if j == 0 and all(len(e.agg.criteria_cents) >= len(tie) and all(c in e.agg.criteria_cents for c in tie)
                      for e in group):
        # Every criterion already known (a recompute reuses aggregates): one sort, no recursion.
        keyed = sorted(((tuple(-e.agg.criteria_cents[c] for c in tie), e.application_id, e) for e in group),
                       key=lambda t: (t[0], t[1]))
        runs: list[list[Entry]] = []
        last = None
        for k, _, e in keyed:
            if k != last:
                runs.append([])
                last = k
            runs[-1].append(e)
        return runs
    crit = tie[j]
    need = [e.agg for e in group if crit not in e.agg.criteria_cents]
    if need:
        loader(need, (crit,))
    sub: dict[int, list[Entry]] = defaultdict(list)
    for e in group:
        sub[e.agg.criteria_cents[crit]].append(e)
    out: list[list[Entry]] = []
    for v in sorted(sub, reverse=True):
        out += _break_ties(sub[v], tie, j + 1, loader)
    return out


def shortlist(session: Session, options: Options | None = None) -> Shortlist:
    """The shortlist of a session (the rules of record unless ``options`` says otherwise)."""
    return compute(load_inputs(session), options)


def stability(inputs: Inputs, progress: Callable[[int, int], bool] | None = None, *,
              base: Shortlist | None = None) -> dict[str, list[str]] | None:
    """For each award, the experts whose leaving-out would take it away; ``None`` if cancelled.

    An award that flips when one expert's reviews are left out rests on that expert alone: the chair
    should know before signing. ``progress(done, total)`` may return False to cancel. The answer is
    :func:`stability_exhaustive`'s (one full recompute per expert), computed with each leave-one-out
    recompute restricted to the applications that can decide an award's fate:

    Leaving expert X out changes only the scores of the applications X reviewed. An award's
    status is decided in its program's walk by the entries ranked above it (quota, level quota
    and pool used, projects funded) and by what earlier programs funded. So the recompute keeps:
    every application X reviewed; every award; in each program, every other candidate whose
    score reaches the lowest score an award can have without X (nothing below it can rank above
    an award); every application with a chair's decision; every application whose project also
    applies elsewhere (the no-double-funding rule crosses programs). Anything left out is an
    unchanged application ranked below every award of its program: it cannot change an award's
    status. The answer is the core's, which the tests check; a 20,000-application session
    recomputes about 3,000 applications per expert instead of 20,000.
    """
    base = base if base is not None else compute(inputs)
    policy = inputs.policy
    panel = inputs.panel
    entries = base.entries()
    awarded = {aid for aid, e in entries.items() if e.status == "awarded"}
    experts = sorted({r.expert_id for rs in panel.reviews.values() for r in rs})
    reviewed: dict[str, set[str]] = defaultdict(set)
    for aid, reviews in panel.reviews.items():
        for r in reviews:
            reviewed[r.expert_id].add(aid)
    shared = Counter(a.project_key for a in inputs.applications)
    always = awarded | {a.application_id for a in inputs.applications
                        if shared[a.project_key] > 1 or a.application_id in inputs.decisions}
    # Per program: its awards decided by the walk (forced ones never flip) and its other
    # candidates by score, highest first.
    awards_of: dict[str, list[Entry]] = defaultdict(list)
    others_of: dict[str, list[tuple[Decimal, str]]] = defaultdict(list)
    for p in base.programs:
        for e in p.entries:
            if e.status == "awarded" and e.forced is None:
                awards_of[p.program.id].append(e)
            elif e.status != "excluded" and e.score is not None:
                others_of[p.program.id].append((e.score, e.application_id))
        others_of[p.program.id].sort(reverse=True)
    fragile: dict[str, list[str]] = defaultdict(list)
    for i, expert in enumerate(experts):
        if progress is not None and progress(i, len(experts)) is False:
            return None
        touched = reviewed[expert]
        keep = always | touched
        for pid, awards in awards_of.items():
            program = policy.program(pid)
            lowest = None
            for e in awards:
                score = e.score
                if e.application_id in touched:
                    rest = [r for r in panel.reviews.get(e.application_id, ()) if r.expert_id != expert]
                    score = aggregate(e.application_id, rest, program.min_reviews, program.trim_from).score
                    if score is None:
                        continue  # too few reviews without X: it falls whatever the others do
                if lowest is None or score < lowest:
                    lowest = score
            if lowest is None:
                continue
            for score, aid in others_of[pid]:
                if score < lowest:
                    break
                keep.add(aid)
        sub = dataclasses.replace(
            inputs, applications=[a for a in inputs.applications if a.application_id in keep],
            panel=dataclasses.replace(panel, reviews={a: panel.reviews[a] for a in keep if a in panel.reviews}))
        alt = compute(sub, Options(leave_out=frozenset({expert})))
        _note_flips(alt, awarded, expert, fragile)
    if progress is not None:
        progress(len(experts), len(experts))
    return dict(fragile)


def _note_flips(alt: Shortlist, awarded: set[str], expert: str, fragile: dict[str, list[str]]) -> None:
    """Record ``expert`` against every award of the base that ``alt`` (without them) does not award."""
    for p in alt.programs:
        for e in p.entries:
            if e.application_id in awarded and e.status != "awarded":
                fragile[e.application_id].append(expert)


def stability_exhaustive(inputs: Inputs, progress: Callable[[int, int], bool] | None = None) -> dict[str, list[str]]:
    """The definition :func:`stability` computes faster: one full recompute per expert."""
    base = compute(inputs)
    awarded = {e.application_id for p in base.programs for e in p.entries if e.status == "awarded"}
    experts = sorted({r.expert_id for rs in inputs.panel.reviews.values() for r in rs})
    fragile: dict[str, list[str]] = defaultdict(list)
    for i, expert in enumerate(experts):
        if progress is not None and progress(i, len(experts)) is False:
            break
        alt = compute(inputs, Options(leave_out=frozenset({expert})))
        _note_flips(alt, awarded, expert, fragile)
    if progress is not None:
        progress(len(experts), len(experts))
    return dict(fragile)


def what_if(inputs: Inputs, options: Options) -> list[tuple[str, str, str, str | None, str | None]]:
    """Applications whose status would change: ``(application_id, before, after, reason_before,
    reason_after)``. The session is never touched."""
    before = compute(inputs).entries()
    after = compute(inputs, options).entries()
    changes = []
    for aid in sorted(before):
        b, a = before[aid], after[aid]
        if b.status != a.status:
            changes.append((aid, b.status, a.status, b.reason, a.reason))
    return changes


__all__ = ["Application", "Inputs", "Options", "Entry", "ProgramResult", "Shortlist", "load_inputs", "compute",
           "shortlist", "stability", "stability_exhaustive", "what_if", "amount_for", "condition_holds", "Review"]
