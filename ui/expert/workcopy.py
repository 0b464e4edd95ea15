"""What the expert's windows read from a work copy, and the actions they take on it.

No Qt here: the models and widgets of :mod:`ui.expert` ask a :class:`WorkCopy` for rows, facts
and counts (read-only SQL over the session's tables) and change the work copy only through the
core's actions (:func:`reviewdesk.reviews.set_score`, :func:`~reviewdesk.reviews.set_comment`,
:func:`~reviewdesk.reviews.declare_conflict`), which validate, lock and audit every change.

States are numbered in the order an expert meets them; :data:`STATE_KEYS` gives the core's names.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from reviewdesk import reviews
from reviewdesk.errors import SessionError
from reviewdesk.i18n import msg
from reviewdesk.policy import Program
from reviewdesk.session import Session

NOT_STARTED, IN_PROGRESS, COMPLETE, RECUSED = 0, 1, 2, 3
STATE_KEYS = ("not_started", "in_progress", "complete", "recused")
# Sort keys of the list's columns (see ApplicationListModel.COLUMNS).
SORT_COLUMNS = ("application_id", "enterprise_name", "project_name", "program", "st", "t")


def is_work_copy(path: Path) -> bool:
    """Whether ``path`` is an expert's work copy: a ``.rdwork`` file, or a session file whose
    meta kind is ``work`` (read without opening it for writing)."""
    import sqlite3

    path = Path(path)
    if path.suffix.lower() == ".rdwork":
        return True
    try:
        with path.open("rb") as f:
            if f.read(16) != b"SQLite format 3\x00":
                return False
        conn = sqlite3.connect(path.resolve().as_uri() + "?mode=ro", uri=True)
        try:
            row = conn.execute("SELECT value FROM meta WHERE key = 'kind'").fetchone()
        finally:
            conn.close()
    except (OSError, sqlite3.Error):
        return False
    return row is not None and row[0] == "work"


def points_text(points2: int | None) -> str:
    """Twice a score as people write the score: ``51`` → ``"25.5"``, ``50`` → ``"25"``."""
    if points2 is None:
        return ""
    whole, half = divmod(int(points2), 2)
    return f"{whole}.5" if half else str(whole)


def points_decimal(points2: int) -> Decimal:
    return Decimal(int(points2)) / 2


@dataclass(frozen=True)
class ListFilter:
    """Which applications the list shows: a program (or all), states, and a search text."""

    program: str | None = None
    states: frozenset[int] = frozenset({NOT_STARTED, IN_PROGRESS, COMPLETE})
    search: str = ""
    sort_column: int = 0
    descending: bool = False


@dataclass(frozen=True)
class Row:
    """One line of the application list (the text columns are loaded lazily, by page)."""

    application_id: str
    enterprise: str
    project: str
    program: str
    credit_code: str


@dataclass(frozen=True)
class CriterionScore:
    points2: int | None
    comment: str


@dataclass(frozen=True)
class Summary:
    """What the expert is about to hand in."""

    counts: dict[int, int]
    # (application id, program id, total points2, "low" or "high") of complete reviews whose total
    # asks for a comment and that have none.
    missing_comments: list[tuple[str, str, int, str]]

    @property
    def to_review(self) -> int:
        return sum(n for s, n in self.counts.items() if s != RECUSED)


def comment_needed(program: Program, total2: int, complete: bool) -> str | None:
    """``"low"`` or ``"high"`` when a complete review's total asks for a comment (the program's
    ``comment_below`` / ``comment_from``: justifying extreme scores), else ``None``."""
    if not complete:
        return None
    total = points_decimal(total2)
    if program.comment_below is not None and total < program.comment_below:
        return "low"
    if program.comment_from is not None and total >= program.comment_from:
        return "high"
    return None


def _escape_like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


class WorkCopy:
    """An open work copy: one expert's session file. Close it with :meth:`close`."""

    def __init__(self, session: Session):
        if session.kind != "work":
            raise SessionError(msg("{p} is not an expert's work copy", "{p} 不是专家工作副本", p=session.path.name))
        self.session = session
        self.expert_id: str = reviews.owner(session) or ""
        self.policy = session.policy
        self.programs: dict[str, Program] = {p.id: p for p in self.policy.programs}
        self._criteria = {p.id: len(p.criteria) for p in self.policy.programs}

    @classmethod
    def open(cls, path: Path | str) -> WorkCopy:
        session = Session.open(path)
        try:
            return cls(session)
        except BaseException:
            session.close()
            raise

    def close(self) -> None:
        self.session.close()

    @property
    def path(self) -> Path:
        return self.session.path

    @property
    def conn(self):
        return self.session.conn

    def expert_name(self) -> str:
        row = self.conn.execute("SELECT name FROM experts WHERE expert_id = ?", (self.expert_id,)).fetchone()
        return row[0] if row else ""

    @property
    def is_demo(self) -> bool:
        return self.session.meta.get("demo") == "1"

    # -- the list ------------------------------------------------------------------------------
    # States follow reviews.review_states; they are worked out in Python from three plain queries
    # (applications, this expert's score counts, conflicts): for 20,000 applications that is a few
    # tens of milliseconds, where one query joining them all took several times longer.

    def _mine(self, application_id: str | None = None) -> dict[str, tuple[int, int]]:
        """Application → (criteria scored, points2 total) of this expert's reviews."""
        sql = ("SELECT application_id, count(points2), coalesce(sum(points2), 0) FROM scores WHERE expert_id = ?"
               + (" AND application_id = ?" if application_id else "") + " GROUP BY application_id")
        params = (self.expert_id, application_id) if application_id else (self.expert_id,)
        return {r[0]: (r[1], r[2]) for r in self.conn.execute(sql, params)}

    def _state(self, program: str, code: str, scored: int, conflicts: set[str]) -> int:
        if code in conflicts:
            return RECUSED
        if scored == 0:
            return NOT_STARTED
        return COMPLETE if scored >= self._criteria.get(program, 0) else IN_PROGRESS

    def list_ids(self, flt: ListFilter) -> list[tuple[str, int, int]]:
        """``(application id, state, total points2)`` of the applications ``flt`` selects, in order."""
        clauses, params = [], []
        if flt.program:
            clauses.append("program = ?")
            params.append(flt.program)
        text = flt.search.strip()
        if text:
            like = f"%{_escape_like(text)}%"
            clauses.append("(enterprise_name LIKE ? ESCAPE '\\' OR project_name LIKE ? ESCAPE '\\' "
                           "OR credit_code LIKE ? ESCAPE '\\' OR application_id LIKE ? ESCAPE '\\')")
            params += [like, like, like, like]
        where = ("WHERE " + " AND ".join(clauses)) if clauses else ""
        column = SORT_COLUMNS[flt.sort_column] if 0 <= flt.sort_column < len(SORT_COLUMNS) else SORT_COLUMNS[0]
        direction = "DESC" if flt.descending else "ASC"
        order = "application_id" if column in ("st", "t") else f"{column} {direction}, application_id {direction}"
        mine, conflicts = self._mine(), self.conflicts()
        rows = []
        for aid, program, code in self.conn.execute(
                f"SELECT application_id, program, credit_code FROM applications {where} ORDER BY {order}", params):
            scored, total2 = mine.get(aid, (0, 0))
            state = self._state(program, code, scored, conflicts)
            if state in flt.states:
                rows.append((aid, state, total2))
        if column == "st":
            rows.sort(key=lambda r: (r[1], r[0]), reverse=flt.descending)
        elif column == "t":
            rows.sort(key=lambda r: (r[2], r[0]), reverse=flt.descending)
        return rows

    def rows(self, ids: list[str]) -> dict[str, Row]:
        """The text columns of these applications (one page of the list)."""
        out: dict[str, Row] = {}
        for start in range(0, len(ids), 500):
            chunk = ids[start:start + 500]
            marks = ",".join("?" * len(chunk))
            for r in self.conn.execute(
                    "SELECT application_id, enterprise_name, project_name, program, credit_code FROM applications "
                    f"WHERE application_id IN ({marks})", chunk):
                out[r[0]] = Row(*r)
        return out

    def state(self, application_id: str) -> tuple[int, int]:
        """``(state, total points2)`` of one application."""
        row = self.conn.execute("SELECT program, credit_code FROM applications WHERE application_id = ?",
                                (application_id,)).fetchone()
        if row is None:
            return (NOT_STARTED, 0)
        scored, total2 = self._mine(application_id).get(application_id, (0, 0))
        conflicts = {row[1]} if self.is_recused(row[1]) else set()
        return self._state(row[0], row[1], scored, conflicts), total2

    def program_of(self, application_id: str) -> str | None:
        row = self.conn.execute("SELECT program FROM applications WHERE application_id = ?",
                                (application_id,)).fetchone()
        return row[0] if row else None

    def counts(self) -> dict[str, dict[int, int]]:
        """Per program: how many applications are in each state."""
        mine, conflicts = self._mine(), self.conflicts()
        out: dict[str, dict[int, int]] = {}
        for aid, program, code in self.conn.execute("SELECT application_id, program, credit_code FROM applications"):
            state = self._state(program, code, mine.get(aid, (0, 0))[0], conflicts)
            per = out.setdefault(program, {})
            per[state] = per.get(state, 0) + 1
        return out

    # -- one application -------------------------------------------------------------------------

    def application(self, application_id: str) -> dict[str, object] | None:
        cur = self.conn.execute("SELECT * FROM applications WHERE application_id = ?", (application_id,))
        row = cur.fetchone()
        if row is None:
            return None
        return {d[0]: v for d, v in zip(cur.description, row, strict=True)}

    def scores(self, application_id: str) -> dict[str, CriterionScore]:
        return {r[0]: CriterionScore(r[1], r[2] or "") for r in self.conn.execute(
            "SELECT criterion, points2, comment FROM scores WHERE application_id = ? AND expert_id = ?",
            (application_id, self.expert_id))}

    def is_recused(self, credit_code: str) -> bool:
        return reviews.is_conflicted(self.session, self.expert_id, credit_code)

    def set_score(self, application_id: str, criterion: str, points2: int | None) -> None:
        value = None if points2 is None else points_decimal(points2)
        reviews.set_score(self.session, application_id, criterion, value)

    def set_comment(self, application_id: str, criterion: str, text: str) -> None:
        reviews.set_comment(self.session, application_id, criterion, text)

    # -- conflicts of interest -------------------------------------------------------------------

    def enterprises(self) -> list[tuple[str, str, int]]:
        """``(credit code, name, number of applications)`` of every enterprise, by name."""
        return [tuple(r) for r in self.conn.execute(
            "SELECT credit_code, min(enterprise_name), count(*) FROM applications GROUP BY credit_code "
            "ORDER BY min(enterprise_name), credit_code")]

    def conflicts(self) -> set[str]:
        return {r[0] for r in self.conn.execute("SELECT credit_code FROM conflicts WHERE expert_id = ?",
                                                (self.expert_id,))}

    def reviewed_applications(self, credit_code: str) -> int:
        """How many of this enterprise's applications hold a score or comment of mine."""
        return self.conn.execute(
            "SELECT count(DISTINCT s.application_id) FROM scores s JOIN applications a "
            "ON a.application_id = s.application_id WHERE s.expert_id = ? AND a.credit_code = ?",
            (self.expert_id, credit_code)).fetchone()[0]

    def declare_conflict(self, credit_code: str, declared: bool) -> int:
        return reviews.declare_conflict(self.session, credit_code, declared)

    # -- handing in ------------------------------------------------------------------------------

    def summary(self) -> Summary:
        counts = dict.fromkeys(range(4), 0)
        for per_state in self.counts().values():
            for st, n in per_state.items():
                counts[st] += n
        commented = {r[0] for r in self.conn.execute(
            "SELECT DISTINCT application_id FROM scores WHERE expert_id = ? AND coalesce(comment, '') != ''",
            (self.expert_id,))}
        missing = []
        for aid, _state, total2 in self.list_ids(ListFilter(states=frozenset({COMPLETE}))):
            if aid in commented:
                continue
            program = self.programs.get(self.program_of(aid) or "")
            need = comment_needed(program, total2, True) if program is not None else None
            if need:
                missing.append((aid, program.id, total2, need))  # type: ignore[union-attr]
        return Summary(counts, missing)

    def export_sequence(self) -> int:
        """How many score packages were written from this work copy so far."""
        self.session.refresh()
        return int(self.session.meta.get("export_sequence", "0") or 0)
