"""The chair's dialogs: a new session, an import with its preview, a decision's reason, the
passphrase, registering a certificate, and one application's scores in detail.

Each dialog is opened with ``open()`` (never ``exec()``) and exposes its fields and actions as
attributes and methods, so tests fill them in and call :meth:`accept` as a person would click.
"""

from __future__ import annotations

import os
from pathlib import Path

from reviewdesk.errors import InputError, ReviewDeskError
from reviewdesk.fields import FIELD_NAMES_EN, FIELD_NAMES_ZH
from reviewdesk.policy import Policy, load_catalog, shipped_catalogs
from reviewdesk.session import SESSION_SUFFIX, Session

from .. import settings
from ..errors import show_error
from ..qt import (
    QAbstractItemView,
    QComboBox,
    QCoreApplication,
    QDialog,
    QDialogButtonBox,
    QEvent,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QStandardPaths,
    Qt,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
    Signal,
)
from ..tasks import Task, run_task
from .data import IMPORT_KINDS, DrillDown, Preview, preview_import
from .models import Column, RowsModel, lang, total_text

LAST_FOLDER_KEY = "chair/lastFolder"
TABLE_FILTER = "CSV / Excel (*.csv *.xlsx *.xlsm *.txt)"


def last_folder() -> str:
    folder = str(settings.settings().value(LAST_FOLDER_KEY, "") or "")
    if folder and os.path.isdir(folder):
        return folder
    return QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)


def remember_folder(path: str | os.PathLike[str]) -> None:
    p = Path(path)
    settings.settings().setValue(LAST_FOLDER_KEY, str(p if p.is_dir() else p.parent))


def field_name(field: str) -> str:
    return (FIELD_NAMES_ZH if lang() == "zh" else FIELD_NAMES_EN).get(field, field)


def compact_table(view: QTableView | QTableWidget) -> None:
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setAlternatingRowColors(True)
    view.verticalHeader().setVisible(False)
    view.verticalHeader().setDefaultSectionSize(view.fontMetrics().height() + 10)
    view.horizontalHeader().setHighlightSections(False)


# ----------------------------------------------------------------------------- new session
class NewSessionDialog(QDialog):
    """Policy, year (within the policy's period), name and file: :meth:`create_session` makes it."""

    created = Signal(Path)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("NewSessionDialog")
        self.setMinimumWidth(560)
        self.policies: list[Policy] = []
        self.policy_box = QComboBox()
        for f in shipped_catalogs():
            try:
                p = load_catalog(f)
            except ReviewDeskError:
                continue  # a broken catalog is reported by `reviewdesk policy list`, not here
            self.policies.append(p)
            self.policy_box.addItem(p.name, p.id)
        self.year_box = QSpinBox()
        self.name_edit = QLineEdit()
        self.path_edit = QLineEdit()
        self.browse_button = QPushButton()
        self.browse_button.clicked.connect(self.choose_path)
        self.period_label = QLabel()
        self.period_label.setObjectName("note")
        path_row = QHBoxLayout()
        path_row.addWidget(self.path_edit, 1)
        path_row.addWidget(self.browse_button)
        self.form = QFormLayout()
        self.policy_label, self.year_label, self.name_label, self.path_label = QLabel(), QLabel(), QLabel(), QLabel()
        self.form.addRow(self.policy_label, self.policy_box)
        self.form.addRow("", self.period_label)
        self.form.addRow(self.year_label, self.year_box)
        self.form.addRow(self.name_label, self.name_edit)
        self.form.addRow(self.path_label, path_row)
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.setSpacing(12)
        layout.addWidget(self.intro)
        layout.addLayout(self.form)
        layout.addWidget(self.buttons)
        self.policy_box.currentIndexChanged.connect(self._policy_changed)
        self.retranslate()
        self._policy_changed()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("New review session"))
        self.intro.setText(self.tr("A session holds one call for applications: its policy, the applications, "
                                   "the panel and their scores. The policy's catalog is copied into the file, "
                                   "so a later change of the catalog never changes this session's result."))
        self.policy_label.setText(self.tr("Policy:"))
        self.year_label.setText(self.tr("Year:"))
        self.name_label.setText(self.tr("Name:"))
        self.path_label.setText(self.tr("File:"))
        self.name_edit.setPlaceholderText(self.tr("e.g. 2021 first batch, Industrial Internet awards"))
        self.path_edit.setPlaceholderText(self.tr("Where to save the session (.rdesk)"))
        self.browse_button.setText(self.tr("Choose…"))
        self._policy_changed()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def policy(self) -> Policy | None:
        i = self.policy_box.currentIndex()
        return self.policies[i] if 0 <= i < len(self.policies) else None

    def _policy_changed(self) -> None:
        p = self.policy()
        if p is None:
            self.period_label.setText(self.tr("No policy catalog is installed."))
            return
        years = p.years()
        self.year_box.setRange(years.start, years.stop - 1)
        self.period_label.setText(self.tr("Valid {start} to {end}; the year must fall in this period.")
                                  .format(start=p.valid_from.isoformat(), end=p.valid_to.isoformat()))

    def choose_path(self) -> None:
        name = self.name_edit.text().strip() or f"{self.year_box.value()}"
        start = os.path.join(last_folder(), name + SESSION_SUFFIX)
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Save the new session as"), start,
                                              f"ReviewDesk (*{SESSION_SUFFIX})")
        if path:
            self.path_edit.setText(path)

    def chosen_path(self) -> Path | None:
        text = self.path_edit.text().strip()
        if not text:
            return None
        p = Path(text).expanduser()
        return p if p.suffix.lower() == SESSION_SUFFIX else p.with_name(p.name + SESSION_SUFFIX)

    def create_session(self) -> Path:
        """Create the session file (small and quick: on the GUI thread); errors are raised."""
        policy = self.policy()
        path = self.chosen_path()
        if policy is None:
            raise InputError(self.tr("Choose a policy."))
        if path is None:
            raise InputError(self.tr("Choose where to save the session."))
        name = self.name_edit.text().strip() or None
        Session.create(path, policy, self.year_box.value(), name).close()
        remember_folder(path)
        return path

    def accept(self) -> None:
        try:
            path = self.create_session()
        except Exception as exc:  # noqa: BLE001 - shown, the dialog stays open to correct it
            show_error(self, exc)
            return
        super().accept()
        self.created.emit(path)


