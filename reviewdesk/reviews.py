"""An expert's scoring: one score, one comment, one declared conflict at a time.

These are the actions behind the expert's workstation (and a chair's correction of a clerk's
entry). Each validates the value against the rubric (0.5 steps within the criterion's points),
refuses a conflicted expert, and is saved at once in its own audited change, so nothing an
expert saw saved can be lost.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from .errors import InputError
from .i18n import msg
from .imports.table import CellError
from .session import Session

STATES = ("not_started", "in_progress", "complete", "recused")


def owner(session: Session) -> str | None:
    """The expert a work copy belongs to (None for a chair's session)."""
    return session.meta.get("expert_id") if session.kind == "work" else None


def _expert(session: Session, expert_id: str | None) -> str:
    own = owner(session)
    if own is not None:
        if expert_id not in (None, own):
            raise InputError(msg("this work copy belongs to expert {o}; it takes no scores for {e}",
                                 "此工作副本属于专家 {o}，不能录入专家 {e} 的评分", o=own, e=expert_id))
        return own
    if not expert_id:
        raise InputError(msg("which expert? (a chair's session needs the expert id)", "请指定专家编号"))
    if session.conn.execute("SELECT 1 FROM experts WHERE expert_id = ?", (expert_id,)).fetchone() is None:
        raise InputError(msg("unknown expert {e}", "未知专家 {e}", e=expert_id))
    return expert_id


def _application(session: Session, application_id: str) -> tuple[str, str]:
    row = session.conn.execute("SELECT program, credit_code FROM applications WHERE application_id = ?",
                               (application_id,)).fetchone()
    if row is None:
        raise InputError(msg("unknown application {a}", "未知申报 {a}", a=application_id))
    return row[0], row[1]


def is_conflicted(session: Session, expert_id: str, credit_code: str) -> bool:
    return session.conn.execute("SELECT 1 FROM conflicts WHERE expert_id = ? AND credit_code = ?",
                                (expert_id, credit_code)).fetchone() is not None


def set_score(session: Session, application_id: str, criterion: str, value: Decimal | str | int | None,
              *, expert_id: str | None = None) -> None:
    """Save one criterion's score (``None`` clears it). Refused outside 0..max, off a 0.5 step,
    for an unknown criterion, or for an expert with a declared conflict."""
    from .imports import validate_score

    eid = _expert(session, expert_id)
    program_id, code = _application(session, application_id)
    crit = session.policy.program(program_id).criterion(criterion)
    if crit is None:
        raise InputError(msg("unknown criterion {c} for program {p}", "类别 {p} 没有评分项 {c}", c=criterion,
                             p=program_id))
    if is_conflicted(session, eid, code):
        raise InputError(msg("you declared a conflict of interest with this enterprise; you cannot score it",
                             "您已申明与该企业回避，不能为其评分"))
    points2 = None
    if value is not None and str(value).strip() != "":
        try:
            points2 = validate_score(value, crit.max_points)
        except CellError as e:
            raise InputError(e.message) from None
    with session.change("score.set", {"application_id": application_id, "expert_id": eid, "criterion": criterion,
                                      "points2": points2}, actor=eid):
        session.conn.execute(
            "INSERT INTO scores (application_id, expert_id, criterion, points2) VALUES (?, ?, ?, ?) "
            "ON CONFLICT (application_id, expert_id, criterion) DO UPDATE SET points2 = excluded.points2",
            (application_id, eid, criterion, points2))
        session.conn.execute("DELETE FROM scores WHERE application_id = ? AND expert_id = ? AND criterion = ? "
                             "AND points2 IS NULL AND (comment IS NULL OR comment = '')",
                             (application_id, eid, criterion))


def set_comment(session: Session, application_id: str, criterion: str, text: str | None,
                *, expert_id: str | None = None) -> None:
    """Save one criterion's comment (empty clears it)."""
    eid = _expert(session, expert_id)
    program_id, code = _application(session, application_id)
    if session.policy.program(program_id).criterion(criterion) is None:
        raise InputError(msg("unknown criterion {c}", "未知评分项 {c}", c=criterion))
    if is_conflicted(session, eid, code):
        raise InputError(msg("you declared a conflict of interest with this enterprise",
                             "您已申明与该企业回避"))
    text = (text or "").strip()
    if len(text) > 4000:
        raise InputError(msg("the comment is too long (at most 4,000 characters)", "意见过长（最多 4000 字）"))
    with session.change("comment.set", {"application_id": application_id, "expert_id": eid,
                                        "criterion": criterion, "length": len(text)}, actor=eid):
        session.conn.execute(
            "INSERT INTO scores (application_id, expert_id, criterion, points2, comment) VALUES (?, ?, ?, NULL, ?) "
            "ON CONFLICT (application_id, expert_id, criterion) DO UPDATE SET comment = excluded.comment",
            (application_id, eid, criterion, text or None))
        session.conn.execute("DELETE FROM scores WHERE application_id = ? AND expert_id = ? AND criterion = ? "
                             "AND points2 IS NULL AND (comment IS NULL OR comment = '')",
                             (application_id, eid, criterion))


def declare_conflict(session: Session, credit_code: str, declared: bool = True, *,
                     expert_id: str | None = None) -> int:
    """Declare (or withdraw) a conflict of interest with an enterprise. Declaring removes the expert's
    scores for that enterprise's applications (they could not count); returns how many were removed."""
    from .imports.table import parse_credit_code

    eid = _expert(session, expert_id)
    try:
        code = parse_credit_code(credit_code)
    except CellError as e:
        raise InputError(e.message) from None
    with session.change("conflict.declare" if declared else "conflict.withdraw",
                        {"expert_id": eid, "credit_code": code}, actor=eid) as detail:
        removed = 0
        if declared:
            session.conn.execute("INSERT OR IGNORE INTO conflicts (expert_id, credit_code) VALUES (?, ?)",
                                 (eid, code))
            removed = session.conn.execute(
                "DELETE FROM scores WHERE expert_id = ? AND application_id IN "
                "(SELECT application_id FROM applications WHERE credit_code = ?)", (eid, code)).rowcount
        else:
            session.conn.execute("DELETE FROM conflicts WHERE expert_id = ? AND credit_code = ?", (eid, code))
        detail["scores_removed"] = removed
    return removed


@dataclass
class ReviewStatus:
    application_id: str
    program: str
    state: str
    scored: int
    criteria: int
    total2: int  # twice the total of the scores given so far


def review_states(session: Session, expert_id: str | None = None) -> dict[str, ReviewStatus]:
    """Each application's state for one expert: not started, in progress, complete or recused."""
    eid = expert_id or owner(session)
    counts = {p.id: len(p.criteria) for p in session.policy.programs}
    scored: dict[str, tuple[int, int]] = defaultdict(lambda: (0, 0))
    for aid, n, t in session.conn.execute(
            "SELECT application_id, count(points2), coalesce(sum(points2), 0) FROM scores WHERE expert_id = ? "
            "GROUP BY application_id", (eid,)):
        scored[aid] = (n, t)
    conflicts = {r[0] for r in session.conn.execute("SELECT credit_code FROM conflicts WHERE expert_id = ?",
                                                    (eid,))}
    out = {}
    for aid, program, code in session.conn.execute("SELECT application_id, program, credit_code FROM applications"):
        n, t = scored.get(aid, (0, 0))
        total = counts.get(program, 0)
        if code in conflicts:
            state = "recused"
        elif n == 0:
            state = "not_started"
        elif n >= total:
            state = "complete"
        else:
            state = "in_progress"
        out[aid] = ReviewStatus(aid, program, state, n, total, t)
    return out
