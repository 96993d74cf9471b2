"""The one version (desktop/__init__.py) as PyInstaller's Windows version resource."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PRODUCT = "TĐKT Desktop"
COMPANY = "TĐKT Desktop"
DESCRIPTION = "Quản lý công tác thi đua, khen thưởng"


def version() -> str:
    text = (ROOT / "desktop" / "__init__.py").read_text(encoding="utf-8")
    found = re.search(r'^__version__ = "(\d+)\.(\d+)\.(\d+)"', text, re.MULTILINE)
    if found is None:
        raise SystemExit("desktop/__init__.py has no __version__ = \"X.Y.Z\"")
    return ".".join(found.groups())


def write_version_file(path: Path, exe_name: str) -> Path:
    numbers = (*map(int, version().split(".")), 0)
    dotted = ".".join(map(str, numbers))
    path.write_text(f"""VSVersionInfo(
  ffi=FixedFileInfo(filevers={numbers}, prodvers={numbers}, mask=0x3f, flags=0x0, OS=0x40004,
                    fileType=0x1, subtype=0x0, date=(0, 0)),
  kids=[
    StringFileInfo([StringTable('042a04b0', [
      StringStruct('CompanyName', '{COMPANY}'),
      StringStruct('FileDescription', '{DESCRIPTION}'),
      StringStruct('FileVersion', '{dotted}'),
      StringStruct('InternalName', '{exe_name}'),
      StringStruct('OriginalFilename', '{exe_name}.exe'),
      StringStruct('ProductName', '{PRODUCT}'),
      StringStruct('ProductVersion', '{dotted}')])]),
    VarFileInfo([VarStruct('Translation', [0x042a, 1200])])
  ]
)
""", encoding="utf-8")
    return path
