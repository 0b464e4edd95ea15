"""ReviewDesk core: sessions, policies, imports, scoring, shortlist, trust and reports.

Nothing below this package imports Qt or ``ui``; the desktop app is built on top of it.
"""

__version__ = "0.1.0"
