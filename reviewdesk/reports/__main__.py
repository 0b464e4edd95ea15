"""Preview the reports without a session: ``python -m reviewdesk.reports OUT.pdf|OUT.xlsx``.

Renders :func:`~.model.sample_report` (or, with ``--entries N``, a synthetic session of N
applications) and prints how long it took: for looking at the layout and for benchmarks.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from .model import sample_report, synthetic_report


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m reviewdesk.reports", description=__doc__.splitlines()[0])
    ap.add_argument("out", type=Path, help="a .pdf or .xlsx file to write")
    ap.add_argument("--lang", default="zh", choices=("zh", "en"))
    ap.add_argument("--entries", type=int, default=0, help="a synthetic session of this many applications")
    ap.add_argument("--programs", type=int, default=15)
    args = ap.parse_args(argv)
    data = synthetic_report(args.entries, args.programs) if args.entries else sample_report()
    start = time.perf_counter()
    if args.out.suffix.lower() == ".pdf":
        from .pdf import render_pdf

        render_pdf(data, args.out, lang=args.lang)
    elif args.out.suffix.lower() == ".xlsx":
        from .xlsx import render_xlsx

        render_xlsx(data, args.out, lang=args.lang)
    else:
        print(f"{args.out}: the name must end in .pdf or .xlsx", file=sys.stderr)
        return 2
    print(f"{args.out}: {data.entry_count} entries, {time.perf_counter() - start:.1f} s, "
          f"{args.out.stat().st_size / 1e6:.2f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
