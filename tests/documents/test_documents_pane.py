"""The reading pane: a PDF rendered by QtPdf with pages, zoom and search; images; damaged documents
shown as a message, never a crash."""

from __future__ import annotations

import pytest

pytest.importorskip("PySide6")
pytest.importorskip("PySide6.QtPdf")

from docfiles import make_image, make_pdf  # noqa: E402
from helpers import app_row, build_session  # noqa: E402

from reviewdesk.documents import documents_of, import_documents  # noqa: E402
from reviewdesk.session import now_iso  # noqa: E402
from ui import i18n, style  # noqa: E402
from ui.documents import DocumentPane  # noqa: E402
from ui.qt import QApplication, QImage  # noqa: E402

pytestmark = [pytest.mark.gui, pytest.mark.qt_log_ignore("This plugin does not support")]


@pytest.fixture(autouse=True)
def look(qapp: QApplication):
    style.apply(qapp)
    i18n.install(i18n.ENGLISH, qapp)
    yield
    for w in QApplication.topLevelWidgets():
        w.close()
        w.deleteLater()
    QApplication.processEvents()


@pytest.fixture
def session_path(tmp_path):
    apps = [app_row(f"A{i}", "P07", i, actual_investment=1_000_000) for i in range(1, 5)]
    s = build_session(tmp_path, apps, experts=2)
    folder = tmp_path / "docs"
    make_pdf(folder / "A1" / "项目申报书.pdf", pages=3)
    make_image(folder / "A1" / "现场照片.png", "PNG", size=(800, 400))
    make_pdf(folder / "A2_申报书.pdf", pages=1, title="第二份申报书")
    import_documents(s, folder)
    # A4's PDF is garbage stored behind the importer's back (as a damaged file would be)
    junk = b"%PDF-1.7\n" + bytes(range(256)) * 40
    import hashlib

    sha = hashlib.sha256(junk).hexdigest()
    with s.change("test.junk"):
        s.conn.execute("INSERT INTO blobs (sha256, size, chunks) VALUES (?, ?, 1)", (sha, len(junk)))
        s.conn.execute("INSERT INTO blob_chunks (sha256, seq, data) VALUES (?, 0, ?)", (sha, junk))
        s.conn.execute("INSERT INTO documents VALUES ('A4', '坏文件.pdf', ?, ?, 'application/pdf', ?)",
                       (sha, len(junk), now_iso()))
    path = s.path
    s.close()
    return path


def open_pane(qtbot, path, aid, size=(640, 820)) -> DocumentPane:
    pane = DocumentPane()
    qtbot.addWidget(pane)
    pane.resize(*size)
    pane.show()
    pane.show_application(path, aid)
    qtbot.waitUntil(lambda: pane.state not in ("loading", "empty"), timeout=5000)
    return pane


