"""The ``reviews`` summary kept by triggers always equals the scores it summarises."""

from __future__ import annotations

import sqlite3

from helpers import app_row, build_session
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reviewdesk.session import Session
from reviewdesk.shortlist import shortlist

APPS = ["A1", "A2"]
EXPERTS = ["E1", "E2"]
CRITS = ["c1", "c2"]  # program P07: 60 + 40 points


def recomputed(conn) -> dict:
    out = {}
    for aid, eid, total, n, pts in conn.execute(
            "SELECT application_id, expert_id, coalesce(sum(points2), 0), count(points2), "
            "group_concat(CASE WHEN points2 IS NOT NULL THEN criterion || ':' || points2 END) "
            "FROM scores GROUP BY 1, 2"):
        out[(aid, eid)] = (total, n, sorted((pts or "").split(",")) if pts else [])
    return out


def summary(conn) -> dict:
    return {(a, e): (t, n, sorted(p.split(",")) if p else [])
            for a, e, t, n, p in conn.execute("SELECT application_id, expert_id, total2, scored, points FROM reviews")}


ops = st.lists(st.tuples(st.sampled_from(["insert", "upsert", "update", "null", "delete", "delete_expert"]),
                         st.sampled_from(APPS), st.sampled_from(EXPERTS), st.sampled_from(CRITS),
                         st.integers(0, 80)), max_size=30)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(ops)
def test_summary_matches_scores_after_any_writes(tmp_path_factory, operations):
    tmp = tmp_path_factory.mktemp("s")
    s = build_session(tmp, [app_row(a, "P07", i, actual_investment=10) for i, a in enumerate(APPS, 1)], experts=2)
    c = s.conn
    for op, a, e, k, v in operations:
        if op == "insert":
            c.execute("INSERT OR IGNORE INTO scores (application_id, expert_id, criterion, points2) VALUES (?,?,?,?)",
                      (a, e, k, v))
        elif op == "upsert":
            c.execute("INSERT INTO scores (application_id, expert_id, criterion, points2) VALUES (?,?,?,?) "
                      "ON CONFLICT (application_id, expert_id, criterion) DO UPDATE SET points2 = excluded.points2",
                      (a, e, k, v))
        elif op == "update":
            c.execute("UPDATE scores SET points2 = ? WHERE application_id = ? AND expert_id = ? AND criterion = ?",
                      (v, a, e, k))
        elif op == "null":
            c.execute("UPDATE scores SET points2 = NULL, comment = 'x' WHERE application_id = ? AND expert_id = ?",
                      (a, e))
        elif op == "delete":
            c.execute("DELETE FROM scores WHERE application_id = ? AND expert_id = ? AND criterion = ?", (a, e, k))
        else:
            c.execute("DELETE FROM scores WHERE expert_id = ?", (e,))
        assert summary(c) == {k2: v2 for k2, v2 in recomputed(c).items()}
    s.close()


def test_an_old_file_opened_read_only_ranks_the_same(tmp_path):
    s = build_session(tmp_path, [app_row("A1", "P07", 1, actual_investment=10),
                                 app_row("A2", "P07", 2, actual_investment=10)],
                      {"A1": [70, 80, 90], "A2": [60, 61, 62]})
    before = shortlist(s).to_json()
    path = s.path
    s.close()
    conn = sqlite3.connect(path)
    conn.execute("DROP TABLE reviews")  # as a schema-2 file has no summary
    conn.commit()
    conn.close()
    with Session.open(path, readonly=True) as r:
        assert shortlist(r).to_json() == before


@given(st.dictionaries(st.from_regex(r"[a-z][a-z0-9_]{0,8}", fullmatch=True), st.integers(0, 200), max_size=7),
       st.from_regex(r"[a-z][a-z0-9_]{0,8}", fullmatch=True))
def test_one_criterion_read_from_a_review_text(points, probe):
    from reviewdesk.scoring import _criterion_points

    text = ",".join(f"{c}:{p}" for c, p in points.items())
    assert _criterion_points(text, probe) == points.get(probe, 0)


