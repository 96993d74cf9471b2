"""What the bundle leaves out (installer/bundle_trim.py), on PyInstaller-style entries."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "installer"))
from bundle_trim import keep_binary, keep_data, keep_entries, prune  # noqa: E402

QT = "PySide6/Qt/plugins"


@pytest.mark.parametrize(("dest", "kept"), [
    (f"{QT}/platforms/libqxcb.so", True),
    (f"{QT}/platforms/libqoffscreen.so", True),
    ("PySide6\\plugins\\platforms\\qwindows.dll", True),
    (f"{QT}/platforms/libqwayland.so", False),
    (f"{QT}/platforms/libqvnc.so", False),
    (f"{QT}/platformthemes/libqgtk3.so", False),
    (f"{QT}/wayland-shell-integration/libxdg-shell.so", False),
    (f"{QT}/platforminputcontexts/libibusplatforminputcontextplugin.so", True),
    ("PySide6/plugins/platforminputcontexts/qtvirtualkeyboardplugin.dll", False),
    (f"{QT}/printsupport/libcupsprintersupport.so", True),
    ("PySide6/plugins/styles/qmodernwindowsstyle.dll", True),
    (f"{QT}/imageformats/libqjpeg.so", True),
    (f"{QT}/imageformats/libqtiff.so", False),
    ("PySide6/opengl32sw.dll", False),
    ("PySide6/Qt/lib/libQt6Widgets.so.6", True),
])
def test_qt_plugins_kept_and_left_out(dest: str, kept: bool) -> None:
    assert keep_binary(dest) is kept


def test_babel_and_qt_translations_only_in_vietnamese_and_english() -> None:
    assert keep_data("babel/locale-data/vi.dat")
    assert keep_data("babel/locale-data/root.dat")
    assert not keep_data("babel/locale-data/fr.dat")
    assert keep_data("PySide6/Qt/translations/qtbase_en.qm")
    assert not keep_data("PySide6/Qt/translations/qtbase_de.qm")
    assert keep_data("resources/fonts/LiberationSerif-Bold.ttf")


def test_a_library_goes_with_the_only_plugin_that_linked_it() -> None:
    binaries = [
        ("PySide6/QtGui.abi3.so", "/src/QtGui.abi3.so", "EXTENSION"),
        ("PySide6/Qt/lib/libQt6Gui.so.6", "/src/libQt6Gui.so.6", "BINARY"),
        (f"{QT}/platforms/libqxcb.so", "/src/libqxcb.so", "BINARY"),
        ("libxcb-cursor.so.0", "/sys/libxcb-cursor.so.0", "BINARY"),
        (f"{QT}/platformthemes/libqgtk3.so", "/src/libqgtk3.so", "BINARY"),
        ("libcairo.so.2", "/sys/libcairo.so.2", "BINARY"),
        ("libpixman-1.so.0", "/sys/libpixman-1.so.0", "BINARY"),
        ("pypdfium2_raw/libpdfium.so", "/src/libpdfium.so", "BINARY"),
        ("libpython3.11.so.1.0", "/py/libpython3.11.so.1.0", "BINARY"),
    ]
    links = {
        "/src/QtGui.abi3.so": ["libQt6Gui.so.6", "libc.so.6"],
        "/src/libqxcb.so": ["libQt6Gui.so.6", "libxcb-cursor.so.0"],
        "/src/libqgtk3.so": ["libQt6Gui.so.6", "libcairo.so.2"],
        "/sys/libcairo.so.2": ["libpixman-1.so.0"],
        "/sys/libpixman-1.so.0": ["libpython3.11.so.1.0"],  # linked only by what goes: a root
    }
    kept = [dest for dest, _, _ in prune(binaries, keep_binary,
                                         lambda src: links.get(src, []),
                                         roots=["/py/libpython3.11.so.1.0"])]
    assert kept == ["PySide6/QtGui.abi3.so", "PySide6/Qt/lib/libQt6Gui.so.6",
                    f"{QT}/platforms/libqxcb.so", "libxcb-cursor.so.0",
                    "pypdfium2_raw/libpdfium.so", "libpython3.11.so.1.0"]


def test_a_link_to_a_library_left_out_goes_too() -> None:
    binaries = [("PySide6/Qt/lib/libQt6Gui.so.6", "/src/libQt6Gui.so.6", "BINARY")]
    datas = [
        ("libQt6Gui.so.6", "PySide6/Qt/lib/libQt6Gui.so.6", "SYMLINK"),
        ("libQt6Network.so.6", "PySide6/Qt/lib/libQt6Network.so.6", "SYMLINK"),
        ("babel/locale-data/vi.dat", "/src/vi.dat", "DATA"),
        ("babel/locale-data/ja.dat", "/src/ja.dat", "DATA"),
    ]
    assert [d for d, _, _ in keep_entries(datas, binaries)] == [
        "libQt6Gui.so.6", "babel/locale-data/vi.dat"]
