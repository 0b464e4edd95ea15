"""The application and its rubric, side by side: the facts of one application, and a score and a
comment for each criterion of its program.

Keyboard first: a score is typed as a number (``25``, ``25.5``, full-width digits too), Tab or
Enter moves to the next criterion, Up/Down step by 0.5. Nothing here writes to the work copy:
:class:`RubricPane` reports each edit (``score_edited``, ``comment_edited``) and the window
saves it through the core and keeps the undo stack.
"""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal, InvalidOperation

from reviewdesk.fields import FIELD_NAMES_EN, FIELD_NAMES_ZH
from reviewdesk.policy import Criterion, Program

from .. import i18n
from ..qt import (
    QCoreApplication,
    QEvent,
    QFocusEvent,
    QFormLayout,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QKeyEvent,
    QKeySequence,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    Qt,
    QTimer,
    QValidator,
    QVBoxLayout,
    QWidget,
    Signal,
)
from ..style import ACCENT, BORDER, MUTED, SUBTLE, SURFACE, TEXT
from .workcopy import CriterionScore, WorkCopy, comment_needed, points_text

WARN = "#b5641b"
# A score typed and left alone this long is saved even before Tab or Enter.
AUTOSAVE_MS = 600
COMMENT_AUTOSAVE_MS = 1500

PANE_STYLE = f"""
QScrollArea#factsScroll, QScrollArea#rubricScroll {{ border: none; background: transparent; }}
QWidget#factsBody, QWidget#rubricBody {{ background: transparent; }}
QLabel#appTitle {{ font-size: 14pt; font-weight: bold; color: {TEXT}; }}
QLabel#appSubtitle {{ color: {MUTED}; }}
QLabel#programTag {{ color: {ACCENT}; font-weight: 600; }}
QLabel#factLabel {{ color: {MUTED}; }}
QLabel#factValue {{ color: {TEXT}; margin-bottom: 5px; }}
QLabel#programNote {{ color: {MUTED}; }}
QLabel#recusedBanner {{ background: #f4ece4; border: 1px solid #e2c9ae; border-radius: 6px; padding: 8px;
    color: {WARN}; }}
QLabel#rubricTitle {{ font-size: 12pt; font-weight: bold; color: {TEXT}; }}
QFrame#criterion {{ background: {SURFACE}; border: 1px solid {BORDER}; border-radius: 6px; }}
QFrame#criterion[current="true"] {{ border-color: {ACCENT}; }}
QLabel#criterionName {{ font-weight: bold; color: {TEXT}; }}
QLabel#criterionMax {{ color: {MUTED}; }}
QLabel#guidance {{ color: {MUTED}; }}
QLineEdit#score {{ font-size: 13pt; padding: 2px 6px; }}
QLineEdit#score[missing="true"] {{ background: #fbfcfd; }}
QPlainTextEdit#comment {{ border: 1px solid {BORDER}; border-radius: 4px; background: #fbfcfd; }}
QPlainTextEdit#comment:focus {{ border-color: {ACCENT}; background: {SURFACE}; }}
QPlainTextEdit#comment[needed="true"] {{ border: 2px solid {WARN}; }}
QFrame#totalBar {{ background: {SURFACE}; border-top: 1px solid {BORDER}; }}
QLabel#total {{ font-size: 15pt; font-weight: bold; color: {TEXT}; }}
QLabel#missing {{ color: {MUTED}; }}
QLabel#commentNeeded {{ color: {WARN}; font-weight: 600; }}
QLabel#placeholder {{ color: {SUBTLE}; font-size: 12pt; }}
"""

_FULLWIDTH = str.maketrans("０１２３４５６７８９．。", "0123456789..")
_SCORE_TEXT = re.compile(r"\d{0,3}(\.\d?)?")


def normalise_score_text(text: str) -> str:
    """Full-width digits and the Chinese full stop (typed with a Chinese input method) as ASCII."""
    return unicodedata.normalize("NFKC", text).translate(_FULLWIDTH).strip()


def parse_points2(text: str, max_points: int) -> int | None:
    """Twice the score typed in ``text``; ``None`` for an empty text. ``ValueError`` if the text is
    not a score in 0.5 steps within ``0..max_points``."""
    t = normalise_score_text(text)
    if not t:
        return None
    if not _SCORE_TEXT.fullmatch(t) or t == ".":
        raise ValueError(text)
    try:
        d = Decimal(t.rstrip(".") or "0")
    except InvalidOperation:
        raise ValueError(text) from None
    twice = d * 2
    if d < 0 or d > max_points or twice != twice.to_integral_value():
        raise ValueError(text)
    return int(twice)


