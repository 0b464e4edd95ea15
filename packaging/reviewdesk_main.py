"""The frozen programs' entry point: both ``ReviewDesk`` (windowed) and ``reviewdesk`` (console).

The same as the ``reviewdesk`` console script of an installed wheel (``ui.launcher:main``): with
no arguments it opens the desktop app, with arguments it is the command line
(``reviewdesk --self-test``, ``reviewdesk verify shortlist.pdf`` …).
"""

from ui.launcher import main

if __name__ == "__main__":
    main()
