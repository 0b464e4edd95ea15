"""The identity dialog: create an identity (name, role, passphrase twice), show it, export the certificate."""

from __future__ import annotations

from reviewdesk.trust import (
    cert_from_pem,
    identity_exists,
    load_certificate,
    load_identity,
    readable_fingerprint,
)
from ui import windows
from ui.identity import IdentityDialog
from ui.qt import Qt
from ui.start import StartWindow

PASS = "correct horse battery"


def test_create_an_identity(qtbot, key_home):
    dialog = IdentityDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.stack.currentWidget() is dialog.create_page
    assert not dialog.create_button.isEnabled()
    qtbot.keyClicks(dialog.name, "Wang Fang")
    qtbot.keyClicks(dialog.passphrase, "short")
    assert "at least 8" in dialog.problem.text()
    dialog.passphrase.clear()
    qtbot.keyClicks(dialog.passphrase, PASS)
    qtbot.keyClicks(dialog.repeat, PASS + "!")
    assert dialog.problem.text() == "The two passphrases are not the same."
    assert not dialog.create_button.isEnabled()
    qtbot.keyClick(dialog.repeat, Qt.Key.Key_Backspace)
    assert dialog.create_button.isEnabled() and dialog.problem.text() == ""
    with qtbot.waitSignal(dialog.created, timeout=20_000) as blocker:
        qtbot.mouseClick(dialog.create_button, Qt.MouseButton.LeftButton)
    assert identity_exists()
    cert = load_certificate()
    assert blocker.args[0] == readable_fingerprint(cert)
    assert load_identity(PASS).name == "Wang Fang"
    assert dialog.stack.currentWidget() is dialog.show_page
    assert dialog.who.text() == "Wang Fang" and dialog.role_value.text() == "Panel expert"
    assert dialog.fingerprint.text().split() == readable_fingerprint(cert).split()
    assert dialog.passphrase.text() == ""  # not kept in the widget


def test_show_and_export_the_certificate(qtbot, tmp_path, key_home):
    from reviewdesk.trust import create_identity

    me = create_identity("王芳", "评审专家", PASS)
    out = tmp_path / "给组长" / "王芳.pem"
    out.parent.mkdir()
    asked = []

    def ask(parent, title, suggested, file_filter):
        asked.append(suggested)
        return str(out)

    dialog = IdentityDialog(ask_save_path=ask)
    qtbot.addWidget(dialog)
    assert dialog.stack.currentWidget() is dialog.show_page
    assert dialog.who.text() == "王芳" and dialog.role_value.text() == "评审专家"
    assert dialog.export_button.isEnabled()
    assert dialog.export_certificate() == out
    assert asked[0].endswith("王芳-certificate.pem")
    assert cert_from_pem(out.read_bytes()) == me.certificate
    assert str(out) in dialog.export_note.text()
    dialog.copy_fingerprint()
    from ui.qt import QGuiApplication

    assert QGuiApplication.clipboard().text() == dialog.fingerprint.text()


def test_export_to_a_folder_that_is_gone_is_a_message(qtbot, tmp_path, key_home, monkeypatch):
    from reviewdesk.trust import create_identity

    create_identity("王芳", "评审专家", PASS)
    shown = []
    monkeypatch.setattr("ui.identity.show_error", lambda parent, exc: shown.append(exc))
    dialog = IdentityDialog(ask_save_path=lambda *a: str(tmp_path / "gone" / "x.pem"))
    qtbot.addWidget(dialog)
    assert dialog.export_certificate() is None
    assert isinstance(shown[0], OSError)


def test_start_page_opens_the_identity_dialog(qtbot, key_home):
    start = StartWindow()
    qtbot.addWidget(start)
    start.show()
    qtbot.mouseClick(start.identity_button, Qt.MouseButton.LeftButton)
    dialog = start.findChild(IdentityDialog)
    assert dialog is not None and dialog.isVisible()
    assert dialog.stack.currentWidget() is dialog.create_page
    dialog.reject()


def test_identity_dialog_in_chinese(qtbot, chinese, key_home):
    dialog = windows.identity_dialog(None)
    qtbot.addWidget(dialog)
    assert dialog.windowTitle() == "我的身份"
    assert dialog.role.itemText(0) == "评审专家"