# ----------------------------------------------------------------------------- import with preview
class ImportDialog(QDialog):
    """Choose what to import and the file; see its first rows as they will be read; import.

    The preview reads the file in the background (:meth:`load_preview`); importing is the
    window's job (``import_requested(kind, path)``), which closes the dialog when it succeeded.
    """

    import_requested = Signal(str, Path)

    def __init__(self, parent: QWidget | None = None, kind: str = "applications", path: str | Path | None = None):
        super().__init__(parent)
        self.setObjectName("ImportDialog")
        self.setSizeGripEnabled(True)
        self.preview: Preview | None = None
        self.preview_error: ReviewDeskError | None = None
        self.task: Task | None = None
        self.kind_box = QComboBox()
        for k in IMPORT_KINDS:
            self.kind_box.addItem("", k)
        self.kind_box.setCurrentIndex(max(0, self.kind_box.findData(kind)))
        self.path_edit = QLineEdit(str(path) if path else "")
        self.path_edit.setReadOnly(True)
        self.browse_button = QPushButton()
        self.browse_button.clicked.connect(self.choose_file)
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        self.hint.setObjectName("note")
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.table = QTableView()
        compact_table(self.table)
        self.model = RowsModel([], self.table)
        self.table.setModel(self.model)
        form = QFormLayout()
        self.kind_label, self.file_label = QLabel(), QLabel()
        row = QHBoxLayout()
        row.addWidget(self.path_edit, 1)
        row.addWidget(self.browse_button)
        form.addRow(self.kind_label, self.kind_box)
        form.addRow(self.file_label, row)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.import_button = self.buttons.addButton("", QDialogButtonBox.ButtonRole.AcceptRole)
        self.import_button.setEnabled(False)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.setSpacing(10)
        layout.addLayout(form)
        layout.addWidget(self.hint)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.buttons)
        self.kind_box.currentIndexChanged.connect(self._kind_changed)
        self.resize(860, 520)
        self.retranslate()
        if path:
            self.load_preview()

    def kind_title(self, kind: str) -> str:
        titles = {"applications": self.tr("Applications"), "experts": self.tr("Experts (the panel)"),
                  "conflicts": self.tr("Declared conflicts of interest"), "prior-awards": self.tr("Prior awards"),
                  "scores": self.tr("Paper score sheets (clerk entry)")}
        return titles[kind]

    def kind_hint(self, kind: str) -> str:
        hints = {
            "applications": self.tr("Required columns: application_id 申报编号, program 项目类别, enterprise_name "
                                    "企业名称, credit_code 统一社会信用代码, project_name 项目名称. An application "
                                    "already in the session is refused."),
            "experts": self.tr("Required columns: expert_id 专家编号, name 姓名; optional: organization 单位."),
            "conflicts": self.tr("Required columns: expert_id 专家编号, credit_code 统一社会信用代码."),
            "prior-awards": self.tr("Required columns: credit_code 统一社会信用代码, project_name 项目名称, program "
                                    "项目类别, year 年度, amount 金额; optional: level 级别."),
            "scores": self.tr("Required columns: expert_id 专家编号, application_id 申报编号, criterion 评分项, "
                              "score 得分; optional: comment 意见. A score already in the session is replaced."),
        }
        return hints[kind]

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Import"))
        self.kind_label.setText(self.tr("Import:"))
        self.file_label.setText(self.tr("File:"))
        self.browse_button.setText(self.tr("Choose file…"))
        self.import_button.setText(self.tr("Import"))
        for i in range(self.kind_box.count()):
            self.kind_box.setItemText(i, self.kind_title(self.kind_box.itemData(i)))
        self.hint.setText(self.kind_hint(self.kind()) + " " + self.tr(
            "CSV (UTF-8 or GB18030) or Excel .xlsx; the whole file is checked first, and a file with any problem "
            "imports nothing."))
        self._show_preview()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def kind(self) -> str:
        return str(self.kind_box.currentData())

    def path(self) -> Path | None:
        text = self.path_edit.text().strip()
        return Path(text) if text else None

    def set_file(self, kind: str, path: str | Path) -> Task | None:
        """Choose ``kind`` and ``path`` (as the person would) and read the preview."""
        self.kind_box.blockSignals(True)
        self.kind_box.setCurrentIndex(max(0, self.kind_box.findData(kind)))
        self.kind_box.blockSignals(False)
        self.path_edit.setText(str(path))
        self.hint.setText(self.kind_hint(self.kind()))
        return self.load_preview()

    def choose_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Choose the file to import"), last_folder(),
                                              f"{TABLE_FILTER};;{self.tr('All files (*)')}")
        if path:
            remember_folder(path)
            self.path_edit.setText(path)
            self.load_preview()

    def _kind_changed(self) -> None:
        self.retranslate()
        if self.path() is not None:
            self.load_preview()

    def load_preview(self) -> Task | None:
        path, kind = self.path(), self.kind()
        self.preview, self.preview_error = None, None
        self.import_button.setEnabled(False)
        if path is None:
            self._show_preview()
            return None
        self.summary.setText(self.tr("Reading {file}…").format(file=path.name))

        def work(progress):
            return preview_import(kind, path)

        def failed(exc: BaseException) -> None:
            if isinstance(exc, ReviewDeskError):
                self.preview_error = exc
                self._show_preview()
            else:
                show_error(self, exc)

        self.task = run_task(self, work, label=self.tr("Reading the file…"), on_success=self._previewed,
                             on_failure=failed, show_after_ms=800)
        return self.task

    def _previewed(self, preview: Preview) -> None:
        self.preview = preview
        self._show_preview()

    def _show_preview(self) -> None:
        p, err = self.preview, self.preview_error
        if err is not None:
            self.summary.setText("<b>" + self.tr("This file cannot be imported:") + "</b> " + str(err))
            self.summary.setStyleSheet("color: #9a3412;")
            model = RowsModel([Column(lambda q: "" if q.row is None else str(q.row)),
                               Column(lambda q: q.column or ""), Column(lambda q: q.value or ""),
                               Column(lambda q: str(q.message))], self.table)
            model.set_headers([self.tr("Row"), self.tr("Column"), self.tr("Value"), self.tr("Problem")])
            model.set_rows(err.problems)
            self._set_model(model)
            self.import_button.setEnabled(False)
            return
        self.summary.setStyleSheet("")
        if p is None:
            if self.path() is None:
                self.summary.setText(self.tr("Choose a file to see its first rows."))
            self._set_model(RowsModel([], self.table))
            return
        columns = [Column(lambda r: str(r[0]))] + [Column(lambda r, k=k: r[1][k]) for k in range(len(p.fields))]
        model = RowsModel(columns, self.table)
        heads = [self.tr("Row")]
        for f, h, unit in zip(p.fields, p.headers, p.units, strict=True):
            label = f"{h}\n→ {field_name(f)}"
            if unit == "万元":
                label += " " + self.tr("(×10,000 yuan)")
            heads.append(label)
        model.set_headers(heads)
        model.set_rows(p.rows)
        self._set_model(model)
        text = self.tr("{file}: header on row {row}; {n} data rows. The first {shown} are shown as they will be "
                       "read.").format(file=p.file, row=p.header_row, n=p.total_rows, shown=len(p.rows))
        if p.ignored:
            text += " " + self.tr("Columns not imported: {names}.").format(names="、".join(p.ignored))
        self.summary.setText(text)
        self.import_button.setEnabled(p.total_rows > 0)

    def _set_model(self, model: RowsModel) -> None:
        old = self.table.model()
        self.model = model
        self.table.setModel(model)
        if old is not None and old is not model:
            old.deleteLater()
        header = self.table.horizontalHeader()
        header.setResizeContentsPrecision(50)
        self.table.resizeColumnsToContents()
        header.setStretchLastSection(True)

    def accept(self) -> None:
        path = self.path()
        if path is None or self.preview is None:
            return
        self.import_requested.emit(self.kind(), path)

    def done_importing(self) -> None:
        super().accept()