class ScoreValidator(QValidator):
    """0..max in steps of 0.5; an empty text (no score yet) is acceptable."""

    def __init__(self, max_points: int, parent: QWidget | None = None):
        super().__init__(parent)
        self.max_points = max_points

    def validate(self, text: str, pos: int) -> object:  # noqa: D102 - Qt override
        t = normalise_score_text(text)
        if t != text:
            pos = min(pos, len(t))
        if not t:
            return QValidator.State.Acceptable, t, pos
        if not _SCORE_TEXT.fullmatch(t):
            return QValidator.State.Invalid, text, pos
        if t.endswith(".") or t == ".":
            # "25." on its way to "25.5"; still out of range is refused now.
            try:
                if Decimal(t.rstrip(".") or "0") >= self.max_points:
                    return QValidator.State.Invalid, text, pos
            except InvalidOperation:
                return QValidator.State.Invalid, text, pos
            return QValidator.State.Intermediate, t, pos
        try:
            parse_points2(t, self.max_points)
        except ValueError:
            return QValidator.State.Invalid, text, pos
        return QValidator.State.Acceptable, t, pos

    def fixup(self, text: str) -> str:  # noqa: D102 - Qt override
        return normalise_score_text(text).rstrip(".")


class ScoreEdit(QLineEdit):
    """A criterion's score: typed, stepped with Up/Down, saved when left or after a pause.

    ``edited(old_points2, new_points2, token)`` is emitted when the saved value should change;
    ``token`` is the same for all edits made while the field keeps the focus (the window merges
    them into one undo step).
    """

    edited = Signal(object, object, int)

    def __init__(self, criterion: Criterion, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("score")
        self.criterion = criterion
        self.committed: int | None = None
        self.token = 0
        self.setValidator(ScoreValidator(criterion.max_points, self))
        self.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.setFixedWidth(86)
        self.setPlaceholderText("—")
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(AUTOSAVE_MS)
        self._timer.timeout.connect(self.commit)
        self.textEdited.connect(self._typed)
        self.editingFinished.connect(self.commit)

    def set_points2(self, points2: int | None) -> None:
        """Show a saved value (no edit is reported)."""
        self._timer.stop()
        self.committed = points2
        self.setText(points_text(points2))
        self.setProperty("missing", points2 is None)

    def points2(self) -> int | None:
        """The value typed now (``ValueError`` if it is not a valid score yet)."""
        return parse_points2(self.text(), self.criterion.max_points)

    def _typed(self, _text: str) -> None:
        if self.hasAcceptableInput():
            self._timer.start()
        else:
            self._timer.stop()

    def commit(self) -> None:
        """Report the typed value if it differs from the saved one."""
        self._timer.stop()
        try:
            value = self.points2()
        except ValueError:
            return  # "25." waits for its last digit; focus-out fixes it up first
        if value != self.committed:
            old, self.committed = self.committed, value
            self.edited.emit(old, value, self.token)

    def step(self, halves: int) -> None:
        try:
            current = self.points2()
        except ValueError:
            current = self.committed
        base = current if current is not None else (0 if halves > 0 else 2 * self.criterion.max_points)
        value = max(0, min(2 * self.criterion.max_points, base + halves))
        self.setText(points_text(value))
        self._timer.start()

    def focusInEvent(self, event: QFocusEvent) -> None:  # noqa: N802 - Qt override
        self.token += 1
        super().focusInEvent(event)  # Tab selects the value: typing replaces it

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        key, mods = event.key(), event.modifiers()
        if key in (Qt.Key.Key_Up, Qt.Key.Key_Down) and not mods & ~Qt.KeyboardModifier.KeypadModifier:
            self.step(1 if key == Qt.Key.Key_Up else -1)
            return
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not mods & ~Qt.KeyboardModifier.KeypadModifier:
            super().keyPressEvent(event)  # editingFinished: saved
            self.focusNextChild()
            return
        super().keyPressEvent(event)

    def event(self, event: QEvent) -> bool:  # noqa: D102 - Qt override
        # Ctrl+Z in an unchanged field undoes the last saved score (the window's undo stack),
        # not the field's own typing history.
        if event.type() == QEvent.Type.ShortcutOverride and isinstance(event, QKeyEvent):
            if (event.matches(QKeySequence.StandardKey.Undo) or event.matches(QKeySequence.StandardKey.Redo)) \
                    and self.text() == points_text(self.committed):
                event.ignore()
                return False
        return super().event(event)


class CommentEdit(QPlainTextEdit):
    """A criterion's comment; Tab leaves it, and it is saved when left or after a pause."""

    edited = Signal(str)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("comment")
        self.setTabChangesFocus(True)
        self.committed = ""
        lines = 2
        self.setFixedHeight(self.fontMetrics().lineSpacing() * lines + 14)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(COMMENT_AUTOSAVE_MS)
        self._timer.timeout.connect(self.commit)
        self.textChanged.connect(self._timer.start)

    def set_comment(self, text: str) -> None:
        self.blockSignals(True)
        self.setPlainText(text)
        self.blockSignals(False)
        self._timer.stop()
        self.committed = text

    def commit(self) -> None:
        self._timer.stop()
        text = self.toPlainText().strip()
        if text != self.committed:
            self.committed = text
            self.edited.emit(text)

    def focusOutEvent(self, event: QFocusEvent) -> None:  # noqa: N802 - Qt override
        self.commit()
        super().focusOutEvent(event)


class CriterionBox(QFrame):
    """One criterion: its name, maximum, guidance, the score and the comment."""

    def __init__(self, number: int, criterion: Criterion, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("criterion")
        self.criterion = criterion
        self.number = number
        self.name_label = QLabel()
        self.name_label.setObjectName("criterionName")
        self.name_label.setWordWrap(True)
        self.max_label = QLabel()
        self.max_label.setObjectName("criterionMax")
        self.guidance = QLabel(criterion.guidance)
        self.guidance.setObjectName("guidance")
        self.guidance.setWordWrap(True)
        self.guidance.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.score = ScoreEdit(criterion)
        self.comment = CommentEdit()
        head = QHBoxLayout()
        head.setSpacing(8)
        head.addWidget(self.name_label, 1)
        head.addWidget(self.score)
        head.addWidget(self.max_label)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 10, 12, 10)
        layout.setSpacing(6)
        layout.addLayout(head)
        layout.addWidget(self.guidance)
        layout.addWidget(self.comment)
        self.retranslate()

    def retranslate(self) -> None:
        c = self.criterion
        name = c.name_en if i18n.current() == i18n.ENGLISH and c.name_en else c.name
        self.name_label.setText(f"{self.number}. {name}")
        self.max_label.setText(QCoreApplication.translate("RubricPane", "/ {max} points").format(max=c.max_points))
        self.score.setAccessibleName(name)
        self.score.setToolTip(QCoreApplication.translate(
            "RubricPane", "0 to {max}, in steps of 0.5. Type the number; Tab or Enter goes to the next "
                          "criterion; Up and Down change it by 0.5.").format(max=c.max_points))
        self.comment.setPlaceholderText(QCoreApplication.translate("RubricPane", "Comment on {name}").format(
            name=name))


def yuan_text(yuan: int) -> str:
    """``1600000`` → ``1,600,000 元 / 160.00 万元`` (in the current language)."""
    wan = (Decimal(int(yuan)) / 10000).quantize(Decimal("0.01"))
    return QCoreApplication.translate("FactsPane", "{yuan} yuan ({wan} wan yuan)").format(
        yuan=f"{int(yuan):,}", wan=f"{wan:,.2f}")


def fact_text(field: str, value: object) -> str | None:
    """An application's field as people read it; ``None`` when not given."""
    if value is None or value == "":
        return None
    if field == "level":
        return {"national": QCoreApplication.translate("FactsPane", "National"),
                "provincial": QCoreApplication.translate("FactsPane", "Provincial"),
                "municipal": QCoreApplication.translate("FactsPane", "Municipal")}.get(str(value), str(value))
    if field in ("actual_investment", "construction_investment", "sales_received_1y", "requested_amount"):
        return yuan_text(int(value))  # type: ignore[call-overload]
    if field == "rented_area_m2":
        d = Decimal(str(value))
        return QCoreApplication.translate("FactsPane", "{area} m²").format(area=f"{d:,}")
    if field in ("fiscal_support", "international_organiser", "own_ip"):
        if int(value):  # type: ignore[call-overload]
            return QCoreApplication.translate("FactsPane", "Yes")
        return QCoreApplication.translate("FactsPane", "No")
    return str(value)


FACT_FIELDS = ("application_id", "program", "enterprise_name", "credit_code", "project_name", "level",
               "actual_investment", "construction_investment", "sales_received_1y", "requested_amount",
               "rented_area_m2", "fiscal_support", "international_organiser", "own_ip")


class FactsPane(QWidget):
    """The application: what it is, who applies, and the figures the rules read."""

    def __init__(self, work: WorkCopy, parent: QWidget | None = None):
        super().__init__(parent)
        self.work = work
        self.application: dict[str, object] | None = None
        self.title = QLabel()
        self.title.setObjectName("appTitle")
        self.title.setWordWrap(True)
        self.title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.subtitle = QLabel()
        self.subtitle.setObjectName("appSubtitle")
        self.subtitle.setWordWrap(True)
        self.subtitle.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.program_tag = QLabel()
        self.program_tag.setObjectName("programTag")
        self.program_tag.setWordWrap(True)
        self.recused_banner = QLabel()
        self.recused_banner.setObjectName("recusedBanner")
        self.recused_banner.setWordWrap(True)
        self.recused_banner.hide()
        self.form = QFormLayout()
        self.form.setHorizontalSpacing(14)
        self.form.setVerticalSpacing(3)
        # Label above value: the column stays readable however narrow the splitter makes it.
        self.form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)
        self.form.setLabelAlignment(Qt.AlignmentFlag.AlignLeft)
        self.program_note = QLabel()
        self.program_note.setObjectName("programNote")
        self.program_note.setWordWrap(True)
        self.values: dict[str, QLabel] = {}

        body = QWidget()
        body.setObjectName("factsBody")
        layout = QVBoxLayout(body)
        layout.setContentsMargins(16, 14, 12, 14)
        layout.setSpacing(8)
        layout.addWidget(self.program_tag)
        layout.addWidget(self.title)
        layout.addWidget(self.subtitle)
        layout.addWidget(self.recused_banner)
        rule = QFrame()
        rule.setFrameShape(QFrame.Shape.HLine)
        rule.setStyleSheet(f"color: {BORDER};")
        layout.addWidget(rule)
        layout.addLayout(self.form)
        layout.addSpacing(6)
        layout.addWidget(self.program_note)
        layout.addStretch(1)
        self.scroll = QScrollArea()
        self.scroll.setObjectName("factsScroll")
        self.scroll.setWidgetResizable(True)
        self.scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.scroll.setWidget(body)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.scroll)
        self.setMinimumWidth(220)

    def show_application(self, application: dict[str, object] | None, recused: bool) -> None:
        self.application = application
        while self.form.rowCount():
            self.form.removeRow(0)
        self.values.clear()
        if application is None:
            self.title.setText("")
            self.subtitle.setText("")
            self.program_tag.setText("")
            self.program_note.setText("")
            self.recused_banner.hide()
            return
        english = i18n.current() == i18n.ENGLISH
        names = FIELD_NAMES_EN if english else FIELD_NAMES_ZH
        program = self.work.programs.get(str(application["program"]))
        program_name = (program.name_en if english and program.name_en else program.name) if program else ""
        self.program_tag.setText(f"{application['program']} · {program_name}")
        self.title.setText(str(application["project_name"]))
        self.subtitle.setText(f"{application['enterprise_name']}\n{application['application_id']}")
        self.recused_banner.setVisible(recused)
        self.recused_banner.setText(self.tr(
            "You declared a conflict of interest with this enterprise: you do not score this application."))
        for field in FACT_FIELDS:
            if field in ("project_name",):
                continue
            if field == "program":
                text = f"{application['program']} {program_name}"
            else:
                text = fact_text(field, application.get(field))
            if text is None:
                continue
            label = QLabel(names.get(field, field))
            label.setObjectName("factLabel")
            value = QLabel(text)
            value.setObjectName("factValue")
            value.setWordWrap(True)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self.form.addRow(label, value)
            self.values[field] = value
        note = ""
        if program is not None:
            note = program.description or ""
            if program.action:
                note = f"{program.action}\n{note}" if note else program.action
        self.program_note.setText(note)
        self.program_note.setVisible(bool(note) and not english)