def test_bulk_imports_and_merges_rebuild_the_summary(tmp_path):
    """Imports of many scores skip the per-row triggers and rebuild the summary at the end."""
    from helpers import write_csv

    from reviewdesk.imports import import_scores

    apps = [app_row(f"A{i:04d}", "P07", i, actual_investment=10) for i in range(600)]
    s = build_session(tmp_path, apps, experts=3)
    rows = [[f"E{e}", f"A{i:04d}", c, (i + e) % 40] for i in range(600) for e in (1, 2) for c in CRITS]
    import_scores(s, write_csv(tmp_path / "bulk.csv", ["expert_id", "application_id", "criterion", "score"], rows))
    assert summary(s.conn) == recomputed(s.conn) and len(summary(s.conn)) == 1200
    # again, replacing half of the scores and adding a third expert's
    rows = [[f"E{e}", f"A{i:04d}", "c1", 7] for i in range(0, 600, 2) for e in (1, 3)]
    rows += [["E3", f"A{i:04d}", "c2", 9] for i in range(600)]
    import_scores(s, write_csv(tmp_path / "bulk2.csv", ["expert_id", "application_id", "criterion", "score"], rows))
    assert summary(s.conn) == recomputed(s.conn)
    triggers = {r[0] for r in s.conn.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")}
    assert {"scores_after_insert", "scores_after_update", "scores_after_delete"} <= triggers


def _package(path, session, expert, sequence, reviews, who):
    import json as _json

    from reviewdesk.trust.envelope import SCORE_PACKAGE, seal

    payload = {"format": 1, "session_id": session.id, "expert_id": expert, "sequence": sequence,
               "created_at": "", "software": "test", "pack_sha256": None, "reviews": reviews, "conflicts": []}
    path.write_bytes(seal(SCORE_PACKAGE, _json.dumps(payload).encode(), who))
    return path


def test_a_batch_of_merges_rebuilds_the_summary_and_restores_the_triggers(tmp_path):
    """A batch merge drops the summary triggers once and writes the summaries itself: whatever the
    batch holds (big and small packages, comment-only rows, a refused package between good ones,
    replaced packages), the summary equals the scores and the triggers come back."""
    from reviewdesk.exchange import merge_packages, roster_add
    from reviewdesk.trust import create_identity

    apps = [app_row(f"A{i:04d}", "P07", i, actual_investment=10) for i in range(1200)]
    s = build_session(tmp_path, apps, experts=3)
    who = {}
    for e in ("E1", "E2", "E3"):
        who[e] = create_identity(e, "expert", "pass phrase", store=tmp_path / "keys" / e, kdf_log2_n=10)
        roster_add(s, e, who[e].cert_pem())

    def schema_version():
        return s.conn.execute("PRAGMA schema_version").fetchone()[0]

    big = [[f"A{i:04d}", c, None if i % 97 == 0 else (i % 40) * 2, "说明" if i % 97 == 0 else None]
           for i in range(1200) for c in CRITS]
    small = [[f"A{i:04d}", "c1", 11, None] for i in range(10)]
    bad = [["A9999", "c1", 10, None]]  # no such application: the package is refused
    first = [_package(tmp_path / "e1-1.rdscores", s, "E1", 1, big, who["E1"]),
             _package(tmp_path / "e3-1.rdscores", s, "E3", 1, bad, who["E3"]),
             _package(tmp_path / "e2-1.rdscores", s, "E2", 1, small, who["E2"])]
    outcomes = merge_packages(s, first)
    assert [o.status for o in outcomes] == ["merged", "refused", "merged"]
    assert summary(s.conn) == recomputed(s.conn) and len(summary(s.conn)) == 1210
    assert summary(s.conn)[("A0097", "E1")] == (0, 0, [])  # comment-only review: a row, no points

    # Replacing packages: E1 keeps half of its applications with new scores, E2 moves elsewhere.
    half = [[f"A{i:04d}", "c2", 5, None] for i in range(0, 1200, 2)]
    moved = [[f"A{i:04d}", c, 8, None] for i in range(600, 1200) for c in CRITS]
    second = [_package(tmp_path / "e1-2.rdscores", s, "E1", 2, half, who["E1"]),
              _package(tmp_path / "e2-2.rdscores", s, "E2", 2, moved, who["E2"])]
    assert [o.status for o in merge_packages(s, second)] == ["merged", "merged"]
    assert s.conn.execute("PRAGMA foreign_keys").fetchone() == (1,)  # off only during the batch
    assert summary(s.conn) == recomputed(s.conn) and len(summary(s.conn)) == 600 + 600
    triggers = {r[0] for r in s.conn.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")}
    assert {"scores_after_insert", "scores_after_update", "scores_after_delete"} <= triggers

    # A batch that merges nothing (all already merged, or refused) leaves even the schema alone.
    before = schema_version()
    assert {o.status for o in merge_packages(s, second + first[1:2])} == {"already", "refused"}
    assert schema_version() == before

    # The triggers work again for single writes after the batches.
    s.conn.execute("UPDATE scores SET points2 = 3 WHERE application_id = 'A0600' AND expert_id = 'E2'")
    assert summary(s.conn) == recomputed(s.conn)
    s.close()
