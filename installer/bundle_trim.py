"""What the PyInstaller bundle leaves out, used by tdkt.spec (standard library only).

The program needs QtCore, QtGui, QtWidgets and QtPrintSupport, a platform plugin (Windows, X11 or
off screen), the print, style and input-method plugins, and PNG/ICO/JPEG/SVG images. PyInstaller's
hooks collect every plugin of a type, and then the system libraries those plugins link (on Linux:
GTK, Wayland, EGL, Kerberos…). `keep_binary` names what stays; `prune` then drops each library that
only a left-out binary needed. The frozen smoke test (`tdkt --smoke-test`) proves nothing needed
went: it renders a PDF and shows every view of the main window.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import PurePath

Entry = tuple[str, str, str]  # PyInstaller's TOC entry: (destination, source, type code)

# Python modules the program never imports; most come in through optional imports of libraries.
EXCLUDES = [
    # standard library: development and GUI tools, TLS (the program never opens a network link)
    "tkinter", "unittest", "doctest", "pdb", "pydoc", "pydoc_data", "readline", "ssl",
    "distutils", "setuptools", "pkg_resources", "_distutils_hack",
    # Qt modules besides QtCore, QtGui, QtWidgets and QtPrintSupport
    "PySide6.QtNetwork", "PySide6.QtQml", "PySide6.QtQuick", "PySide6.QtSql", "PySide6.QtTest",
    "PySide6.QtConcurrent", "PySide6.QtOpenGL", "PySide6.QtOpenGLWidgets", "PySide6.QtXml",
    "PySide6.QtDesigner", "PySide6.QtHelp", "PySide6.QtUiTools", "PySide6.QtSvgWidgets",
    "PySide6.QtDBus", "PySide6.QtSvg",
    # mako highlights its error pages with pygments if present; alembic never shows them
    "pygments",
    # SQLAlchemy dialects other than SQLite and PostgreSQL (psycopg, for the province server)
    "sqlalchemy.dialects.mysql", "sqlalchemy.dialects.mssql", "sqlalchemy.dialects.oracle",
    "MySQLdb", "pymysql", "psycopg2", "pysqlite2", "cx_Oracle", "oracledb", "pyodbc", "asyncpg",
    # Pillow decoders ReportLab never asks for (AVIF, WebP, colour profiles, fonts, Tk)
    "PIL._avif", "PIL._webp", "PIL._imagingcms", "PIL._imagingft", "PIL._imagingtk",
    "PIL.ImageTk", "PIL.ImageQt",
    # lxml beyond the etree python-docx reads and writes with
    "lxml.objectify", "lxml.html", "lxml.isoschematron", "lxml.sax", "lxml.builder",
    # test and build tools that may sit in the same environment
    "pytest", "hypothesis", "mypy", "ruff", "PyInstaller",
]

# Qt plugins kept, by plugin folder (the file name without "lib" and extension); other folders
# (Wayland, EGL, evdev, GTK and portal themes, TLS, network information…) are left out.
QT_PLUGINS = {
    "platforms": {"qwindows", "qxcb", "qoffscreen"},
    # Vietnamese typing through IBus (Bamboo, Unikey) or compose keys on Linux; not Qt's
    # on-screen keyboard (it needs Qt Quick)
    "platforminputcontexts": {"composeplatforminputcontextplugin",
                              "ibusplatforminputcontextplugin"},
    "printsupport": None,
    "styles": None,  # Windows 11 look
    "imageformats": {"qico", "qjpeg", "qsvg"},
    "iconengines": {"qsvgicon"},
}
# Qt's software OpenGL (about 20 MB on Windows): the program paints with the raster engine.
LEFT_OUT_FILES = {"opengl32sw.dll"}

# Babel and Qt ship data for every language; the program speaks Vietnamese and English.
KEEP_BABEL = {"root.dat", "vi.dat", "en.dat", "en_001.dat", "en_150.dat"}
KEEP_QT_QM = {"qtbase_vi.qm", "qtbase_en.qm"}


def _stem(name: str) -> str:
    stem = name.split(".")[0]
    return stem[3:] if stem.startswith("lib") else stem


def keep_data(dest: str) -> bool:
    parts = PurePath(dest).parts
    if "locale-data" in parts:
        return parts[-1] in KEEP_BABEL
    if "translations" in parts and dest.endswith(".qm"):
        return parts[-1] in KEEP_QT_QM
    return True


def keep_binary(dest: str) -> bool:
    parts = PurePath(dest.replace("\\", "/")).parts
    if parts[-1].lower() in LEFT_OUT_FILES:
        return False
    if len(parts) >= 3 and parts[-3] == "plugins":
        if parts[-2] not in QT_PLUGINS:
            return False
        names = QT_PLUGINS[parts[-2]]
        return names is None or _stem(parts[-1]) in names
    return True


def prune(binaries: list[Entry], keep: Callable[[str], bool],
          imports_of: Callable[[str], Iterable[str]], roots: Iterable[str] = ()) -> list[Entry]:
    """The binaries `keep` accepts, less each library that only the others linked.

    A binary no other one links (a Python extension, a Qt plugin, a library a package loads
    itself, such as PDFium) is wanted for its own sake, as are `roots`; a linked library stays
    only while something that stays links it. `imports_of(source)` gives the names it links.
    """
    def key(name: str) -> str:
        return PurePath(name.replace("\\", "/")).name.lower()

    links = {dest: {key(n) for n in imports_of(src)} for dest, src, _ in binaries}
    linked = set().union(*links.values()) if links else set()
    wanted = {key(r) for r in roots}
    todo = [dest for dest, _, code in binaries
            if keep(dest) and (code == "EXTENSION" or key(dest) not in linked
                               or key(dest) in wanted)]
    by_name: dict[str, list[str]] = {}
    for dest, _, _ in binaries:
        by_name.setdefault(key(dest), []).append(dest)
    kept: set[str] = set()
    while todo:
        dest = todo.pop()
        if dest in kept:
            continue
        kept.add(dest)
        todo += [d for name in links[dest] for d in by_name.get(name, []) if keep(d)]
    return [entry for entry in binaries if entry[0] in kept]


def keep_entries(datas: list[Entry], binaries: list[Entry]) -> list[Entry]:
    """The data files wanted, and the symbolic links (Linux, macOS) whose target stays."""
    present = {dest for dest, _, code in binaries + datas if code != "SYMLINK"}
    return [(dest, src, code) for dest, src, code in datas
            if (src in present if code == "SYMLINK" else keep_data(dest))]
