"""``python -m ui [FILE] [--screenshot PNG] [--demo]``: the desktop app without the CLI."""

from __future__ import annotations

import sys

from .app import main
from .launcher import direct_open

if __name__ == "__main__":
    # The common launches (no arguments, a file, a screenshot) skip argparse, as the launcher does.
    direct = direct_open(["open", *sys.argv[1:]])
    if direct is not None:
        sys.exit(main([sys.argv[0]], **direct))
    import argparse

    parser = argparse.ArgumentParser(prog="python -m ui", description="ReviewDesk desktop app")
    parser.add_argument("file", nargs="?", help="session (.rdesk), package (.rdpack) or work copy (.rdwork)")
    parser.add_argument("--screenshot", metavar="PNG", help="render the first window to PNG and exit")
    parser.add_argument("--demo", action="store_true", help="open the demo session")
    args, qt_args = parser.parse_known_args()
    sys.exit(main([sys.argv[0], *qt_args], file=args.file, screenshot=args.screenshot, demo=args.demo))
