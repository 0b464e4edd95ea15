"""ReviewDesk desktop app (PySide6): the start page, session windows, dialogs.

Built on the core in ``reviewdesk/``, which never imports this package. Qt names come from
:mod:`ui.qt`; errors become dialogs in :mod:`ui.errors`; background work runs through
:mod:`ui.tasks`; windows for files are found through :mod:`ui.windows`.
"""