def ink(image: QImage) -> int:
    """Pixels clearly darker than paper: text and lines actually drawn."""
    img = image.scaled(image.width() // 4, image.height() // 4)
    return sum(1 for y in range(img.height()) for x in range(img.width()) if img.pixelColor(x, y).lightness() < 120)


def test_pdf_opens_and_renders_a_page(qtbot, session_path):
    pane = open_pane(qtbot, session_path, "A1")
    assert pane.state == "pdf"
    assert [d.name for d in pane.documents] == ["项目申报书.pdf", "现场照片.png"]  # the form first
    assert pane.tabs.count() == 2 and pane.tabs.tabText(0) == "项目申报书.pdf"
    assert pane.page_count_value() == 3 and pane.page_count.text() == "of 3"
    # the page is really drawn: wait for QtPdf's background rendering to put ink on the view
    qtbot.waitUntil(lambda: ink(pane.pdf_view.grab().toImage()) > 200, timeout=5000)


def test_pages_zoom_and_fit(qtbot, session_path):
    pane = open_pane(qtbot, session_path, "A1")
    assert pane.fit_button.isChecked() and pane.current_page() == 0
    assert not pane.prev_button.isEnabled() and pane.next_button.isEnabled()
    pane.next_page()
    qtbot.waitUntil(lambda: pane.current_page() == 1)
    assert pane.page_box.value() == 2
    pane.page_box.setValue(3)
    qtbot.waitUntil(lambda: pane.current_page() == 2)
    assert not pane.next_button.isEnabled()
    fit = pane.zoom_factor()
    pane.zoom_in()
    assert not pane.fit_button.isChecked() and pane.zoom_factor() > fit
    assert pane.zoom_label.text() == f"{round(pane.zoom_factor() * 100)}%"
    pane.set_zoom(0.5)
    assert pane.zoom_factor() == 0.5
    pane.zoom_out()
    assert pane.zoom_factor() < 0.5
    pane.fit_width()
    assert pane.fit_button.isChecked() and abs(pane.zoom_factor() - fit) < 0.01
    pane.resize(900, 820)
    qtbot.waitUntil(lambda: pane.zoom_factor() > fit + 0.1)  # fit to width follows the pane


def test_search_finds_text_on_every_page(qtbot, session_path):
    pane = open_pane(qtbot, session_path, "A1")
    pane.search("turbine")
    qtbot.waitUntil(lambda: pane.match_count() == 90, timeout=5000)  # 30 lines × 3 pages
    qtbot.waitUntil(lambda: pane.current_match() == 0)
    assert pane.search_status.text() == "1/90"
    pane.find_previous()
    assert pane.current_match() == 89
    qtbot.waitUntil(lambda: pane.current_page() == 2)
    pane.find_next()
    assert pane.current_match() == 0
    qtbot.waitUntil(lambda: pane.current_page() == 0)
    pane.search("没有这个词")
    qtbot.waitUntil(lambda: pane.search_status.text() == "No matches", timeout=5000)
    pane.search("申报书")  # Chinese text is searchable too (the font is embedded with its ToUnicode map)
    qtbot.waitUntil(lambda: pane.match_count() == 3, timeout=5000)


def test_image_is_scaled_to_the_pane(qtbot, session_path):
    pane = open_pane(qtbot, session_path, "A1")
    with qtbot.waitSignal(pane.state_changed, check_params_cb=lambda s: s == "image", timeout=5000):
        pane.select_document(1)
    assert pane.current.name == "现场照片.png"
    width = pane.image_label.pixmap().width()
    assert width <= pane.image_scroll.viewport().width() and width > 400
    assert not pane.page_box.isVisible() and pane.zoom_label.isVisible()
    pane.set_zoom(1.0)
    assert pane.image_label.pixmap().width() == 800
    # back to the PDF
    with qtbot.waitSignal(pane.state_changed, check_params_cb=lambda s: s == "pdf", timeout=5000):
        pane.select_document(0)


def test_no_documents_and_nothing_selected(qtbot, session_path):
    pane = open_pane(qtbot, session_path, "A3")
    assert pane.state == "no_documents" and "no documents" in pane.message.text()
    assert not pane.tabs.isVisible() and not pane.toolbar.isVisible()
    pane.show_application(None, None)
    assert pane.state == "empty" and "Select an application" in pane.message.text()


def test_unreadable_pdf_shows_a_message(qtbot, session_path):
    pane = open_pane(qtbot, session_path, "A4")
    assert pane.state == "damaged"
    assert "This PDF cannot be shown" in pane.message.text() and pane.message.isVisible()
    assert pane.tabs.tabText(0) == "坏文件.pdf"


def test_tampered_document_shows_a_message(qtbot, session_path):
    from reviewdesk.session import Session

    with Session.open(session_path) as s:
        sha = documents_of(s, "A2")[0].sha256
        rowid, data = s.conn.execute("SELECT rowid, data FROM blob_chunks WHERE sha256 = ?", (sha,)).fetchone()
        data = bytearray(data)
        data[-100] ^= 0x20  # one byte near the end: the PDF itself may still parse
        s.conn.execute("UPDATE blob_chunks SET data = ? WHERE rowid = ?", (bytes(data), rowid))
    pane = open_pane(qtbot, session_path, "A2")
    assert pane.state == "damaged"
    assert "does not match the digest" in pane.message.text() and "申报书.pdf" in pane.message.text()
    assert sha[:16] in pane.message.text()
    assert pane.tabs.isVisible() and pane.tabs.count() == 1  # the list stays: other documents can be opened


def test_a_quick_change_of_application_shows_the_last_one(qtbot, session_path):
    pane = DocumentPane()
    qtbot.addWidget(pane)
    pane.resize(600, 800)
    pane.show()
    pane.show_application(session_path, "A1")
    pane.show_application(session_path, "A2")
    qtbot.waitUntil(lambda: pane.state == "pdf", timeout=5000)
    qtbot.wait(200)  # A1's late answer, if any, must not replace A2
    assert pane.application_id == "A2" and [d.name for d in pane.documents] == ["申报书.pdf"]
    assert pane.page_count_value() == 1


def test_chinese_texts(qtbot, session_path, qapp):
    pane = open_pane(qtbot, session_path, "A3")
    i18n.install(i18n.CHINESE, qapp)
    qtbot.waitUntil(lambda: pane.message.text() == "该申报没有附件材料。")
    assert pane.fit_button.text() == "适合宽度" and pane.title() == "附件材料"
    i18n.install(i18n.ENGLISH, qapp)
    qtbot.waitUntil(lambda: pane.message.text() == "This application has no documents.")


def test_narrow_pane_puts_search_on_its_own_row(qtbot, session_path):
    pane = open_pane(qtbot, session_path, "A1", size=(900, 700))
    assert pane.search_row.y() == pane.prev_button.y() or abs(pane.search_row.geometry().center().y()
                                                               - pane.prev_button.geometry().center().y()) < 8
    pane.resize(420, 700)
    qtbot.waitUntil(lambda: pane.search_row.geometry().top() > pane.prev_button.geometry().bottom())
    assert pane.search_box.width() > 150  # room to type


def test_open_in_a_separate_window(qtbot, session_path):
    pane = open_pane(qtbot, session_path, "A1")
    with qtbot.waitSignal(pane.state_changed, check_params_cb=lambda s: s == "image", timeout=5000):
        pane.select_document(1)
    window = pane.open_in_window()
    qtbot.waitUntil(lambda: window.pane.state == "image", timeout=5000)
    assert window.pane.current.name == "现场照片.png" and "A1" in window.windowTitle()
    window.close()


def test_add_beside_a_dialog(qtbot, session_path):
    """How the chair's drill-down gets its documents: the dialog's content moves left of a splitter."""
    from ui.documents import add_beside
    from ui.qt import QDialog, QLabel, QSplitter, QVBoxLayout

    dialog = QDialog()
    qtbot.addWidget(dialog)
    layout = QVBoxLayout(dialog)
    table = QLabel("scores")
    layout.addWidget(table, 3)
    dialog.resize(640, 520)
    pane = add_beside(dialog, DocumentPane())
    pane.show_application(session_path, "A2")
    dialog.show()
    qtbot.waitUntil(lambda: pane.state == "pdf", timeout=5000)
    splitter = dialog.findChild(QSplitter, "documentsSplitter")
    assert splitter.widget(1) is pane and table.parent() is splitter.widget(0)
    assert dialog.width() >= 1100 and pane.width() > 400


def test_chair_drill_down_shows_the_documents(qtbot, session_path):
    """The chair's console: an application's scores, and its documents beside them."""
    from ui.chair.window import ChairWindow

    window = ChairWindow(session_path)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.snapshot is not None, timeout=10000)
    dialog = window.show_application("A1")
    qtbot.waitUntil(lambda: dialog.documents.state == "pdf", timeout=5000)
    assert [d.name for d in dialog.documents.documents] == ["项目申报书.pdf", "现场照片.png"]
    assert dialog.table.isVisible() and dialog.documents.isVisible()
    dialog.close()
