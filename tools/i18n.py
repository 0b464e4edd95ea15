"""Update the translation sources from ``ui/`` and compile them (``make i18n``).

1. ``pyside6-lupdate`` reads every ``ui/**/*.py`` and merges new and changed strings into
   ``resources/i18n/reviewdesk_<lang>.ts`` (strings no longer in the code are dropped);
2. translate what is marked unfinished (Qt Linguist: ``pyside6-linguist``, or any XML editor);
3. ``pyside6-lrelease`` compiles each ``.ts`` into the ``.qm`` the app loads.

Commit both the ``.ts`` and the ``.qm``: the app never runs the tools. ``--check`` fails when a
string is untranslated, so CI notices a forgotten translation.

``--apply FILE.json`` fills translations from a JSON object, ``{"source": "translation"}`` or
``{"Context|source": "translation"}`` (the context-qualified key wins), into every message that
is still unfinished; a rebase that conflicts in the ``.ts`` is resolved by taking main's file,
running ``tools/i18n.py --apply mine.json`` and committing the result.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ROOT / "ui"
I18N = ROOT / "resources" / "i18n"
LANGUAGES = ("zh_CN",)


def tool(name: str) -> str:
    """A Qt tool from the same environment as this Python, else from PATH."""
    here = Path(sys.executable).parent / name
    for candidate in (here, here.with_suffix(".exe")):
        if candidate.is_file():
            return str(candidate)
    found = shutil.which(name)
    if not found:
        raise SystemExit(f"{name} not found: install PySide6-Essentials in this environment")
    return found


def sources() -> list[Path]:
    return sorted(p for p in SOURCES.rglob("*.py") if "__pycache__" not in p.parts)


def ts_file(language: str) -> Path:
    return I18N / f"reviewdesk_{language}.ts"


def update(language: str) -> None:
    files = [str(p.relative_to(ROOT)) for p in sources()]
    subprocess.run([tool("pyside6-lupdate"), *files, "-target-language", language,
                    "-locations", "relative", "-no-obsolete", "-ts", str(ts_file(language).relative_to(ROOT))],
                   cwd=ROOT, check=True)


def release(language: str) -> None:
    ts = ts_file(language)
    subprocess.run([tool("pyside6-lrelease"), str(ts), "-qm", str(ts.with_suffix(".qm"))], cwd=ROOT, check=True)


def unfinished(ts: Path) -> list[str]:
    """``context: source`` of every message without a finished, non-empty translation."""
    missing = []
    for context in ET.parse(ts).getroot().iter("context"):
        name = context.findtext("name", "")
        for message in context.iter("message"):
            translation = message.find("translation")
            kind = translation.get("type") if translation is not None else "unfinished"
            if kind in ("obsolete", "vanished"):
                continue
            text = "".join(translation.itertext()).strip() if translation is not None else ""
            if kind == "unfinished" or not text:
                missing.append(f"{name}: {message.findtext('source', '')}")
    return missing


def apply(ts: Path, table: dict[str, str]) -> int:
    """Fill unfinished messages of ``ts`` from ``table``; returns how many were filled."""
    tree = ET.parse(ts)
    filled = 0
    for context in tree.getroot().iter("context"):
        name = context.findtext("name", "")
        for message in context.iter("message"):
            source = message.findtext("source", "")
            text = table.get(f"{name}|{source}", table.get(source))
            if text is None:
                continue
            translation = message.find("translation")
            if translation is None:
                translation = ET.SubElement(message, "translation")
            done = translation.get("type") not in ("unfinished",) and "".join(translation.itertext()).strip()
            if done:
                continue
            for child in list(translation):
                translation.remove(child)
            translation.attrib.pop("type", None)
            if message.get("numerus") == "yes":
                ET.SubElement(translation, "numerusform").text = text
            else:
                translation.text = text
            filled += 1
    if filled:
        tree.write(ts, encoding="utf-8", xml_declaration=True)
    return filled


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="fail if a string is untranslated")
    parser.add_argument("--no-update", action="store_true", help="only compile the .ts files")
    parser.add_argument("--apply", type=Path, metavar="FILE.json",
                        help="fill unfinished translations from a JSON object (source → translation)")
    args = parser.parse_args(argv)
    I18N.mkdir(parents=True, exist_ok=True)
    status = 0
    for language in LANGUAGES:
        if not args.no_update:
            update(language)
        if args.apply:
            import json
            table = json.loads(args.apply.read_text(encoding="utf-8"))
            print(f"{ts_file(language).name}: {apply(ts_file(language), table)} filled from {args.apply}")
            if not args.no_update:
                update(language)  # lupdate writes the file back in its own layout
        release(language)
        missing = unfinished(ts_file(language))
        if missing:
            print(f"{ts_file(language).name}: {len(missing)} untranslated:", *missing, sep="\n  ")
            status = 1 if args.check else status
    return status


if __name__ == "__main__":
    sys.exit(main())
