"""Render every printable document from a fresh demo database into docs/documents/*.png.

    .venv/bin/python tools/document_pictures.py

Needs poppler's pdftoppm. Pictures are 50 dpi, one page each, small enough for the repository.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "docs" / "documents"
DPI = "50"

# (picture name, registry form code or "calibration", reference, page, options)
PICTURES = (
    ("ke-hoach", "ke-hoach", "DRL-HTCS-2023", 1, {}),
    ("to-trinh", "to-trinh", "1", 1, {"draft": True}),
    ("danh-sach", "danh-sach", "1", 1, {}),
    ("bien-ban", "bien-ban", "1", 1, {"draft": True}),
    ("quyet-dinh", "quyet-dinh", "1", 1, {}),
    ("quyet-dinh-danh-sach", "quyet-dinh", "1", 3, {}),
    ("bao-cao-thanh-tich-chuyen-de", "bao-cao-thanh-tich", "1", 1, {}),
    ("bao-cao-thanh-tich-ca-nhan", "bao-cao-thanh-tich", "1", 1,
     {"variant": "cong_trang", "kind": "ca_nhan"}),
    ("bao-cao-thanh-tich-dot-xuat", "bao-cao-thanh-tich", "1", 1,
     {"variant": "dot_xuat", "kind": "ho_gia_dinh"}),
    ("bang-diem", "bang-diem", "DRL-HTCS-2023", 1, {}),
    ("bao-cao-so-ket", "bao-cao-so-ket", "DRL-HTCS-2023", 1, {"draft": True}),
    ("bao-cao-so-ket-chi-tieu", "bao-cao-so-ket", "DRL-HTCS-2023", 2, {"draft": True}),
    ("giay-khen", "giay-khen", "1", 1, {}),
    ("giay-khen-phoi", "giay-khen-phoi", "1", 1, {}),
    ("can-chinh-phoi", "calibration", "", 1, {}),
)


def _shrink(png: Path, colour: bool) -> None:
    """Few colours are enough for a page picture: a palette PNG is a third of the size."""
    from PIL import Image

    with Image.open(png) as image:
        small = image.quantize(32) if colour else image.convert("L").quantize(16)
    small.save(png, optimize=True)


def main() -> int:
    sys.path.insert(0, str(ROOT))
    from desktop import paths
    from desktop.core.demo import build_demo
    from desktop.core.service import Services
    from desktop.documents import common, giay_khen, registry
    from desktop.store.database import open_database

    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        paths.set_home(work / "home")
        build_demo(work / "demo.sqlite3")
        db = open_database(work / "demo.sqlite3")
        try:
            svc = Services(db, actor="docs")
            for name, code, ref, page, options in PICTURES:
                kw = dict(options)
                kind = kw.pop("kind", None)
                if kind:
                    with common.reading(svc) as session:
                        kw["nomination"] = next(
                            n.id for n in common.nominations(session,
                                                             common.find_round(session, ref))
                            if n.subject_kind == kind)
                pdf = giay_khen.calibration() if code == "calibration" else \
                    registry.BY_CODE[code].build(svc, ref, **kw)
                source = work / f"{name}.pdf"
                source.write_bytes(pdf)
                subprocess.run(["pdftoppm", "-r", DPI, "-png", "-singlefile", "-f", str(page),
                                "-l", str(page), str(source), str(OUT / name)], check=True)
                _shrink(OUT / f"{name}.png", colour=name.startswith(("giay-khen", "can-chinh")))
                sys.stdout.write(f"{OUT / name}.png\n")
        finally:
            db.close()
            paths.set_home(None)
    return 0


if __name__ == "__main__":
    sys.exit(main())
