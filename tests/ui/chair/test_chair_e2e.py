"""The chair's console end to end, as a chair works: from the bureau's files to the signed shortlist.

A new session is created and filled through the console's dialogs from the demo's data; two
experts get their certificates registered, score on their own work copies (with the core, as
their laptops would) and hand in signed packages; a tampered package is refused; a clerk types
in the other experts' paper sheets; the chair forces a decision with a reason, tries a what-if
(the file is unchanged), checks stability, finalizes and verifies the signed PDF.
"""

from __future__ import annotations

import csv
import hashlib
import shutil
from decimal import Decimal
from pathlib import Path

from chair_helpers import PASS, WAIT_MS, open_console, settle, wait_for

from reviewdesk.exchange import export_scores, unpack
from reviewdesk.finalize import PDF_NAME, verify
from reviewdesk.reviews import set_score
from reviewdesk.session import Session
from reviewdesk.shortlist import Options, load_inputs, stability_exhaustive
from reviewdesk.shortlist import what_if as core_what_if
from reviewdesk.trust import readable_fingerprint
from ui.chair.dialogs import NewSessionDialog
from ui.errors import ErrorDialog
from ui.qt import is_valid


def file_state(path: Path) -> tuple:
    """The session's bytes (file and WAL), its audit count and head: what must not change."""
    digests = []
    for p in (path, Path(str(path) + "-wal")):
        digests.append(hashlib.sha256(p.read_bytes()).hexdigest() if p.exists() else None)
    with Session.open(path, readonly=True) as s:
        return (*digests, s.count("audit"), s.audit_head())


def closed(widget) -> bool:
    return not is_valid(widget) or not widget.isVisible()


def expert_scores(tables: dict, expert_id: str) -> list[tuple[str, str, str]]:
    with tables["scores-all"].open(encoding="utf-8") as f:
        return [(r["application_id"], r["criterion"], r["score"]) for r in csv.DictReader(f)
                if r["expert_id"] == expert_id]


def make_package(tmp_path: Path, pack_path: Path, keys: dict, tables: dict, expert_id: str) -> Path:
    """What an expert's laptop does: open the pack, score, export the signed package."""
    ident = keys[expert_id]
    u = unpack(pack_path, tmp_path / f"{expert_id}.rdwork", ident.certificate)
    assert u.expert_id == expert_id
    with Session.open(u.path) as work:
        for aid, crit, score in expert_scores(tables, expert_id):
            set_score(work, aid, crit, score)
        return export_scores(work, tmp_path / f"{expert_id}.rdscores", ident)["path"]


