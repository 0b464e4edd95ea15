"""End to end through the expert's windows: the chair's pack is opened, unpacked, a conflict declared,
an application scored with the keyboard, the window closed and reopened, the signed package
exported; the chair's session (the core) merges it."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from reviewdesk.exchange import merge_packages, pack, roster_add
from reviewdesk.session import Session
from reviewdesk.trust import create_identity, readable_fingerprint
from ui import windows
from ui.errors import ErrorDialog
from ui.expert.dialogs import SignPackageDialog, SubmitDialog
from ui.expert.unpack import UnpackWindow
from ui.expert.window import ExpertWindow
from ui.qt import QApplication, Qt

PASS = "correct horse battery"
ENGINE_HELPERS = Path(__file__).resolve().parents[2] / "engine" / "helpers.py"


def helpers():
    spec = importlib.util.spec_from_file_location("engine_helpers_for_ui", ENGINE_HELPERS)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture
def chair_pack(tmp_path, key_home):
    """A chair's session with four applications, expert E1 (this computer's identity) on the roster,
    and the signed pack on a 'USB stick' folder."""
    h = helpers()
    chair_dir = tmp_path / "chair"
    chair_dir.mkdir()
    apps = [h.app_row(f"A{i}", "P07", i, actual_investment=1_000_000 + i) for i in range(1, 5)]
    session = h.build_session(chair_dir, apps, experts=3)
    chair = create_identity("李组长", "组长", PASS, store=tmp_path / "chair-keys")
    expert = create_identity("王专家", "评审专家", PASS)  # this computer's key store
    roster_add(session, "E1", expert.cert_pem())
    usb = tmp_path / "usb"
    usb.mkdir()
    pack_path = pack(session, usb / "东湖区评审.rdpack", chair)
    yield session, pack_path, chair, usb
    session.close()


def open_pack_window(qtbot, pack_path) -> UnpackWindow:
    window = windows.open_path(pack_path)
    assert isinstance(window, UnpackWindow)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.signer_fingerprint is not None, timeout=10_000)
    return window


def test_pack_to_merged_package(qtbot, tmp_path, chair_pack, prompts):
    session, pack_path, chair, usb = chair_pack
    local = tmp_path / "Documents"
    local.mkdir()

    # 1. Open the pack: the signer's fingerprint is shown to compare aloud.
    unpack_window = open_pack_window(qtbot, pack_path)
    shown = unpack_window.fingerprint.text().split()
    assert shown == readable_fingerprint(chair.certificate).split()
    assert "李组长" in unpack_window.signer.text()
    assert not unpack_window.unpack_button.isEnabled()  # not before the fingerprint is confirmed
    unpack_window.destination.setText(str(usb / "work.rdwork"))
    assert "USB" in unpack_window.dest_warning.text()
    unpack_window.destination.setText(str(local / "work.rdwork"))
    assert unpack_window.confirmed.isEnabled()
    qtbot.keyClick(unpack_window.confirmed, Qt.Key.Key_Space)
    assert unpack_window.confirmed.isChecked() and unpack_window.unpack_button.isEnabled()
    with qtbot.waitSignal(unpack_window.unpacked, timeout=20_000) as blocker:
        qtbot.mouseClick(unpack_window.unpack_button, Qt.MouseButton.LeftButton)
    window = blocker.args[0]
    qtbot.addWidget(window)
    assert isinstance(window, ExpertWindow)
    work_path = local / "work.rdwork"
    assert window.work.path == work_path and window.work.expert_id == "E1"
    assert not unpack_window.isVisible()
    window.prompts = prompts

    # 2. Declare a conflict with A4's enterprise in the dialog.
    code_a4 = str(window.work.application("A4")["credit_code"])
    dialog = window.show_conflicts()
    dialog.search.insert(code_a4)
    assert dialog.model.rowCount() == 1
    assert dialog.model.setData(dialog.model.index(0, 0), Qt.CheckState.Checked.value,
                                Qt.ItemDataRole.CheckStateRole)
    dialog.accept()
    assert window.model.row_of("A4") is None

    # 3. Score A1 with the keyboard: type, Tab, type, Tab.
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    assert window.select_application("A1")
    first = window.rubric.boxes[0].score
    first.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(first.hasFocus)
    qtbot.keyClicks(first, "50.5")
    qtbot.keyClick(first, Qt.Key.Key_Tab)
    second = window.rubric.boxes[1].score
    assert second.hasFocus()
    qtbot.keyClicks(second, "35")
    qtbot.keyClick(second, Qt.Key.Key_Tab)
    assert window.rubric.total.text() == "Total 85.5 / 100"

    # 4. Close, reopen: the scores were saved.
    window.close()
    again = windows.open_path(work_path)
    qtbot.addWidget(again)
    again.prompts = prompts
    again.show()
    assert again.select_application("A1")
    assert [b.score.text() for b in again.rubric.boxes] == ["50.5", "35"]

    # 5. Hand in: summary, file, passphrase (a wrong one first), package written in the background.
    summary = again.submit()
    assert isinstance(summary, SubmitDialog)
    assert summary.count_labels[2].text() == "1"  # complete
    prompts.save_answers = [str(usb / "王专家-评分")]
    summary.accept()
    passphrase = again.findChild(SignPackageDialog)
    assert passphrase is not None and passphrase.isVisible()
    assert passphrase.fingerprint.text() != ""
    qtbot.keyClicks(passphrase.passphrase, "wrong passphrase")
    passphrase.accept()
    qtbot.waitUntil(lambda: again.export_task is not None and not again.export_task.running, timeout=20_000)
    errors = [w for w in QApplication.topLevelWidgets() if isinstance(w, ErrorDialog) and w.isVisible()]
    errors += again.findChildren(ErrorDialog)
    assert any("passphrase" in e.message_label.text().lower() for e in errors)
    assert again.last_export is None
    for e in errors:
        e.close()

    prompts.save_answers = [str(usb / "王专家-评分")]
    again.choose_package_path()
    passphrase = [d for d in again.findChildren(SignPackageDialog) if d.isVisible()][0]
    qtbot.keyClicks(passphrase.passphrase, PASS)
    qtbot.mouseClick(passphrase.ok, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: again.last_export is not None, timeout=20_000)
    out = usb / "王专家-评分.rdscores"
    assert again.last_export["path"] == out and out.is_file()
    assert again.last_export["sequence"] == 1
    title, text = prompts.informed[-1]
    assert "no. 1" in text and str(out) in text

    # 6. The chair's core verifies and merges it.
    (outcome,) = merge_packages(session, [out])
    assert outcome.status == "merged", outcome.message
    rows = dict(session.conn.execute(
        "SELECT criterion, points2 FROM scores WHERE expert_id = 'E1' AND application_id = 'A1'").fetchall())
    assert rows == {"c1": 101, "c2": 70}
    assert (("E1", code_a4),) == tuple(session.conn.execute(
        "SELECT expert_id, credit_code FROM conflicts WHERE expert_id = 'E1'").fetchall())
    again.close()


def test_pack_without_my_identity_cannot_be_unpacked(qtbot, tmp_path, chair_pack, key_home):
    _session, pack_path, _chair, _usb = chair_pack
    (key_home / "keys" / "identity.pem").unlink()
    window = open_pack_window(qtbot, pack_path)
    window.destination.setText(str(tmp_path / "w.rdwork"))
    window.confirmed.setChecked(True)
    assert window.identity_button.text() == "Create my identity…"
    assert not window.unpack_button.isEnabled()


def test_a_file_that_is_not_a_pack_is_refused(qtbot, tmp_path, monkeypatch):
    shown = []
    monkeypatch.setattr("ui.expert.unpack.show_error", lambda parent, exc: shown.append(exc))
    fake = tmp_path / "x.rdpack"
    fake.write_bytes(b"PK\x03\x04 not signed")
    window = windows.open_path(fake)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: bool(shown), timeout=10_000)
    assert window.status.property("ok") is False
    assert not window.unpack_button.isEnabled()
    assert "signed" in str(shown[0]).lower()


def test_the_default_work_copy_goes_to_documents(tmp_path, monkeypatch):
    from ui.expert import unpack

    monkeypatch.setattr(unpack, "documents_folder", lambda: tmp_path / "文档")
    pack_path = tmp_path / "usb" / "评审.rdpack"
    assert unpack.default_work_path(pack_path) == tmp_path / "文档" / "ReviewDesk" / "评审.rdwork"
    (tmp_path / "文档" / "ReviewDesk").mkdir(parents=True)
    (tmp_path / "文档" / "ReviewDesk" / "评审.rdwork").write_text("x")
    assert unpack.default_work_path(pack_path).name == "评审 (2).rdwork"


def test_work_copy_with_session_suffix_opens_in_the_expert_window(qtbot, demo_work, tmp_path):
    renamed = tmp_path / "副本.rdesk"
    renamed.write_bytes(demo_work.read_bytes())
    window = windows.open_path(renamed)
    qtbot.addWidget(window)
    assert isinstance(window, ExpertWindow)
    with Session.open(renamed, readonly=True) as s:
        assert s.kind == "work"
