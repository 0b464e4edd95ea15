"""The console's simpler screens: dashboard, applications, panel (roster, packing, merging) and
the audit log. Each page shows a :class:`~ui.chair.data.Snapshot` and asks its window
(:class:`ui.chair.window.ChairWindow`) to act; no page writes to the session itself.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from reviewdesk.exchange import MergeOutcome
from reviewdesk.reports.model import format_yuan, level_text

from ..qt import (
    QAbstractItemView,
    QEvent,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    Qt,
    QTableView,
    QVBoxLayout,
    QWidget,
)
from .data import AuditRow, ExpertInfo, ProgramProgress, Snapshot
from .dialogs import compact_table
from .models import CENTER, RIGHT, Column, RowsModel, lang

if TYPE_CHECKING:
    from .window import ChairWindow

GOOD, WARN, BAD = "#1d5b2f", "#7a5200", "#9a3412"


def local_time(iso: str | None) -> str:
    """``2026-11-27T10:42:00Z`` → local ``2026-11-27 18:42``."""
    if not iso:
        return ""
    try:
        when = dt.datetime.fromisoformat(iso.replace("Z", "+00:00"))
    except ValueError:
        return iso
    return when.astimezone().strftime("%Y-%m-%d %H:%M")


def heading(text: str = "") -> QLabel:
    label = QLabel(text)
    label.setObjectName("pageTitle")
    return label


def section(text: str = "") -> QLabel:
    label = QLabel(text)
    label.setProperty("heading", True)
    return label


def table_view(model: RowsModel, *, sortable: bool = True) -> QTableView:
    view = QTableView()
    compact_table(view)
    view.setModel(model)
    # No sort until the user asks: the rows come in their meaningful order (rank, newest first…).
    view.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
    view.setSortingEnabled(sortable)
    view.horizontalHeader().setSortIndicatorShown(sortable)
    view.horizontalHeader().setStretchLastSection(True)
    view.setWordWrap(False)
    view.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
    return view


def fit_columns(view: QTableView, widths: dict[int, int] | None = None) -> None:
    """Size columns to a sample of their contents (never all 20,000 rows), then fix some widths."""
    header = view.horizontalHeader()
    header.setResizeContentsPrecision(60)
    view.resizeColumnsToContents()
    for col, w in (widths or {}).items():
        header.resizeSection(col, w)
    for col in range(header.count()):
        if header.sectionSize(col) > 340:
            header.resizeSection(col, 340)


class Card(QFrame):
    """A number with a caption, for the dashboard's first row."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("card")
        self.value = QLabel("–")
        self.value.setObjectName("cardValue")
        self.caption = QLabel()
        self.caption.setObjectName("cardCaption")
        self.caption.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(14, 10, 14, 10)
        layout.setSpacing(2)
        layout.addWidget(self.value)
        layout.addWidget(self.caption)

    def set(self, value: str, caption: str, colour: str | None = None) -> None:
        self.value.setText(value)
        self.caption.setText(caption)
        self.value.setStyleSheet(f"color: {colour};" if colour else "")


class Page(QWidget):
    """A screen of the console. Subclasses fill :meth:`show_snapshot` and :meth:`retranslate`
    (with their own ``self.tr``: PySide looks strings up under the runtime class)."""

    def __init__(self, console: ChairWindow):
        super().__init__()
        self.console = console
        self.snapshot: Snapshot | None = None
        self.title = heading()

    def show_snapshot(self, snap: Snapshot) -> None:
        self.snapshot = snap

    def retranslate(self) -> None:
        pass

    def set_read_only(self, read_only: bool) -> None:
        pass

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
            if self.snapshot is not None:
                self.show_snapshot(self.snapshot)
        super().changeEvent(event)


def program_name(snap: Snapshot, pid: str) -> str:
    p = snap.policy.program(pid)
    if p is None:
        return pid
    return p.name if lang() == "zh" or not p.name_en else p.name_en


