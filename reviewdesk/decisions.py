"""The chair's decisions (RULES.md §8): force an award or an exclusion, always with a reason."""

from __future__ import annotations

from .errors import InputError
from .i18n import msg
from .session import Session, now_iso

KINDS = ("award", "exclude", "clear")


def decide(session: Session, application_id: str, kind: str, reason: str, *, actor: str | None = None) -> None:
    """Record (or with ``kind="clear"``, withdraw) the chair's decision on one application.

    The reason is required and is printed on the shortlist; the change is audited.
    """
    if kind not in KINDS:
        raise InputError(msg("unknown decision {k!r}", "未知的决定 {k!r}", k=kind))
    reason = (reason or "").strip()
    if not reason:
        raise InputError(msg("a decision needs a written reason (--reason)", "作出决定必须填写理由（--reason）"))
    if len(reason) > 2000:
        raise InputError(msg("the reason is too long (at most 2,000 characters)", "理由过长（最多 2000 字）"))
    row = session.conn.execute("SELECT program FROM applications WHERE application_id = ?",
                               (application_id,)).fetchone()
    if row is None:
        raise InputError(msg("unknown application {a}", "未知申报 {a}", a=application_id))
    previous = session.decisions().get(application_id)
    with session.change(f"decision.{kind}", {"application_id": application_id, "program": row[0],
                                             "reason": reason,
                                             "previous": list(previous) if previous else None}, actor=actor):
        if kind == "clear":
            session.conn.execute("DELETE FROM decisions WHERE application_id = ?", (application_id,))
        else:
            session.conn.execute(
                "INSERT INTO decisions (application_id, kind, reason, decided_at) VALUES (?, ?, ?, ?) "
                "ON CONFLICT (application_id) DO UPDATE SET kind = excluded.kind, reason = excluded.reason, "
                "decided_at = excluded.decided_at", (application_id, kind, reason, now_iso()))
