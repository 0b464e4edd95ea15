"""The audit chain: every change is an entry holding the hash of the one before.

:func:`verify_chain` recomputes every link and says where the chain breaks. A signed manifest
carries the head, so a finalized session's history cannot be rewritten unnoticed.
"""

from __future__ import annotations

from dataclasses import dataclass

from .i18n import Msg, msg
from .session import GENESIS, Session, audit_hash


@dataclass
class ChainReport:
    ok: bool
    entries: int
    head: str
    broken_at: int | None = None
    problem: Msg | None = None


def verify_chain(session: Session) -> ChainReport:
    """Check every link of the session's audit chain."""
    prev = GENESIS
    expected_seq = 1
    n = 0
    for seq, at, actor, action, detail, prev_hash, h in session.conn.execute(
            "SELECT seq, at, actor, action, detail, prev_hash, hash FROM audit ORDER BY seq"):
        n += 1
        if seq != expected_seq:
            return ChainReport(False, n, prev, seq, msg("entry {e} is missing (the next one is {s})",
                                                        "缺少第 {e} 条记录（下一条为第 {s} 条）", e=expected_seq, s=seq))
        if prev_hash != prev:
            return ChainReport(False, n, prev, seq, msg("entry {s} ({a}) does not follow the entry before it",
                                                        "第 {s} 条记录（{a}）与前一条不衔接", s=seq, a=action))
        if audit_hash(prev, seq, at, actor, action, detail) != h:
            return ChainReport(False, n, prev, seq, msg("entry {s} ({a}) was changed after it was written",
                                                        "第 {s} 条记录（{a}）写入后被改动", s=seq, a=action))
        prev = h
        expected_seq += 1
    if n == 0:
        return ChainReport(False, 0, GENESIS, None, msg("the session has no audit entries", "会话没有审计记录"))
    return ChainReport(True, n, prev)


def audit_entries(session: Session, limit: int | None = None) -> list[dict]:
    """The newest entries first, for display."""
    sql = "SELECT seq, at, actor, action, detail, hash FROM audit ORDER BY seq DESC"
    if limit:
        sql += f" LIMIT {int(limit)}"
    return [{"seq": r[0], "at": r[1], "actor": r[2], "action": r[3], "detail": r[4], "hash": r[5]}
            for r in session.conn.execute(sql)]