# ----------------------------------------------------------------------------- a decision's reason
class ReasonDialog(QDialog):
    """The chair's decision on one application, with the written reason it always needs."""

    def __init__(self, parent: QWidget | None, kind: str, application_id: str, description: str = ""):
        super().__init__(parent)
        self.setObjectName("ReasonDialog")
        self.kind = kind
        self.application_id = application_id
        self.setMinimumWidth(480)
        self.question = QLabel()
        self.question.setWordWrap(True)
        self.reason_edit = QPlainTextEdit()
        self.reason_edit.setTabChangesFocus(True)
        self.reason_edit.setMinimumHeight(90)
        self.note = QLabel()
        self.note.setObjectName("note")
        self.note.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.question)
        layout.addWidget(self.reason_edit)
        layout.addWidget(self.note)
        layout.addWidget(self.buttons)
        self.description = description
        self.reason_edit.textChanged.connect(self._changed)
        self.retranslate()
        self._changed()

    def retranslate(self) -> None:
        titles = {"award": self.tr("Force an award"), "exclude": self.tr("Force an exclusion"),
                  "clear": self.tr("Withdraw the chair's decision")}
        self.setWindowTitle(titles.get(self.kind, self.kind))
        questions = {
            "award": self.tr("Award {app} by the chair's decision, whatever its rank? It takes a place of the "
                             "quota (and of the budget pool) first."),
            "exclude": self.tr("Exclude {app} by the chair's decision? It leaves the ranking and its place goes to "
                               "the next application."),
            "clear": self.tr("Withdraw the chair's decision on {app}? The rules decide it again."),
        }
        app = self.application_id + (f" {self.description}" if self.description else "")
        self.question.setText(questions.get(self.kind, "{app}").format(app=app))
        self.reason_edit.setPlaceholderText(self.tr("The reason, as it will be printed on the shortlist and kept in "
                                                    "the audit log"))
        self._changed()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def reason(self) -> str:
        return self.reason_edit.toPlainText().strip()

    def _changed(self) -> None:
        ok = bool(self.reason())
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(ok)
        self.note.setText("" if ok else self.tr("A decision needs a written reason."))

    def accept(self) -> None:
        if not self.reason():  # the OK button is disabled; Enter or a test may still get here
            self.note.setText(self.tr("A decision needs a written reason."))
            self.reason_edit.setFocus()
            return
        super().accept()