def test_a_session_from_the_bureaus_files_to_the_signed_shortlist(qtbot, tmp_path, tables, keys):
    # -- 1. a new session: policy, a year inside its period, a name, a file
    dialog = NewSessionDialog()
    qtbot.addWidget(dialog)
    dialog.policy_box.setCurrentIndex(dialog.policy_box.findData("jinan-iiot-2020-2022"))
    assert (dialog.year_box.minimum(), dialog.year_box.maximum()) == (2020, 2022)
    dialog.year_box.setValue(2021)
    dialog.name_edit.setText("2021年度工业互联网奖补评审")
    dialog.path_edit.setText(str(tmp_path / "session"))
    (path,) = wait_for(qtbot, dialog.created, dialog.accept)
    assert path == tmp_path / "session.rdesk" and not dialog.isVisible()
    # the same file again is refused with the core's message, and the dialog stays open to fix it
    again = NewSessionDialog()
    qtbot.addWidget(again)
    again.path_edit.setText(str(path))
    again.accept()
    errors = again.findChildren(ErrorDialog)
    assert errors and "already exists" in errors[0].message_label.text()

    win = open_console(qtbot, path)
    assert win.snapshot.name == "2021年度工业互联网奖补评审" and win.snapshot.year == 2021
    assert win.snapshot.counts["applications"] == 0

    # -- 2. applications through the import dialog, with its preview
    imp = win.open_import_dialog("applications")
    imp.set_file("applications", tables["applications"])
    qtbot.waitUntil(lambda: imp.preview is not None, timeout=WAIT_MS)
    assert imp.preview.total_rows == 150 and imp.model.rowCount() == 20
    assert imp.preview.fields[:2] == ["application_id", "program"]
    assert imp.model.index(0, 1).data() == "A-0001"
    assert imp.import_button.isEnabled()
    wait_for(qtbot, win.imported, imp.accept)
    settle(qtbot, win)
    assert win.snapshot.counts["applications"] == 150 and closed(imp)
    assert win.applications.model.rowCount() == 150

    # a refused file: every problem listed, nothing imported, nothing audited
    bad = tmp_path / "bad.csv"
    bad.write_text("application_id,program,enterprise_name,credit_code,project_name\n"
                   "B-1,P01,甲公司,91370100XXXXXXXXXX,项目一\n"
                   "B-2,P99,乙公司,91370100MA3C5LR50X,项目二\n"
                   "A-0001,P01,丙公司,91370100MA3C5LR50X,项目三\n", encoding="utf-8")
    before = file_state(path)
    task = win.import_file("applications", bad)
    qtbot.waitUntil(lambda: not task.running, timeout=WAIT_MS)
    assert task.outcome == "failed"
    shown = win.findChildren(ErrorDialog)
    assert shown and shown[-1].table is not None and shown[-1].table.rowCount() >= 3
    texts = [shown[-1].table.item(r, c).text() for r in range(shown[-1].table.rowCount())
             for c in range(shown[-1].table.columnCount())]
    assert "3" in texts and "P99" in texts  # the row numbers and the bad value are in the table
    for d in shown:
        d.close()
    assert file_state(path)[2:] == before[2:]

    # -- 3. the roster, conflicts and prior awards
    for kind in ("experts", "conflicts", "prior-awards"):
        wait_for(qtbot, win.imported, lambda k=kind: win.import_file(k, tables[k]))
        settle(qtbot, win)
    assert win.snapshot.counts["experts"] == 9 and win.snapshot.counts["prior_awards"] == 5

    # -- 4. two experts' certificates, compared by fingerprint
    for who in ("E01", "E02"):
        cert_dialog = win.open_certificate_dialog(who, keys[who + "_cert"])
        assert readable_fingerprint(keys[who].certificate) in cert_dialog.fingerprint.text()
        wait_for(qtbot, win.registered, cert_dialog.accept)
        settle(qtbot, win)
    roster = {e.expert_id: e for e in win.snapshot.experts}
    assert roster["E01"].fingerprint == readable_fingerprint(keys["E01"].certificate)
    assert roster["E03"].fingerprint is None
    row = win.panel.roster_model.row_of_key("E03")
    assert win.panel.roster_model.index(row, 3).data() == "No certificate registered"

    # -- 5. pack (signed with the chair's passphrase), the experts score, packages come back
    pack_path = tmp_path / "for-experts.rdpack"
    wait_for(qtbot, win.packed, lambda: win.pack(pack_path, PASS))
    settle(qtbot, win)
    assert pack_path.exists() and win.snapshot.meta.get("chair_name") == "李主任"
    p1 = make_package(tmp_path, pack_path, keys, tables, "E01")
    p2 = make_package(tmp_path, pack_path, keys, tables, "E02")
    tampered = tmp_path / "E02-changed.rdscores"
    data = bytearray(Path(p2).read_bytes())
    data[len(data) // 2] ^= 0x01
    tampered.write_bytes(bytes(data))
    (outcomes,) = wait_for(qtbot, win.merged, lambda: win.merge([p1, p2, tampered]))
    settle(qtbot, win)
    assert [o.status for o in outcomes] == ["merged", "merged", "refused"]
    m = win.panel.outcome_model
    assert [m.index(r, 1).data() for r in range(m.rowCount())] == ["merged", "merged", "refused"]
    assert m.index(2, 0).data() == "E02-changed.rdscores" and "signature" in m.index(2, 2).data()
    assert {e.expert_id: e.package_sequence for e in win.snapshot.experts}["E01"] == 1

    # -- 6. the clerk types in the other experts' paper sheets (Chinese headers)
    wait_for(qtbot, win.imported, lambda: win.import_file("scores", tables["scores-paper"]))
    settle(qtbot, win)
    assert win.snapshot.blockers and {b.application_id for b in win.snapshot.blockers} == {"A-0095"}

    # -- 7. the ranking of P01, and a decision with a written reason
    win.show_page("ranking")
    win.ranking.select_program("P01")
    model = win.ranking.model
    ids = [model.row_at(r).application_id for r in range(model.rowCount())]
    assert ids[:3] == ["A-0001", "A-0002", "A-0003"]
    assert model.line_row == 9  # the quota of 10 places: the line under the tenth
    assert model.row_at(10).status == "reserve"
    reason_dialog = win.open_decision_dialog("A-0001", "exclude")
    reason_dialog.accept()  # no reason yet: refused, nothing recorded
    assert reason_dialog.isVisible() and "reason" in reason_dialog.note.text()
    reason_dialog.reason_edit.setPlainText("申报材料与现场核查不符")
    wait_for(qtbot, win.decided, reason_dialog.accept)
    settle(qtbot, win)
    entries = win.snapshot.entries()
    assert entries["A-0001"].status == "excluded" and entries["A-0001"].forced == "exclude"
    assert entries["A-0011"].status == "awarded"  # the first on the waiting list moves up
    row = model.row_of_key("A-0001")
    assert model.index(row, model.REASON).data() == "Chair's decision: 申报材料与现场核查不符"
    assert win.audit.model.index(0, 3).data() == "Chair's decision: exclusion"

    # -- 8. what-if: another aggregation and quota, the session untouched
    before = file_state(path)
    win.show_page("whatif")
    win.whatif.set_options(aggregation="median", program="P01", quota=12)
    (result,) = wait_for(qtbot, win.what_if_done, win.whatif.run)
    options = Options(aggregation="median", quota={"P01": 12})
    with Session.open(path, readonly=True) as s:
        expected = core_what_if(load_inputs(s), options)
    assert [(c.application_id, c.before, c.after) for c in result.changes] == [(a, b, c) for a, b, c, _, _ in expected]
    assert {"A-0012", "A-0013"} <= {c.application_id for c in result.changes if c.after == "awarded"}
    assert win.whatif.model.rowCount() == len(expected)
    assert file_state(path) == before

    # -- 9. stability: the same marks as the core's
    (marks,) = wait_for(qtbot, win.stability_done, win.run_stability)
    with Session.open(path, readonly=True) as s:
        assert marks == stability_exhaustive(load_inputs(s))
    assert win.ranking.stability_label.text()
    assert file_state(path) == before

    # -- 10. finalize: signed PDF, read-only session with a banner; verified by the core and the app
    win.show_page("finalize")
    out = tmp_path / "shortlist"
    win.finalize_page.folder_edit.setText(str(out))
    win.finalize_page.passphrase.setText(PASS)
    (done,) = wait_for(qtbot, win.finalized, win.finalize_page.start)
    settle(qtbot, win)
    pdf = out / PDF_NAME
    assert pdf.exists() and done.awarded > 0
    assert verify(pdf).ok
    with Session.open(path, readonly=True) as s:
        assert s.finalized
    assert win.snapshot.finalized and win.banner.isVisibleTo(win) and "read-only" in win.banner.text()
    assert not win.import_actions["applications"].isEnabled()
    assert not win.finalize_page.finalize_button.isEnabled()
    (verdict,) = wait_for(qtbot, win.verified, lambda: win.verify(pdf))
    assert verdict.ok and win.finalize_page.verify_out.toPlainText().startswith("✔")
    changed = tmp_path / "changed.pdf"
    shutil.copy(pdf, changed)
    raw = bytearray(changed.read_bytes())
    raw[len(raw) // 3] ^= 0x20
    changed.write_bytes(bytes(raw))
    (refusal,) = wait_for(qtbot, win.verified, lambda: win.verify(changed))
    assert not getattr(refusal, "ok", False)
    assert win.finalize_page.verify_out.toPlainText().startswith("✘")
    assert Decimal(0) <= win.snapshot.shortlist.programs[0].entries[1].score