# ----------------------------------------------------------------------------- dashboard
class DashboardPage(Page):
    """Where the session stands: counts, progress per program and per expert, what blocks the shortlist."""

    def __init__(self, console: ChairWindow):
        super().__init__(console)
        self.cards = [Card() for _ in range(5)]
        cards = QHBoxLayout()
        cards.setSpacing(10)
        for c in self.cards:
            cards.addWidget(c, 1)
        self.blocker_title = section()
        self.blocker_text = QLabel()
        self.blocker_text.setWordWrap(True)
        self.blocker_model = RowsModel([
            Column(lambda b: b.application_id), Column(lambda b: b.program),
            Column(lambda b: b.enterprise), Column(lambda b: f"{b.reviews} / {b.needed}", align=CENTER)])
        self.blocker_view = table_view(self.blocker_model)
        self.program_model = RowsModel([
            Column(lambda p: f"{p.program_id} {program_name(self.snapshot, p.program_id)}" if self.snapshot else ""),
            Column(lambda p: str(p.applications), align=RIGHT, sort_key=lambda p: p.applications),
            Column(lambda p: str(p.reviews), align=RIGHT, sort_key=lambda p: p.reviews),
            Column(lambda p: str(p.ready), align=RIGHT, sort_key=lambda p: p.ready,
                   foreground=lambda p: GOOD if p.ready == p.applications else None),
            Column(lambda p: str(p.too_few) if p.too_few else "", align=RIGHT, sort_key=lambda p: p.too_few,
                   foreground=lambda p: WARN),
            Column(lambda p: str(p.unscored) if p.unscored else "", align=RIGHT, sort_key=lambda p: p.unscored,
                   foreground=lambda p: BAD),
            Column(self._awarded_text, align=RIGHT),
        ], key=lambda p: p.program_id)
        self.program_view = table_view(self.program_model)
        self.expert_model = RowsModel([
            Column(lambda e: e.expert_id), Column(lambda e: e.name),
            Column(lambda e: str(e.complete), align=RIGHT, sort_key=lambda e: e.complete),
            Column(self._share_text, align=RIGHT, sort_key=lambda e: e.complete),
            Column(self._package_text, foreground=lambda e: None if e.package_sequence else "#8a96a3"),
        ], key=lambda e: e.expert_id)
        self.expert_view = table_view(self.expert_model)
        self.program_title, self.expert_title = section(), section()
        left = QWidget()
        lv = QVBoxLayout(left)
        lv.setContentsMargins(0, 0, 0, 0)
        lv.addWidget(self.program_title)
        lv.addWidget(self.program_view)
        right = QWidget()
        rv = QVBoxLayout(right)
        rv.setContentsMargins(0, 0, 0, 0)
        rv.addWidget(self.expert_title)
        rv.addWidget(self.expert_view)
        split = QSplitter()
        split.addWidget(left)
        split.addWidget(right)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addLayout(cards)
        layout.addWidget(self.blocker_title)
        layout.addWidget(self.blocker_text)
        layout.addWidget(self.blocker_view)
        layout.addWidget(split, 1)
        self.retranslate()

    def retranslate(self) -> None:
        self.title.setText(self.tr("Dashboard"))
        self.blocker_title.setText(self.tr("What still blocks the shortlist"))
        self.program_title.setText(self.tr("Programs"))
        self.expert_title.setText(self.tr("Experts"))
        self.blocker_model.set_headers([self.tr("Application"), self.tr("Program"), self.tr("Enterprise"),
                                        self.tr("Complete reviews / needed")])
        self.program_model.set_headers([self.tr("Program"), self.tr("Apps", "applications, a column"),
                                        self.tr("Reviews", "complete reviews, a column"),
                                        self.tr("Enough", "applications with enough reviews"),
                                        self.tr("Too few"), self.tr("None", "applications without any review"),
                                        self.tr("Awarded / quota")])
        self.expert_model.set_headers([self.tr("Expert"), self.tr("Name"),
                                       self.tr("Reviews", "complete reviews, a column"),
                                       self.tr("Share", "of all applications"), self.tr("Last package merged")])
        self.program_view.setToolTip(self.tr("Apps: applications · Reviews: complete reviews · Enough: "
                                             "applications with enough complete reviews · Too few: with some but "
                                             "not enough · None: without any complete review"))

    def _awarded_text(self, p: ProgramProgress) -> str:
        if self.snapshot is None:
            return ""
        r = self.snapshot.program_result(p.program_id)
        if r is None:
            return ""
        n = sum(1 for e in r.entries if e.status == "awarded")
        if r.quota is not None:
            return f"{n} / {r.quota}"
        if r.budget_pool is not None:
            return self.tr("{n} (pool)").format(n=n)
        return str(n)

    def _share_text(self, e: ExpertInfo) -> str:
        total = self.snapshot.counts.get("applications", 0) if self.snapshot else 0
        return f"{100 * e.complete / total:.0f}%" if total else ""

    def _package_text(self, e: ExpertInfo) -> str:
        if not e.package_sequence:
            return self.tr("none yet")
        return self.tr("No. {n}, {when}").format(n=e.package_sequence, when=local_time(e.merged_at))

    def show_snapshot(self, snap: Snapshot) -> None:
        super().show_snapshot(snap)
        counts = snap.status_counts()
        with_cert = sum(1 for e in snap.experts if e.fingerprint)
        reviews = sum(p.reviews for p in snap.programs)
        self.cards[0].set(str(snap.counts.get("applications", 0)), self.tr("applications in {n} programs")
                          .format(n=len(snap.programs)))
        self.cards[1].set(str(len(snap.experts)), self.tr("experts, {n} with a registered certificate")
                          .format(n=with_cert))
        self.cards[2].set(str(reviews), self.tr("complete reviews"))
        self.cards[3].set(str(counts.get("awarded", 0)), self.tr("awards, {amount} yuan")
                          .format(amount=format_yuan(snap.awarded_amount())), GOOD)
        self.cards[4].set(str(len(snap.blockers)), self.tr("applications with too few reviews"),
                          BAD if snap.blockers else GOOD)
        self.blocker_model.set_rows(snap.blockers)
        if snap.blockers:
            none = sum(1 for b in snap.blockers if b.reviews == 0)
            self.blocker_text.setText(self.tr(
                "Applications with fewer complete reviews than their program needs: {n} (without any review: "
                "{none}). They stay out of the ranking until their reviews are merged.").format(
                n=len(snap.blockers), none=none))
            self.blocker_text.setStyleSheet(f"color: {BAD};")
        else:
            self.blocker_text.setText(self.tr("Every application has enough complete reviews."))
            self.blocker_text.setStyleSheet(f"color: {GOOD};")
        self.blocker_view.setVisible(bool(snap.blockers))
        rows = min(len(snap.blockers), 5)
        self.blocker_view.setFixedHeight(self.blocker_view.horizontalHeader().sizeHint().height()
                                         + rows * self.blocker_view.verticalHeader().defaultSectionSize() + 4)
        self.program_model.set_rows(snap.programs)
        self.expert_model.set_rows(snap.experts)
        for view in (self.program_view, self.expert_view, self.blocker_view):
            fit_columns(view)
        self.program_view.horizontalHeader().setStretchLastSection(False)
        self.program_view.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)