# ----------------------------------------------------------------------------- passphrase
class PassphraseDialog(QDialog):
    """The chair's passphrase, to sign with their identity (which is named, so they see who signs)."""

    def __init__(self, parent: QWidget | None, purpose: str):
        super().__init__(parent)
        self.setObjectName("PassphraseDialog")
        self.setMinimumWidth(460)
        self.purpose = QLabel(purpose)
        self.purpose.setWordWrap(True)
        self.who = QLabel()
        self.who.setWordWrap(True)
        self.who.setObjectName("note")
        self.edit = QLineEdit()
        self.edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.label = QLabel()
        form = QFormLayout()
        form.addRow(self.label, self.edit)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.purpose)
        layout.addWidget(self.who)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self.setWindowTitle(self.tr("Sign with your identity"))
        self.label.setText(self.tr("Passphrase:"))
        self.who.setText(self.identity_text())

    def identity_text(self) -> str:
        return signing_identity_text()

    def passphrase(self) -> str:
        return self.edit.text()


def signing_identity() -> tuple[str, str] | None:
    """``(name, readable fingerprint)`` of the identity on this computer; ``None`` if there is none."""
    from reviewdesk.trust import certificate_name, identity_exists, load_certificate, readable_fingerprint

    if not identity_exists():
        return None
    cert = load_certificate()
    return certificate_name(cert), readable_fingerprint(cert)


