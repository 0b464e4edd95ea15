"""The errors the core raises, sorted as the user meets them.

*Known* problems (:class:`ReviewDeskError` and its subclasses) are the user's or the
environment's: bad rows in a file, a locked session, a bad signature, a full disk. They carry a
message in the user's language and map to an exit status. Anything else is a bug.
"""

from __future__ import annotations

from dataclasses import dataclass

from .i18n import Msg, msg


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an input: where (file, row, column), the value, and what is wrong."""

    message: Msg | str
    file: str | None = None
    row: int | None = None
    column: str | None = None
    value: str | None = None

    def __str__(self) -> str:
        where = []
        if self.file:
            where.append(self.file if self.row is None else f"{self.file}:{self.row}")
        elif self.row is not None:
            where.append(str(self.row))
        text = str(self.message)
        if self.value not in (None, ""):
            text = f"{text} ({self.value!r})" if len(self.value or "") <= 80 else text
        if self.column:
            text = f"{self.column}: {text}"
        return f"{where[0]}: {text}" if where else text


class ReviewDeskError(Exception):
    """A known problem, explained in the user's language. Exit status 2 on the command line."""

    exit_code = 2

    def __init__(self, message: Msg | str, problems: list[Problem] | None = None):
        super().__init__(str(message))
        self.message = message
        self.problems = list(problems or [])

    def __str__(self) -> str:
        return str(self.message)

    def lines(self) -> list[str]:
        """What to print: every problem on its own line, or the message."""
        if self.problems:
            return [str(p) for p in self.problems]
        return [str(self.message)]


class InputError(ReviewDeskError):
    """An input file or argument is wrong; nothing was changed."""


class CatalogError(ReviewDeskError):
    """A policy catalog is malformed; the message names the key."""


class SessionError(ReviewDeskError):
    """The session file cannot be used as asked (missing, newer, corrupt, finalized…)."""


class SessionBusy(SessionError):
    """Another process is writing this session."""


class SessionFinalized(SessionError):
    """The session is finalized and read-only."""


class EnvironmentProblem(ReviewDeskError):
    """The machine refused: disk full, read-only folder, permission denied."""


class VerificationFailed(ReviewDeskError):
    """A signature, digest or audit chain does not check out. Exit status 3."""

    exit_code = 3


class TrustError(ReviewDeskError):
    """A key, passphrase or certificate problem."""


def problems_error(problems: list[Problem], what: Msg | str | None = None) -> InputError:
    """An :class:`InputError` listing every problem found."""
    head = what or msg("{n} problem(s) found; nothing was imported",
                       "发现 {n} 处问题，未导入任何数据", n=len(problems))
    return InputError(head, problems)
