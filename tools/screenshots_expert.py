"""Render the expert's main screens to ``docs/screenshots/expert-*-{zh,en}.png``.

    QT_QPA_PLATFORM=offscreen python tools/screenshots_expert.py [--out docs/screenshots]

Screens: the start page (``start-{zh,en}.png``), the scoring window with an application being
scored, the conflicts-of-interest dialog, the summary before handing in, the unpack window for
the chair's pack, and the identity dialog.
Everything is made in a temporary folder (demo data, throw-away keys, settings); nothing of the
user's is read or written.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from shots import ROOT, sandbox, save, settle

PASS = "screenshot passphrase"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    parser.add_argument("--lang", choices=["zh", "en", "both"], default="both")
    args = parser.parse_args(argv)

    tmp = sandbox("reviewdesk-shots-")

    from reviewdesk.demo import build_demo, build_demo_work
    from reviewdesk.exchange import pack, roster_add
    from reviewdesk.session import Session
    from reviewdesk.trust import create_identity
    from ui import i18n, settings
    from ui.app import application
    from ui.expert.dialogs import Prompts
    from ui.expert.unpack import UnpackWindow
    from ui.expert.window import ExpertWindow
    from ui.identity import IdentityDialog
    from ui.qt import Qt
    from ui.start import StartWindow

    app = application([sys.argv[0]])

    # The chair's pack for the unpack screen: the demo session, signed by a throw-away chair.
    chair = create_identity("李明（评审组长）", "评审组长", PASS, store=tmp / "chair-keys")
    me = create_identity("王芳", "评审专家", PASS)
    chair_session = build_demo(tmp / "demo.rdesk")
    with Session.open(chair_session) as s:
        roster_add(s, "E01", me.cert_pem())
        usb = tmp / "USB"
        usb.mkdir()
        pack_path = pack(s, usb / "2021年度工业互联网专家评审.rdpack", chair)

    class Quiet(Prompts):
        def confirm(self, *a: object) -> bool:
            return True

    languages = ["zh", "en"] if args.lang == "both" else [args.lang]
    for lang in languages:
        i18n.install(i18n.CHINESE if lang == "zh" else i18n.ENGLISH, app)
        work_path = build_demo_work(tmp / f"demo-{lang}.rdwork")

        # 0. The start page, with the files a panel member opened last.
        settings.clear_recent_files()
        for recent in (chair_session, pack_path, work_path):
            settings.add_recent_file(recent)
        start = StartWindow(remember_geometry=False)
        start.show()
        settle(app)
        save(start, args.out / f"start-{lang}.png")
        start.close()

        # 1. The scoring window: an application half scored, with a comment on the way.
        window = ExpertWindow.open(work_path)
        window.prompts = Quiet()
        window.resize(1440, 900)
        window.show()
        settle(app)
        window.select_application("A-0008")
        rubric = window.rubric
        for box, text in zip(rubric.boxes, ("26", "17.5", "12"), strict=False):
            box.score.setText(text)
            box.score.commit()
        rubric.boxes[0].comment.set_comment("采用5G与TSN承载关键工序控制业务，技术论证充分。")
        rubric.boxes[3].score.setFocus(Qt.FocusReason.TabFocusReason)
        settle(app)
        rubric.scroll.verticalScrollBar().setValue(0)  # the sheet from its top
        settle(app)
        save(window, args.out / f"expert-scoring-{lang}.png")

        # 2. A complete review with a total that asks for a comment.
        window.select_application("A-0009")
        for box in rubric.boxes:
            box.score.setText(str(box.criterion.max_points - (1 if box.criterion.max_points > 15 else 0)))
            box.score.commit()
        rubric.boxes[0].comment.setFocus()
        settle(app)
        save(window, args.out / f"expert-comment-needed-{lang}.png")

        # 3. Conflicts of interest.
        dialog = window.show_conflicts()
        dialog.model.setData(dialog.model.index(2, 0), Qt.CheckState.Checked.value, Qt.ItemDataRole.CheckStateRole)
        settle(app)
        save(dialog, args.out / f"expert-conflicts-{lang}.png")
        dialog.accept()

        # 4. The summary before handing in.
        summary = window.submit()
        settle(app)
        save(summary, args.out / f"expert-submit-{lang}.png")
        summary.reject()
        window.close()

        # 5. The chair's pack, checked and waiting for the fingerprint comparison.
        unpack_window = UnpackWindow(pack_path)
        unpack_window.destination.setText(str(tmp / "Documents" / "ReviewDesk" / "2021年度工业互联网专家评审.rdwork"))
        unpack_window.show()
        settle(app, until=lambda w=unpack_window: w.signer_fingerprint is not None)
        unpack_window.confirmed.setChecked(True)
        settle(app)
        save(unpack_window, args.out / f"expert-unpack-{lang}.png")
        unpack_window.close()

        # 6. My identity.
        identity = IdentityDialog()
        identity.show()
        settle(app)
        save(identity, args.out / f"expert-identity-{lang}.png")
        identity.close()
        settle(app)
    return 0


if __name__ == "__main__":
    sys.exit(main())