def signing_identity_text() -> str:
    """Who will sign, as the passphrase dialog and the finalize page say it: the identity on this
    computer, or how to make one."""
    try:
        who = signing_identity()
    except ReviewDeskError as exc:
        return str(exc)
    if who is None:
        return QCoreApplication.translate(
            "SigningIdentity", "There is no identity on this computer yet: create one with “My identity” on the "
                               "start page (or `reviewdesk key new`).")
    return QCoreApplication.translate("SigningIdentity", "Signing as {name}, fingerprint {fp}").format(
        name=who[0], fp=who[1])


# ----------------------------------------------------------------------------- register a certificate
class CertificateDialog(QDialog):
    """Register an expert's certificate: the expert, the file, and its fingerprint to compare aloud."""

    def __init__(self, parent: QWidget | None, experts: list[tuple[str, str]], expert_id: str | None = None):
        super().__init__(parent)
        self.setObjectName("CertificateDialog")
        self.setMinimumWidth(560)
        self.expert_box = QComboBox()
        self.expert_box.setEditable(True)
        for eid, name in experts:
            self.expert_box.addItem(f"{eid}  {name}", eid)
        if expert_id is not None:
            self.expert_box.setCurrentIndex(max(0, self.expert_box.findData(expert_id)))
        self.path_edit = QLineEdit()
        self.path_edit.setReadOnly(True)
        self.browse = QPushButton()
        self.browse.clicked.connect(self.choose_file)
        self.fingerprint = QLabel()
        self.fingerprint.setWordWrap(True)
        self.fingerprint.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.note = QLabel()
        self.note.setObjectName("note")
        self.note.setWordWrap(True)
        row = QHBoxLayout()
        row.addWidget(self.path_edit, 1)
        row.addWidget(self.browse)
        self.expert_label, self.file_label = QLabel(), QLabel()
        form = QFormLayout()
        form.addRow(self.expert_label, self.expert_box)
        form.addRow(self.file_label, row)
        form.addRow("", self.fingerprint)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.note)
        layout.addWidget(self.buttons)
        self.setWindowTitle(self.tr("Register an expert's certificate"))
        self.expert_label.setText(self.tr("Expert:"))
        self.file_label.setText(self.tr("Certificate:"))
        self.browse.setText(self.tr("Choose…"))
        self.note.setText(self.tr("Ask the expert to read their fingerprint aloud from their own computer (“My "
                                  "identity”) and compare it with the one shown here before you register it."))

    def expert_id(self) -> str:
        data = self.expert_box.currentData()
        text = self.expert_box.currentText().strip()
        if data is not None and text == self.expert_box.itemText(self.expert_box.currentIndex()):
            return str(data)
        return text.split()[0] if text else ""

    def cert_path(self) -> Path | None:
        text = self.path_edit.text().strip()
        return Path(text) if text else None

    def choose_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("The expert's certificate"), last_folder(),
                                              self.tr("Certificates (*.pem *.crt *.cer *.der);;All files (*)"))
        if path:
            remember_folder(path)
            self.set_cert(path)

    def set_cert(self, path: str | Path) -> None:
        from reviewdesk.trust import cert_from_pem, certificate_name, readable_fingerprint

        self.path_edit.setText(str(path))
        try:
            cert = cert_from_pem(Path(path).read_bytes())
        except (ReviewDeskError, OSError) as exc:
            self.fingerprint.setText(str(exc))
            return
        self.fingerprint.setText(self.tr("{name}\nFingerprint: {fp}").format(name=certificate_name(cert),
                                                                             fp=readable_fingerprint(cert)))

    def accept(self) -> None:
        if not self.expert_id() or self.cert_path() is None:
            return
        super().accept()