class RubricPane(QWidget):
    """The program's criteria with a score and comment each, the live total and what is missing."""

    score_edited = Signal(str, str, object, object, int)   # application, criterion, old, new, token
    comment_edited = Signal(str, str, str)                 # application, criterion, text
    next_requested = Signal()

    def __init__(self, work: WorkCopy, parent: QWidget | None = None):
        super().__init__(parent)
        self.work = work
        self.application_id: str | None = None
        self.program: Program | None = None
        self.recused = False
        self.boxes: list[CriterionBox] = []

        self.heading = QLabel()
        self.heading.setObjectName("rubricTitle")
        self.placeholder = QLabel()
        self.placeholder.setObjectName("placeholder")
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.placeholder.setWordWrap(True)
        self.body = QWidget()
        self.body.setObjectName("rubricBody")
        self.criteria_layout = QVBoxLayout(self.body)
        self.criteria_layout.setContentsMargins(14, 12, 14, 12)
        self.criteria_layout.setSpacing(10)
        self.criteria_layout.addWidget(self.heading)
        self.criteria_layout.addWidget(self.placeholder)
        self.criteria_layout.addStretch(1)
        self.scroll = QScrollArea()
        self.scroll.setObjectName("rubricScroll")
        self.scroll.setWidgetResizable(True)
        self.scroll.setWidget(self.body)

        self.total = QLabel()
        self.total.setObjectName("total")
        self.missing = QLabel()
        self.missing.setObjectName("missing")
        self.missing.setWordWrap(True)
        self.comment_needed = QLabel()
        self.comment_needed.setObjectName("commentNeeded")
        self.comment_needed.setWordWrap(True)
        self.comment_needed.hide()
        self.next_button = QPushButton()
        self.next_button.setObjectName("nextButton")
        self.next_button.clicked.connect(self.next_requested)
        bar = QFrame()
        bar.setObjectName("totalBar")
        grid = QGridLayout(bar)
        grid.setContentsMargins(14, 8, 14, 10)
        grid.setHorizontalSpacing(12)
        grid.setVerticalSpacing(2)
        grid.addWidget(self.total, 0, 0)
        grid.addWidget(self.next_button, 0, 1, Qt.AlignmentFlag.AlignRight)
        grid.addWidget(self.missing, 1, 0, 1, 2)
        grid.addWidget(self.comment_needed, 2, 0, 1, 2)
        grid.setColumnStretch(0, 1)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.scroll, 1)
        layout.addWidget(bar)
        self.setMinimumWidth(380)
        self.retranslate()

    # -- texts ----------------------------------------------------------------------------------

    def retranslate(self) -> None:
        self.placeholder.setText(self.tr("Choose an application in the list to score it."))
        self.next_button.setText(self.tr("Next to score"))
        self.next_button.setToolTip(self.tr("The next application that still needs your scores (Ctrl+N)"))
        for box in self.boxes:
            box.retranslate()
        self._update_heading()
        self.update_status()

    def _update_heading(self) -> None:
        if self.program is None:
            self.heading.setText("")
            return
        full = sum(c.max_points for c in self.program.criteria)
        self.heading.setText(self.tr("Scoring sheet ({n} criteria, {max} points)").format(
            n=len(self.program.criteria), max=full))

    # -- showing an application -----------------------------------------------------------------

    def show_application(self, application_id: str | None, program: Program | None,
                         scores: dict[str, CriterionScore], recused: bool) -> None:
        self.application_id = application_id
        self.recused = recused
        if program is not self.program or application_id is None:
            self._build(program if application_id is not None else None)
        for box in self.boxes:
            s = scores.get(box.criterion.id)
            box.score.set_points2(s.points2 if s else None)
            box.comment.set_comment(s.comment if s else "")
            box.score.setEnabled(not recused)
            box.comment.setEnabled(not recused)
        self.placeholder.setVisible(application_id is None)
        self.scroll.verticalScrollBar().setValue(0)
        self.update_status()

    def _build(self, program: Program | None) -> None:
        for box in self.boxes:
            self.criteria_layout.removeWidget(box)
            box.hide()
            box.deleteLater()
        self.boxes = []
        self.program = program
        if program is not None:
            for i, criterion in enumerate(program.criteria, 1):
                box = CriterionBox(i, criterion, self.body)
                box.score.edited.connect(lambda old, new, token, c=criterion.id: self._score_edited(c, old, new, token))
                box.score.textChanged.connect(self.update_status)
                box.comment.edited.connect(lambda text, c=criterion.id: self._comment_edited(c, text))
                box.comment.textChanged.connect(self.update_status)
                box.score.installEventFilter(self)
                box.comment.installEventFilter(self)
                self.criteria_layout.insertWidget(self.criteria_layout.count() - 1, box)
                self.boxes.append(box)
            # Tab goes from score to score; then through the comments; then to "next".
            chain = [b.score for b in self.boxes] + [b.comment for b in self.boxes] + [self.next_button]
            for a, b in zip(chain, chain[1:], strict=False):
                QWidget.setTabOrder(a, b)
        self._update_heading()

    def eventFilter(self, watched, event) -> bool:  # noqa: N802, ANN001 - Qt override
        if event.type() == QEvent.Type.FocusIn:
            for box in self.boxes:
                if watched is box.score or watched is box.comment:
                    self.scroll.ensureWidgetVisible(watched if watched is box.comment else box, 0, 24)
                    box.setProperty("current", True)
                else:
                    box.setProperty("current", False)
                box.style().unpolish(box)
                box.style().polish(box)
        return False

    def _score_edited(self, criterion: str, old: object, new: object, token: int) -> None:
        if self.application_id is not None:
            self.score_edited.emit(self.application_id, criterion, old, new, token)
        self.update_status()

    def _comment_edited(self, criterion: str, text: str) -> None:
        if self.application_id is not None:
            self.comment_edited.emit(self.application_id, criterion, text)
        self.update_status()

    def box(self, criterion: str) -> CriterionBox | None:
        for b in self.boxes:
            if b.criterion.id == criterion:
                return b
        return None

    def set_score(self, criterion: str, points2: int | None) -> None:
        """Show a score saved elsewhere (undo, redo, or a refused edit put back)."""
        box = self.box(criterion)
        if box is not None:
            box.score.set_points2(points2)
        self.update_status()

    def commit_pending(self) -> None:
        """Save what is typed but not yet saved (before moving to another application)."""
        for box in self.boxes:
            if box.score.hasAcceptableInput():
                box.score.commit()
            box.comment.commit()

    def focus_first_missing(self) -> None:
        for box in self.boxes:
            if not box.score.text().strip():
                box.score.setFocus(Qt.FocusReason.TabFocusReason)
                return
        if self.boxes:
            self.boxes[0].score.setFocus(Qt.FocusReason.TabFocusReason)

    # -- total, what is missing, comments asked for ----------------------------------------------

    def typed_total(self) -> tuple[int, list[Criterion]]:
        """Twice the total of the scores as typed now, and the criteria still without a score."""
        total, missing = 0, []
        for box in self.boxes:
            try:
                value = box.score.points2()
            except ValueError:
                value = box.score.committed
            if value is None:
                missing.append(box.criterion)
            else:
                total += value
        return total, missing

    def needs_comment(self) -> str | None:
        """``"low"`` / ``"high"`` when the total asks for a comment and none is written."""
        if self.program is None or self.recused:
            return None
        total, missing = self.typed_total()
        need = comment_needed(self.program, total, not missing)
        if need is None:
            return None
        if any(box.comment.toPlainText().strip() for box in self.boxes):
            return None
        return need

    def update_status(self) -> None:
        if self.program is None or self.application_id is None:
            self.total.setText("")
            self.missing.setText("")
            self.comment_needed.hide()
            self.next_button.setVisible(self.application_id is not None)
            return
        self.next_button.setVisible(True)
        full = sum(c.max_points for c in self.program.criteria)
        total, missing = self.typed_total()
        self.total.setText(self.tr("Total {total} / {max}").format(total=points_text(total), max=full))
        if self.recused:
            self.missing.setText(self.tr("Recused: not scored."))
        elif not missing:
            self.missing.setText(self.tr("All {n} criteria scored.").format(n=len(self.boxes)))
        else:
            english = i18n.current() == i18n.ENGLISH
            names = "、".join((c.name_en if english and c.name_en else c.name) for c in missing) if not english \
                else ", ".join((c.name_en or c.name) for c in missing)
            self.missing.setText(self.tr("{n} of {all} criteria still to score: {names}").format(
                n=len(missing), all=len(self.boxes), names=names))
        need = self.needs_comment()
        if need == "low":
            text = self.tr("The total is below {limit}: please explain your scores in a comment.").format(
                limit=points_text(int(self.program.comment_below * 2)))
        elif need == "high":
            text = self.tr("The total is {limit} or more: please explain your scores in a comment.").format(
                limit=points_text(int(self.program.comment_from * 2)))
        else:
            text = ""
        self.comment_needed.setText(text)
        self.comment_needed.setVisible(bool(text))
        for box in self.boxes:
            if bool(box.comment.property("needed")) != bool(need):
                box.comment.setProperty("needed", bool(need))
                box.comment.style().unpolish(box.comment)
                box.comment.style().polish(box.comment)
