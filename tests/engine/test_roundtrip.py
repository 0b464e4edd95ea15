"""The offline round trip: a chair and two experts in separate key stores, and every refusal."""

from __future__ import annotations

import json
import shutil
import sqlite3
import subprocess
from pathlib import Path

import pytest
from helpers import app_row, build_session

from reviewdesk.errors import InputError, SessionError, SessionFinalized, TrustError, VerificationFailed
from reviewdesk.exchange import export_scores, merge_package, merge_packages, pack, roster_add, unpack
from reviewdesk.finalize import verify
from reviewdesk.reviews import declare_conflict, review_states, set_comment, set_score
from reviewdesk.session import Session
from reviewdesk.trust import create_identity, load_identity

PASS = "correct horse battery"


@pytest.fixture(scope="module")
def people(tmp_path_factory):
    base = tmp_path_factory.mktemp("keys")
    out = {}
    for who, role in (("chair", "chair"), ("e1", "expert"), ("e2", "expert"), ("mallory", "expert")):
        store = base / who
        out[who] = create_identity(f"{who}-name", role, PASS, store=store, kdf_log2_n=10)
        out[who + "_store"] = store
    return out


@pytest.fixture
def trip(tmp_path, people):
    apps = [app_row(f"A{i}", "P07", i, actual_investment=1_000_000) for i in range(1, 5)]
    s = build_session(tmp_path, apps, experts=3)
    roster_add(s, "E1", people["e1"].cert_pem())
    roster_add(s, "E2", people["e2"].cert_pem())
    pack_path = pack(s, tmp_path / "s.rdpack", people["chair"])
    works = {}
    for e, who in (("E1", "e1"), ("E2", "e2")):
        u = unpack(pack_path, tmp_path / f"{who}.rdwork", people[who].certificate)
        assert u.expert_id == e
        works[e] = Session.open(u.path)
    return s, pack_path, works


def score_all(work: Session, value: int = 40) -> None:
    for aid in ("A1", "A2", "A3"):
        set_score(work, aid, "c1", value)
        set_score(work, aid, "c2", 30)


def test_full_round_trip(tmp_path, trip, people):
    s, pack_path, works = trip
    w1, w2 = works["E1"], works["E2"]
    # the work copy holds no one's scores and belongs to one expert
    assert w1.kind == "work" and w1.meta["expert_id"] == "E1" and w1.count("scores") == 0
    assert w1.count("decisions") == 0 and w1.count("prior_awards") == 0
    with pytest.raises(InputError):
        set_score(w1, "A1", "c1", 10, expert_id="E2")
    score_all(w1, 50)
    set_comment(w1, "A1", "c1", "很好")
    score_all(w2, 44)
    assert review_states(w1)["A1"].state == "complete" and review_states(w1)["A4"].state == "not_started"
    p1 = export_scores(w1, tmp_path / "e1.rdscores", people["e1"])
    p2 = export_scores(w2, tmp_path / "e2.rdscores", people["e2"])
    assert p1["sequence"] == 1 and p1["complete_reviews"] == 3
    outcomes = merge_packages(s, [p1["path"], p2["path"]])
    assert [o.status for o in outcomes] == ["merged", "merged"]
    assert s.conn.execute("SELECT comment FROM scores WHERE expert_id='E1' AND application_id='A1' "
                          "AND criterion='c1'").fetchone() == ("很好",)
    # merging the same package again is harmless
    before = s.count("audit")
    assert merge_package(s, p1["path"]).status == "already"
    assert s.count("audit") == before
    # a newer package replaces that expert's reviews
    set_score(w1, "A3", "c1", None)
    p1b = export_scores(w1, tmp_path / "e1b.rdscores", people["e1"])
    assert p1b["sequence"] == 2
    assert merge_package(s, p1b["path"]).status == "merged"
    assert s.conn.execute("SELECT count(points2) FROM scores WHERE expert_id='E1' AND application_id='A3'"
                          ).fetchone()[0] == 1
    # replaying the older package is refused
    with pytest.raises(VerificationFailed) as ei:
        merge_package(s, p1["path"])
    assert "older" in ei.value.message.en