# ----------------------------------------------------------------------------- one application in detail
class DrillDownDialog(QDialog):
    """One application's scores by criterion and expert, and every comment the experts wrote."""

    def __init__(self, parent: QWidget | None, drill: DrillDown):
        super().__init__(parent)
        self.setObjectName("DrillDownDialog")
        self.drill = drill
        self.setSizeGripEnabled(True)
        self.title = QLabel()
        self.title.setWordWrap(True)
        self.title.setProperty("heading", True)
        experts = drill.experts
        self.table = QTableWidget(len(drill.criteria) + 1, len(experts) + 2)
        compact_table(self.table)
        self.table.setHorizontalHeaderLabels([self.tr("Criterion"), self.tr("Max")] + [e for e, _ in experts])
        for j, (_, name) in enumerate(experts):
            self.table.horizontalHeaderItem(j + 2).setToolTip(name)
        for i, (cid, cname, mx) in enumerate(drill.criteria):
            self.table.setItem(i, 0, QTableWidgetItem(cname))
            self.table.setItem(i, 1, _right(str(mx)))
            for j, (eid, _) in enumerate(experts):
                if eid in drill.conflicted:
                    item = QTableWidgetItem(self.tr("conflict"))
                    item.setForeground(Qt.GlobalColor.gray)
                else:
                    p2 = drill.points2.get((eid, cid))
                    item = _right("" if p2 is None else total_text(p2))
                    comment = drill.comments.get((eid, cid))
                    if comment:
                        item.setToolTip(comment)
                        item.setText(item.text() + " ✎")
                self.table.setItem(i, j + 2, item)
        last = len(drill.criteria)
        total_item = QTableWidgetItem(self.tr("Total"))
        font = total_item.font()
        font.setBold(True)
        total_item.setFont(font)
        self.table.setItem(last, 0, total_item)
        self.table.setItem(last, 1, _right("100"))
        for j, (eid, _) in enumerate(experts):
            if eid in drill.conflicted:
                continue
            t2, complete = drill.total2(eid)
            item = _right(total_text(t2) if complete else f"({total_text(t2)})")
            item.setFont(font)
            if not complete:
                item.setToolTip(self.tr("Incomplete review: it does not count"))
            self.table.setItem(last, j + 2, item)
        self.table.resizeColumnsToContents()
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.comments = QPlainTextEdit()
        self.comments.setReadOnly(True)
        names = dict(experts)
        crit_names = {c[0]: c[1] for c in drill.criteria}
        lines = [f"{eid} {names.get(eid, '')} · {crit_names.get(cid, cid)}: {text}"
                 for (eid, cid), text in sorted(drill.comments.items())]
        self.comments.setPlainText("\n".join(lines) if lines else self.tr("No comments."))
        self.comments_label = QLabel(self.tr("Comments"))
        self.comments_label.setProperty("heading", True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.table, 3)
        layout.addWidget(self.comments_label)
        layout.addWidget(self.comments, 1)
        layout.addWidget(buttons)
        self.setWindowTitle(self.tr("Scores of {app}").format(app=drill.application_id))
        self.title.setText(f"{drill.application_id} · {drill.enterprise}\n{drill.project} · {drill.program_id} "
                           f"{drill.program_name}")
        self.resize(max(640, min(1100, 260 + 90 * len(experts))), 520)


def _right(text: str) -> QTableWidgetItem:
    item = QTableWidgetItem(text)
    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    return item


__all__ = ["NewSessionDialog", "ImportDialog", "ReasonDialog", "PassphraseDialog", "CertificateDialog",
           "DrillDownDialog", "signing_identity", "signing_identity_text", "last_folder", "remember_folder"]