# ----------------------------------------------------------------------------- applications
class ApplicationsPage(Page):
    """The applications, and the imports that fill the session."""

    def __init__(self, console: ChairWindow):
        super().__init__(console)
        self.buttons: dict[str, QPushButton] = {}
        bar = QHBoxLayout()
        for kind in ("applications", "experts", "conflicts", "prior-awards", "scores"):
            b = QPushButton()
            b.clicked.connect(lambda _=False, k=kind: self.console.open_import_dialog(k))
            self.buttons[kind] = b
            bar.addWidget(b)
        self.documents_button = QPushButton()
        self.documents_button.clicked.connect(lambda: self.console.choose_documents_folder())
        bar.addWidget(self.documents_button)
        bar.addStretch(1)
        self.search = QLineEdit()
        self.search.setClearButtonEnabled(True)
        self.search.setMaximumWidth(260)
        bar.addWidget(self.search)
        self.hint = QLabel()
        self.hint.setObjectName("note")
        self.hint.setWordWrap(True)
        self.model = RowsModel([
            Column(lambda a: a.application_id),
            Column(lambda a: a.program),
            Column(lambda a: a.enterprise_name),
            Column(lambda a: a.project_name),
            Column(self._status, sort_key=self._status),
            Column(self._reviews, align=RIGHT, sort_key=self._review_count),
            Column(lambda a: format_yuan(a.requested_amount), align=RIGHT, sort_key=lambda a: a.requested_amount),
            Column(lambda a: level_text(a.level, lang())),
            Column(lambda a: a.credit_code),
        ], key=lambda a: a.application_id,
            search=lambda a: f"{a.application_id} {a.enterprise_name} {a.credit_code} {a.project_name} {a.program}")
        self.view = table_view(self.model)
        self.search.textChanged.connect(self.model.set_filter)
        self.view.doubleClicked.connect(self._open)
        self._entries: dict = {}
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addLayout(bar)
        layout.addWidget(self.hint)
        layout.addWidget(self.view, 1)
        self.retranslate()

    def retranslate(self) -> None:
        self.title.setText(self.tr("Applications"))
        texts = {"applications": self.tr("Import applications…"), "experts": self.tr("Import experts…"),
                 "conflicts": self.tr("Import conflicts…"), "prior-awards": self.tr("Import prior awards…"),
                 "scores": self.tr("Import paper score sheets…")}
        for kind, b in self.buttons.items():
            b.setText(texts[kind])
        self.documents_button.setText(self.tr("Import documents…"))
        self.documents_button.setToolTip(self.tr(
            "A folder of application forms and attachments (PDF, PNG, JPEG): one sub-folder per application "
            "(A-0001/申报书.pdf), or files whose names begin with the application's id (A-0002_申报书.pdf)."))
        self.search.setPlaceholderText(self.tr("Search id, enterprise, project…"))
        self.hint.setText(self.tr("Each file is checked whole before anything is written: a file with a problem "
                                  "imports nothing and lists every problem. You can also drop CSV or Excel files, "
                                  "or a folder of documents, on this window. Double-click an application to see "
                                  "its scores."))
        self.model.set_headers([self.tr("Application"), self.tr("Program"), self.tr("Enterprise"),
                                self.tr("Project"), self.tr("Status"), self.tr("Reviews", "complete reviews, a column"),
                                self.tr("Requested (yuan)"), self.tr("Level"), self.tr("Credit code")])

    def _review_count(self, a) -> int:
        return len(self.snapshot.inputs.panel.reviews.get(a.application_id, ())) if self.snapshot else 0

    def _reviews(self, a) -> str:
        return str(self._review_count(a))

    def _status(self, a) -> str:
        from reviewdesk.reports.model import status_text

        if self.snapshot is None:
            return ""
        e = self._entries.get(a.application_id)
        return status_text(e.status, lang()) if e else ""

    def show_snapshot(self, snap: Snapshot) -> None:
        super().show_snapshot(snap)
        self._entries = snap.entries()
        self.model.set_rows(snap.inputs.applications)
        fit_columns(self.view)

    def set_read_only(self, read_only: bool) -> None:
        for b in [*self.buttons.values(), self.documents_button]:
            b.setEnabled(not read_only)

    def _open(self, index) -> None:
        self.console.show_application(self.model.row_at(index.row()).application_id)


