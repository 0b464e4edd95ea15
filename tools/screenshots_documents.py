"""Render the document reading pane to ``docs/screenshots/documents-*.png``.

    QT_QPA_PLATFORM=offscreen python tools/screenshots_documents.py [--out docs/screenshots]

Screens: the expert's workstation with the application form beside the rubric (Chinese and
English), the pane searching the form, a site photo, and a damaged document's message.
Everything is made in a temporary folder (the demo work copy, settings); nothing of the user's is
read or written.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from shots import ROOT, sandbox, save, settle


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    args = parser.parse_args(argv)

    tmp = sandbox("reviewdesk-shots-")

    from reviewdesk.demo import build_demo_work
    from reviewdesk.documents import documents_of
    from reviewdesk.session import Session
    from ui import i18n
    from ui.app import application
    from ui.documents import DocumentPane
    from ui.expert.window import ExpertWindow

    app = application([sys.argv[0]])
    work = build_demo_work(tmp / "demo.rdwork")

    for lang, code in (("zh", i18n.CHINESE), ("en", i18n.ENGLISH)):
        i18n.install(code, app)
        window = ExpertWindow.open(work)
        window.resize(1600, 940)
        window.show()
        window.main_splitter.setSizes([330, 1270])
        window.detail_splitter.setSizes([250, 470, 550])
        window.select_application("A-0003")
        settle(app, 1.0, until=lambda w=window: w.documents.state == "pdf")
        save(window, args.out / f"documents-expert-{lang}.png")
        window.close()
        settle(app)

    i18n.install(i18n.CHINESE, app)
    pane = DocumentPane()
    pane.resize(760, 900)
    pane.show()
    pane.show_application(work, "A-0001")
    settle(app, 0.5, until=lambda: pane.state == "pdf")
    pane.select_document(0)
    pane.next_page()
    pane.search("工业互联网")
    settle(app, 1.0, until=lambda: pane.match_count() > 0)
    save(pane, args.out / "documents-search-zh.png")
    photo = next(i for i, d in enumerate(pane.documents) if d.is_image)
    pane.select_document(photo)
    settle(app, 0.5, until=lambda: pane.state == "image")
    save(pane, args.out / "documents-image-zh.png")

    # A damaged work copy: one byte of a stored document changed behind ReviewDesk's back.
    damaged = tmp / "damaged.rdwork"
    damaged.write_bytes(work.read_bytes())
    with Session.open(damaged) as s:
        sha = documents_of(s, "A-0002")[0].sha256
        rowid, data = s.conn.execute("SELECT rowid, data FROM blob_chunks WHERE sha256 = ?", (sha,)).fetchone()
        data = bytearray(data)
        data[-300] ^= 0x01
        s.conn.execute("UPDATE blob_chunks SET data = ? WHERE rowid = ?", (bytes(data), rowid))
    i18n.install(i18n.ENGLISH, app)
    pane.resize(640, 520)
    pane.show_application(damaged, "A-0002")
    settle(app, 0.5, until=lambda: pane.state == "damaged")
    save(pane, args.out / "documents-damaged-en.png")
    pane.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