def test_tampered_package_refused_and_nothing_changed(tmp_path, trip, people):
    s, _, works = trip
    score_all(works["E1"])
    p = export_scores(works["E1"], tmp_path / "e1.rdscores", people["e1"])["path"]
    data = bytearray(Path(p).read_bytes())
    for pos in (5, 30, 200, len(data) // 2, len(data) - 3):
        bad = bytearray(data)
        bad[pos] ^= 0x01
        f = tmp_path / f"bad{pos}.rdscores"
        f.write_bytes(bytes(bad))
        before = s.count("audit"), s.count("scores")
        with pytest.raises(VerificationFailed):
            merge_package(s, f)
        assert (s.count("audit"), s.count("scores")) == before
    truncated = tmp_path / "short.rdscores"
    truncated.write_bytes(bytes(data[:-10]))
    with pytest.raises(VerificationFailed):
        merge_package(s, truncated)


def test_unknown_signer_and_other_session(tmp_path, trip, people):
    s, pack_path, works = trip
    # mallory is not in the roster: cannot even unpack
    with pytest.raises(TrustError):
        unpack(pack_path, tmp_path / "m.rdwork", people["mallory"].certificate)
    # a package signed by someone else than the roster's expert
    score_all(works["E1"])
    with pytest.raises(TrustError):
        export_scores(works["E1"], tmp_path / "x.rdscores", people["mallory"])
    # forge: mallory signs a package with E1's payload
    from reviewdesk.trust.envelope import SCORE_PACKAGE, open_sealed, seal

    good = export_scores(works["E1"], tmp_path / "g.rdscores", people["e1"])["path"]
    _, payload = open_sealed(Path(good).read_bytes(), trusted=[people["e1"].certificate], expected_kind=SCORE_PACKAGE)
    forged = tmp_path / "forged.rdscores"
    forged.write_bytes(seal(SCORE_PACKAGE, payload, people["mallory"]))
    with pytest.raises(VerificationFailed) as ei:
        merge_package(s, forged)
    assert "not known" in ei.value.message.en
    # a package for another session (same roster and people)
    (tmp_path / "other").mkdir()
    other = build_session(tmp_path / "other", [app_row("A1", "P07", 1, actual_investment=1)], experts=3)
    roster_add(other, "E1", people["e1"].cert_pem())
    with pytest.raises(VerificationFailed) as ei:
        merge_package(other, good)
    assert "another session" in ei.value.message.en


def test_tampered_pack_refused_and_no_work_copy_left(tmp_path, trip, people):
    _, pack_path, _ = trip
    data = bytearray(Path(pack_path).read_bytes())
    data[len(data) // 2] ^= 0xFF
    bad = tmp_path / "bad.rdpack"
    bad.write_bytes(bytes(data))
    with pytest.raises(VerificationFailed):
        unpack(bad, tmp_path / "w.rdwork", people["e1"].certificate)
    assert not (tmp_path / "w.rdwork").exists()
    assert not list(tmp_path.glob("reviewdesk-unpack-*"))


def test_conflict_declared_in_work_copy_travels_and_blocks_scores(tmp_path, trip, people):
    s, _, works = trip
    w = works["E1"]
    code = w.conn.execute("SELECT credit_code FROM applications WHERE application_id='A2'").fetchone()[0]
    set_score(w, "A2", "c1", 10)
    assert declare_conflict(w, code) == 1
    assert review_states(w)["A2"].state == "recused"
    with pytest.raises(InputError):
        set_score(w, "A2", "c1", 10)
    p = export_scores(w, tmp_path / "c.rdscores", people["e1"])
    assert p["conflicts"] == 1
    merge_package(s, p["path"])
    assert s.conn.execute("SELECT 1 FROM conflicts WHERE expert_id='E1' AND credit_code=?", (code,)).fetchone()


def test_wrong_passphrase(people):
    with pytest.raises(TrustError):
        load_identity("not the passphrase", store=people["chair_store"])
    assert load_identity(PASS, store=people["chair_store"]).name == "chair-name"


def test_finalize_locks_and_outputs_verify(tmp_path, trip, people):
    from reviewdesk.finalize import finalize

    s, _, works = trip
    for e in ("E1", "E2"):
        score_all(works[e], 50)
        merge_package(s, export_scores(works[e], tmp_path / f"{e}.rdscores", people[e.lower()])["path"])
    from helpers import write_csv

    from reviewdesk.imports import import_scores

    import_scores(s, write_csv(tmp_path / "e3.csv", ["expert_id", "application_id", "criterion", "score"],
                               [["E3", a, c, v] for a in ("A1", "A2", "A3") for c, v in (("c1", 45), ("c2", 35))]))
    stages = []
    r = finalize(s, tmp_path / "out", people["chair"], progress=lambda st, d, t: stages.append(st))
    assert {"rank", "pdf", "sign", "xlsx"} <= set(stages)
    assert r.awarded == 3
    out = tmp_path / "out"
    assert {p.name for p in out.iterdir()} == {"shortlist.pdf", "shortlist.xlsx", "manifest.json", "manifest.sig",
                                               "chair-certificate.pem"}
    # the session is locked
    with pytest.raises(SessionFinalized):
        from reviewdesk.decisions import decide

        decide(s, "A1", "exclude", "x")
    with pytest.raises(SessionError):
        finalize(s, tmp_path / "out2", people["chair"])
    # outputs verify, against the session too
    assert verify(out / "shortlist.pdf", session_path=s.path).ok
    v = verify(out / "manifest.json", session_path=s.path)
    assert v.ok and any("recomputed" in line or "重新计算" in line for line in v.lines)
    assert verify(s.path).ok
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["session_id"] == s.id and manifest["chair_fingerprint"]
    assert manifest["shortlist"]["programs"][0]["program"] == "P07"
    assert set(manifest["inputs"]) >= {"applications", "scores", "experts", "conflicts", "prior_awards", "decisions"}
    # one byte changed in the PDF, in the manifest
    for name in ("shortlist.pdf", "manifest.json"):
        copy = tmp_path / "copy"
        shutil.rmtree(copy, ignore_errors=True)
        shutil.copytree(out, copy)
        data = bytearray((copy / name).read_bytes())
        pos = len(data) // 3
        data[pos] = (data[pos] + 1) % 256
        (copy / name).write_bytes(bytes(data))
        with pytest.raises(VerificationFailed):
            verify(copy / name)
    # the PDF's fonts are all embedded
    if shutil.which("pdffonts"):
        fonts = subprocess.run(["pdffonts", str(out / "shortlist.pdf")], capture_output=True, text=True).stdout
        rows = fonts.strip().splitlines()[2:]
        assert rows and all(" yes " in r for r in rows), fonts
    if shutil.which("pdfsig"):
        sig = subprocess.run(["pdfsig", str(out / "shortlist.pdf")], capture_output=True, text=True).stdout
        assert "Total document signed" in sig


def test_audit_chain_break_is_located(tmp_path, trip):
    s, _, _ = trip
    path = s.path
    s.close()
    conn = sqlite3.connect(path)
    conn.execute("UPDATE audit SET detail = '{}' WHERE seq = 3")
    conn.commit()
    conn.close()
    with pytest.raises(VerificationFailed) as ei:
        verify(path)
    assert "entry 3" in ei.value.message.en