# ----------------------------------------------------------------------------- panel
class PanelPage(Page):
    """The roster with fingerprints; register certificates, pack for the experts, merge packages."""

    def __init__(self, console: ChairWindow):
        super().__init__(console)
        self.register_button = QPushButton()
        self.pack_button = QPushButton()
        self.merge_button = QPushButton()
        self.paper_button = QPushButton()
        self.register_button.clicked.connect(self._register)
        self.pack_button.clicked.connect(self.console.open_pack_dialog)
        self.merge_button.clicked.connect(self.console.choose_packages)
        self.paper_button.clicked.connect(lambda: self.console.open_import_dialog("scores"))
        bar = QHBoxLayout()
        for b in (self.register_button, self.pack_button, self.merge_button, self.paper_button):
            bar.addWidget(b)
        bar.addStretch(1)
        self.chair_label = QLabel()
        self.chair_label.setObjectName("note")
        self.chair_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.roster_model = RowsModel([
            Column(lambda e: e.expert_id), Column(lambda e: e.name), Column(lambda e: e.organization or ""),
            Column(self._fingerprint, foreground=lambda e: None if e.fingerprint else WARN,
                   tooltip=self._cert_tip),
            Column(lambda e: str(e.complete), align=RIGHT, sort_key=lambda e: e.complete),
            Column(lambda e: str(e.conflicts) if e.conflicts else "", align=RIGHT),
            Column(lambda e: str(e.package_sequence or ""), align=RIGHT),
            Column(lambda e: local_time(e.merged_at)),
        ], key=lambda e: e.expert_id)
        self.roster_view = table_view(self.roster_model)
        self.roster_view.doubleClicked.connect(self._register)
        self.merge_title = section()
        self.drop_hint = QLabel()
        self.drop_hint.setObjectName("dropZone")
        self.drop_hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.drop_hint.setWordWrap(True)
        self.outcome_model = RowsModel([
            Column(lambda o: o.file),
            Column(self._outcome_status, foreground=lambda o: {"merged": GOOD, "already": "#5b6875"}.get(o.status, BAD),
                   bold=lambda o: o.status == "refused"),
            Column(lambda o: o.message, tooltip=lambda o: o.message),
        ])
        self.outcome_view = table_view(self.outcome_model, sortable=False)
        self.outcome_view.setMinimumHeight(120)
        self.roster_title = section()
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addLayout(bar)
        layout.addWidget(self.chair_label)
        layout.addWidget(self.roster_title)
        layout.addWidget(self.roster_view, 3)
        layout.addWidget(self.merge_title)
        layout.addWidget(self.drop_hint)
        layout.addWidget(self.outcome_view, 2)
        self.retranslate()

    def retranslate(self) -> None:
        self.title.setText(self.tr("Panel"))
        self.register_button.setText(self.tr("Register a certificate…"))
        self.pack_button.setText(self.tr("Pack the session for the experts…"))
        self.merge_button.setText(self.tr("Merge score packages…"))
        self.paper_button.setText(self.tr("Import paper score sheets…"))
        self.roster_title.setText(self.tr("Roster"))
        self.merge_title.setText(self.tr("Merged score packages"))
        self.drop_hint.setText(self.tr("Drop the experts' score packages (.rdscores) here — several at once. "
                                       "Each is checked (signature, session, sequence) and merged on its own."))
        self.roster_model.set_headers([self.tr("Expert"), self.tr("Name"), self.tr("Organization"),
                                       self.tr("Certificate fingerprint"), self.tr("Complete reviews"),
                                       self.tr("Conflicts"), self.tr("Package"), self.tr("Merged at")])
        self.outcome_model.set_headers([self.tr("File"), self.tr("Result"), self.tr("Details")])
        if self.snapshot is not None:
            self._chair_text(self.snapshot)

    def _fingerprint(self, e: ExpertInfo) -> str:
        return e.fingerprint or self.tr("No certificate registered")

    def _cert_tip(self, e: ExpertInfo) -> str | None:
        if not e.fingerprint:
            return self.tr("Register the expert's certificate before packing: their work copy is made for it.")
        return self.tr("Certificate of {name}; compare the fingerprint aloud with the expert.").format(
            name=e.certificate_name or e.name)

    def _outcome_status(self, o: MergeOutcome) -> str:
        return {"merged": self.tr("merged"), "already": self.tr("already merged"),
                "refused": self.tr("refused")}.get(o.status, o.status)

    def _chair_text(self, snap: Snapshot) -> None:
        fp = snap.meta.get("chair_readable_fingerprint")
        if fp:
            self.chair_label.setText(self.tr("Packed and signed by the chair {name}, fingerprint {fp}: experts "
                                             "compare it when they open the pack.")
                                     .format(name=snap.meta.get("chair_name", ""), fp=fp))
        else:
            self.chair_label.setText(self.tr("Not packed yet. Register each expert's certificate, then pack the "
                                             "session and hand the file to the experts."))

    def show_snapshot(self, snap: Snapshot) -> None:
        super().show_snapshot(snap)
        self.roster_model.set_rows(snap.experts)
        self._chair_text(snap)
        fit_columns(self.roster_view)

    def show_outcomes(self, outcomes: list[MergeOutcome]) -> None:
        self.outcome_model.set_rows(outcomes)
        fit_columns(self.outcome_view)

    def set_read_only(self, read_only: bool) -> None:
        for b in (self.register_button, self.pack_button, self.merge_button, self.paper_button):
            b.setEnabled(not read_only)

    def selected_expert(self) -> str | None:
        rows = self.roster_view.selectionModel().selectedRows() if self.roster_view.selectionModel() else []
        return self.roster_model.row_at(rows[0].row()).expert_id if rows else None

    def _register(self, *_) -> None:
        if self.snapshot is not None and not self.snapshot.finalized:
            self.console.open_certificate_dialog(self.selected_expert())


