"""Render the chair's console to ``docs/screenshots/chair-*-{zh,en}.png``.

    QT_QPA_PLATFORM=offscreen python tools/screenshots_chair.py [--out docs/screenshots]

Every screen as a chair meets it on the demo session: two experts registered and their signed
packages merged (a tampered one refused), a chair's decision, the stability check, a what-if,
the dialogs (new session, import preview, a refused file, a decision, one application's
scores), and the session after finalizing. Everything is made in a temporary folder (session,
key store, settings); nothing of the user's is read or written.
"""

from __future__ import annotations

import argparse
import shutil
import sys
from pathlib import Path

from shots import ROOT, sandbox, save, settle

PASS = "screenshot passphrase"


def prepare(tmp: Path) -> dict:
    """The demo session with two experts' certificates registered and packed, and their signed
    score packages (plus a tampered copy), made with the core as the experts' laptops would."""
    from reviewdesk.demo import build_demo
    from reviewdesk.exchange import export_scores, pack, roster_add, unpack
    from reviewdesk.reviews import set_score
    from reviewdesk.session import Session
    from reviewdesk.trust import create_identity

    chair = create_identity("李建华", "chair", PASS, kdf_log2_n=10)
    (tmp / "base").mkdir()
    base = build_demo(tmp / "base" / "demo.rdesk")
    experts = {e: create_identity(n, "expert", "expert passphrase", store=tmp / f"store-{e}", kdf_log2_n=10)
               for e, n in (("E01", "王建国"), ("E02", "李晓梅"))}
    with Session.open(base) as s:
        for e, ident in experts.items():
            roster_add(s, e, ident.cert_pem())
        scores = {e: s.conn.execute("SELECT application_id, criterion, points2 FROM scores WHERE expert_id = ?",
                                    (e,)).fetchall() for e in experts}
        pack_path = pack(s, tmp / "demo.rdpack", chair)
        s.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    packages = []
    for e, ident in experts.items():
        u = unpack(pack_path, tmp / f"{e}.rdwork", ident.certificate)
        with Session.open(u.path) as work:
            for aid, crit, p2 in scores[e]:
                set_score(work, aid, crit, str(p2 / 2))
            packages.append(export_scores(work, tmp / f"{e}-第1号.rdscores", ident)["path"])
    bad = tmp / "E02-第1号（已改动）.rdscores"
    data = bytearray(Path(packages[1]).read_bytes())
    data[len(data) // 2] ^= 0x01
    bad.write_bytes(bytes(data))
    return {"base": base, "packages": [*packages, bad]}


def shots(app, lang: str, prepared: dict, tmp: Path, out: Path) -> None:  # noqa: ANN001
    from decimal import Decimal

    from reviewdesk.session import Session
    from ui.chair.dialogs import NewSessionDialog
    from ui.chair.window import ChairWindow
    from ui.qt import QTimer

    folder = tmp / lang
    folder.mkdir()
    path = folder / "2021年度工业互联网奖补评审（演示）.rdesk"
    shutil.copy(prepared["base"], path)
    win = ChairWindow(path)
    win.resize(1440, 900)
    win.show()
    settle(app)

    def page(key: str, name: str | None = None) -> None:
        win.show_page(key)
        settle(app, 0.5)
        save(win, out / f"chair-{name or key}-{lang}.png")

    win.merge(prepared["packages"])
    settle(app)
    win.decide("A-0011", "award", "区级重点项目，现场核查情况良好，专家组一致同意支持" if lang == "zh" else
               "A district priority project; the site visit confirmed it; the panel agreed unanimously")
    settle(app)
    win.run_stability()
    settle(app)
    page("dashboard")
    page("applications")
    page("panel")
    page("scores")
    win.scores.tabs.setCurrentIndex(1)
    page("scores", "calibration")
    win.scores.tabs.setCurrentIndex(0)
    win.ranking.select_program("P01")
    page("ranking")
    win.ranking.select_program("P12")
    page("ranking", "ranking-pool")
    win.ranking.select_program("P01")
    win.show_page("whatif")
    win.whatif.set_options(aggregation="median", program="P01", quota=12)
    win.whatif.run()
    settle(app)
    page("whatif")
    page("audit")
    win.audit.view.selectRow(0)
    page("finalize")

    # dialogs
    new = NewSessionDialog(win)
    new.name_edit.setText("2022年度第一批工业互联网奖补评审")
    new.path_edit.setText(str(folder / "2022年度第一批.rdesk"))
    new.show()
    settle(app)
    save(new, out / f"chair-new-session-{lang}.png")
    new.close()
    tables = folder / "bureau"
    tables.mkdir()
    apps_csv = tables / "申报汇总表.csv"
    with Session.open(path, readonly=True) as s:
        rows = s.conn.execute("SELECT application_id, program, enterprise_name, credit_code, project_name, level, "
                              "actual_investment, requested_amount FROM applications ORDER BY application_id")
        lines = ["2021年度工业互联网奖补申报汇总表,,,,,,,", "申报编号,项目类别,企业名称,统一社会信用代码,项目名称,级别,"
                 "实际投入（万元）,申请金额（元）"]
        for r in rows:
            inv = "" if r[6] is None else f"{Decimal(r[6]) / 10000:.2f}"
            lines.append(",".join(["B" + r[0][1:], r[1], r[2], r[3], r[4], r[5] or "", inv,
                                   "" if r[7] is None else str(r[7])]))
    apps_csv.write_text("\n".join(lines) + "\n", encoding="utf-8-sig")
    dialog = win.open_import_dialog("applications", apps_csv)
    settle(app)
    save(dialog, out / f"chair-import-preview-{lang}.png")
    dialog.close()
    bad_csv = tables / "专家名单（有误）.csv"
    bad_csv.write_text("序号,姓名,单位\n1,王建国,山东大学\n", encoding="utf-8")
    dialog = win.open_import_dialog("experts", bad_csv)
    settle(app)
    save(dialog, out / f"chair-import-refused-{lang}.png")
    dialog.close()
    reason = win.open_decision_dialog("A-0012", "exclude")
    reason.reason_edit.setPlainText("现场核查发现实际投入与申报不符" if lang == "zh" else
                                    "The site visit found the investment differs from the application")
    settle(app)
    save(reason, out / f"chair-decision-{lang}.png")
    reason.reject()
    drill = win.show_application("A-0005")
    settle(app)
    save(drill, out / f"chair-drilldown-{lang}.png")
    drill.close()

    # after finalizing: read-only with a banner, and a verified PDF
    win.show_page("finalize")
    win.finalize_page.folder_edit.setText(str(folder / "定稿"))
    win.finalize_page.passphrase.setText(PASS)
    win.finalize_page.start()
    settle(app)
    pdf = next((folder / "定稿").glob("*.pdf"))
    win.verify(pdf)
    settle(app, 0.5)
    save(win, out / f"chair-finalized-{lang}.png")
    QTimer.singleShot(0, win.close)
    settle(app)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    args = parser.parse_args(argv)

    tmp = sandbox("reviewdesk-chair-shots-")

    from ui import i18n
    from ui.app import application

    app = application([sys.argv[0]])
    prepared = prepare(tmp)
    for lang, code in (("zh", i18n.CHINESE), ("en", i18n.ENGLISH)):
        i18n.install(code, app)
        shots(app, lang, prepared, tmp, args.out)
    shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
