"""Where files go: removable drives (USB sticks) and the local documents folder.

A work copy is never edited on a USB stick (a pulled stick mid-write damages a database), so the
unpack flow proposes the local documents folder; the score package, on the other hand, is meant
for the stick, so handing in proposes a removable drive when one is plugged in.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from ..qt import QStandardPaths, QStorageInfo

DRIVE_REMOVABLE = 2  # GetDriveTypeW


def _windows_removable(path: Path) -> bool:
    import ctypes

    root = os.path.splitdrive(str(path.resolve()))[0] + "\\"
    return ctypes.windll.kernel32.GetDriveTypeW(ctypes.c_wchar_p(root)) == DRIVE_REMOVABLE  # type: ignore[attr-defined]


def _linux_removable(path: Path) -> bool:
    info = QStorageInfo(str(path))
    if not info.isValid():
        return False
    root = info.rootPath()
    if root.startswith(("/media/", "/run/media/", "/mnt/usb")):
        return True
    device = bytes(info.device().data()).decode(errors="replace")
    name = os.path.basename(device)
    if not name:
        return False
    block = Path("/sys/class/block") / name
    for candidate in (block / "removable", block.parent / "removable", block.resolve().parent / "removable"):
        try:
            if candidate.read_text().strip() == "1":
                return True
        except OSError:
            continue
    return False


def is_removable(path: Path | str) -> bool:
    """Whether ``path`` (a file or folder, existing or its nearest existing parent) is on a
    removable drive such as a USB stick."""
    p = Path(path)
    while not p.exists() and p != p.parent:
        p = p.parent
    try:
        if sys.platform == "win32":
            return _windows_removable(p)
        if sys.platform == "darwin":
            parts = p.resolve().parts
            return len(parts) > 2 and parts[1] == "Volumes"
        return _linux_removable(p)
    except Exception:  # noqa: BLE001 - unknown means "not removable": the caller only suggests
        return False


def removable_drives() -> list[Path]:
    """Mounted removable drives that can be written to, e.g. ``E:\\`` or ``/media/me/USB``."""
    out = []
    for volume in QStorageInfo.mountedVolumes():
        if not volume.isValid() or not volume.isReady() or volume.isReadOnly():
            continue
        root = Path(volume.rootPath())
        if root == Path(root.anchor) and sys.platform != "win32":
            continue  # "/" is never a USB stick
        if is_removable(root):
            out.append(root)
    return out


def documents_folder() -> Path:
    """The user's local documents folder (``Documents``), else the home folder."""
    location = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(location) if location else Path.home()


def unique_path(path: Path) -> Path:
    """``path``, or ``name (2).ext``, ``name (3).ext``… when it exists."""
    if not path.exists():
        return path
    for n in range(2, 1000):
        candidate = path.with_name(f"{path.stem} ({n}){path.suffix}")
        if not candidate.exists():
            return candidate
    return path