# ----------------------------------------------------------------------------- audit log
class AuditPage(Page):
    """Every change to the session, newest first, as the audit chain holds it."""

    def __init__(self, console: ChairWindow):
        super().__init__(console)
        self.search = QLineEdit()
        self.search.setClearButtonEnabled(True)
        self.search.setMaximumWidth(300)
        self.check_button = QPushButton()
        self.check_button.clicked.connect(self.console.check_audit_chain)
        self.result = QLabel()
        self.result.setWordWrap(True)
        bar = QHBoxLayout()
        bar.addWidget(self.search)
        bar.addWidget(self.check_button)
        bar.addWidget(self.result, 1)
        self.model = RowsModel([
            Column(lambda a: str(a.seq), align=RIGHT, sort_key=lambda a: a.seq),
            Column(lambda a: local_time(a.at), sort_key=lambda a: a.at),
            Column(lambda a: a.actor or ""),
            Column(self.action_text, bold=lambda a: a.action.startswith(("decision.", "finalize"))),
            Column(self.detail_text, tooltip=self.detail_text),
        ], key=lambda a: str(a.seq), search=lambda a: f"{a.action} {self.action_text(a)} {self.detail_text(a)} "
                                                      f"{a.actor or ''}")
        self.view = table_view(self.model)
        self.search.textChanged.connect(self.model.set_filter)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addLayout(bar)
        layout.addWidget(self.view, 1)
        self.retranslate()

    def retranslate(self) -> None:
        self.title.setText(self.tr("Audit log"))
        self.search.setPlaceholderText(self.tr("Search the log…"))
        self.check_button.setText(self.tr("Check the audit chain"))
        self.model.set_headers([self.tr("No."), self.tr("Time"), self.tr("By"), self.tr("Action"), self.tr("Details")])

    def action_text(self, a: AuditRow) -> str:
        words = {
            "session.create": self.tr("Session created"), "import.applications": self.tr("Applications imported"),
            "import.experts": self.tr("Experts imported"), "import.conflicts": self.tr("Conflicts imported"),
            "import.scores": self.tr("Paper score sheets imported"),
            "import.prior_awards": self.tr("Prior awards imported"),
            "import.documents": self.tr("Documents imported"), "roster.add": self.tr("Certificate registered"),
            "session.pack": self.tr("Packed for the experts"), "scores.merge": self.tr("Score package merged"),
            "decision.award": self.tr("Chair's decision: award"),
            "decision.exclude": self.tr("Chair's decision: exclusion"),
            "decision.clear": self.tr("Chair's decision withdrawn"), "finalize": self.tr("Finalized"),
            "score.set": self.tr("Score entered"), "comment.set": self.tr("Comment entered"),
            "conflict.declare": self.tr("Conflict declared"),
        }
        return words.get(a.action, a.action)

    def detail_text(self, a: AuditRow) -> str:
        d = a.detail
        parts = []
        for key in ("application_id", "expert_id", "file", "rows", "sequence", "reason", "name", "year", "policy",
                    "added", "replaced"):
            if key in d and d[key] not in (None, ""):
                parts.append(f"{key}: {d[key]}")
        if not parts:
            parts = [f"{k}: {v}" for k, v in d.items() if not isinstance(v, dict | list) and len(str(v)) < 80][:4]
        return " · ".join(parts)

    def show_snapshot(self, snap: Snapshot) -> None:
        super().show_snapshot(snap)
        self.model.set_rows(snap.audit)
        fit_columns(self.view, {3: 200})

    def show_chain(self, ok: bool, text: str) -> None:
        self.result.setText(text)
        self.result.setStyleSheet(f"color: {GOOD if ok else BAD};")


__all__ = ["ApplicationsPage", "AuditPage", "Card", "DashboardPage", "Page", "PanelPage", "fit_columns", "heading",
           "local_time", "program_name", "section", "table_view"]
