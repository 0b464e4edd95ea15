"""From a panel's reviews to each application's score (RULES.md §2–3).

A review is one expert's scores for one application; it is complete when every criterion of the
program has a score, and only complete reviews count. With ``n >= trim_from`` reviews the lowest
and the highest (ordered by total, then expert id) are dropped; the score is the mean of the rest,
rounded half-up to two decimals. Scores are handled as ``points2`` (twice the score, an integer),
so every sum is exact and the only rounding is the final one.

Other aggregations (mean, median, per-expert z-scores) exist for the chair's what-if view only;
the shortlist of record always uses the catalog's rule.
"""

from __future__ import annotations

import statistics
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import NamedTuple

from .session import Session

CENT = Decimal("0.01")
AGGREGATIONS = ("trimmed", "mean", "median")


def round2(d: Decimal) -> Decimal:
    return d.quantize(CENT, rounding=ROUND_HALF_UP)


class Review(NamedTuple):
    """A complete review: twice its total, and the expert. Tuples order as RULES.md §3 orders
    reviews: by total, then expert id."""

    total2: int
    expert_id: str
    points: str = ""  # "criterion:points2,…", read only where a tie-break needs criterion means

    @property
    def total(self) -> Decimal:
        return Decimal(self.total2) / 2


def cents(sum2: int, count: int) -> int:
    """``sum2 / (2 * count)`` rounded half-up to hundredths, as an integer number of hundredths.

    Exact integer arithmetic: the same value :func:`round2` gives, without a Decimal per number.
    """
    return (100 * sum2 + count) // (2 * count)


def from_cents(c: int) -> Decimal:
    return Decimal(c).scaleb(-2)


@dataclass(slots=True)
class Aggregate:
    """An application's complete reviews and what the rule made of them."""

    application_id: str
    reviews: list[Review]  # ordered by (total, expert_id)
    kept: list[Review]
    dropped: list[Review]
    score: Decimal | None  # None with too few reviews
    n: int = 0
    score_cents: int | None = None  # the score in hundredths (what ranking compares)
    criteria_cents: dict[str, int] = field(default_factory=dict)  # filled on demand (tie-breaks, reports)

    @property
    def criteria(self) -> dict[str, Decimal]:
        """Each criterion's mean over the kept reviews, rounded like the score (when loaded)."""
        return {c: from_cents(v) for c, v in self.criteria_cents.items()}


@dataclass
class PanelData:
    """Everything scoring needs from a session, read once."""

    reviews: dict[str, list[Review]]  # application -> complete reviews of non-conflicted experts
    incomplete: dict[str, int]  # application -> number of incomplete reviews
    conflicted_ignored: int = 0


def load_panel(session: Session, criteria_count: dict[str, int], app_program: dict[str, str],
               app_code: dict[str, str]) -> PanelData:
    """Read complete reviews: from the ``reviews`` summary the triggers keep (one row per review),
    or for an old file by summing its scores.

    Reviews by an expert who declared a conflict with the application's enterprise never count,
    even if they were entered before the conflict was declared.
    """
    conflicts = set(session.conn.execute("SELECT expert_id, credit_code FROM conflicts").fetchall())
    reviews: dict[str, list[Review]] = defaultdict(list)
    incomplete: dict[str, int] = defaultdict(int)
    ignored = 0
    has_summary = session.conn.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'reviews'").fetchone() is not None
    if has_summary:  # kept by triggers on scores (db/003_reviews.sql)
        cur = session.conn.execute("SELECT application_id, expert_id, total2, scored, points FROM reviews")
    else:  # a file from before schema 3, opened read-only
        cur = session.conn.execute(
            "SELECT application_id, expert_id, sum(points2), count(points2), "
            "group_concat(criterion || ':' || points2) FROM scores GROUP BY application_id, expert_id")
    # How many criteria a complete review of each application has (one lookup per review below).
    needed = {aid: criteria_count[p] for aid, p in app_program.items()}
    for aid, eid, total2, cnt, detail in cur:
        k = needed.get(aid)
        if k is None:
            continue
        if conflicts and (eid, app_code[aid]) in conflicts:
            ignored += 1
            continue
        if cnt == k:
            reviews[aid].append(Review(total2, eid, detail or ""))
        elif cnt:
            incomplete[aid] += 1
    return PanelData(dict(reviews), dict(incomplete), ignored)


def aggregate(application_id: str, reviews: list[Review], min_reviews: int, trim_from: int,
              method: str = "trimmed") -> Aggregate:
    """Apply RULES.md §3 (or, for what-if, another aggregation) to one application's reviews."""
    ordered = sorted(reviews)  # by (total, expert id): Review is a tuple in that order
    n = len(ordered)
    if n >= trim_from and method == "trimmed":
        kept, dropped = ordered[1:-1], [ordered[0], ordered[-1]]
    else:
        kept, dropped = ordered, []
    c = None
    if n >= min_reviews and kept:
        if method == "median":
            c = int(round2(Decimal(statistics.median([r.total2 for r in kept])) / 2) * 100)
        else:
            total = 0
            for r in kept:
                total += r[0]
            c = cents(total, len(kept))
    return Aggregate(application_id, ordered, kept, dropped, None if c is None else from_cents(c), n, c)


def _criterion_points(text: str, crit: str) -> int:
    """One criterion's points2 in a review's "criterion:points2,…" text (0 when absent)."""
    tag = crit + ":"
    if text.startswith(tag):
        i = len(tag)
    else:
        i = text.find("," + tag)
        if i < 0:
            return 0
        i += len(tag) + 1
    j = text.find(",", i)
    return int(text[i:] if j < 0 else text[i:j])


def criterion_aggregates(panel: PanelData, aggs: list[Aggregate], criteria: tuple[str, ...]) -> None:
    """Add to each aggregate the means of ``criteria`` over its kept reviews, rounded like the score.

    The tie-break asks for one criterion at a time, and only for applications still tied: on a
    provincial call most applications share their score with another.
    """
    for a in aggs:
        k = len(a.kept)
        cc = a.criteria_cents
        d = 2 * k
        for crit in criteria:
            if not k:
                cc[crit] = 0
                continue
            total = 0
            for r in a.kept:
                if r.points:
                    total += _criterion_points(r.points, crit)
            cc[crit] = (100 * total + k) // d  # = cents(total, k)


def zscore_reviews(reviews: dict[str, list[Review]]) -> dict[str, list[Review]]:
    """What-if: each expert's totals rescaled to the panel's mean and spread (z-scores mapped back
    onto the panel's scale), so a harsh or lenient expert weighs like the others."""
    by_expert: dict[str, list[int]] = defaultdict(list)
    for revs in reviews.values():
        for r in revs:
            by_expert[r.expert_id].append(r.total2)
    everything = [t for ts in by_expert.values() for t in ts]
    if len(everything) < 2:
        return reviews
    mu = statistics.fmean(everything)
    sd = statistics.pstdev(everything) or 1.0
    stats = {}
    for e, ts in by_expert.items():
        m = statistics.fmean(ts)
        s = statistics.pstdev(ts) if len(ts) > 1 else 0.0
        stats[e] = (m, s or sd)
    out: dict[str, list[Review]] = {}
    for aid, revs in reviews.items():
        new = []
        for r in revs:
            m, s = stats[r.expert_id]
            # Back to half-points, rounded: the what-if view shows scores on the usual scale.
            new.append(Review(max(0, min(200, round(mu + (r.total2 - m) / s * sd))), r.expert_id, r.points))
        out[aid] = new
    return out
