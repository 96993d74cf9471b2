#!/usr/bin/env python3
"""Developer bootstrap for TĐKT desktop. Standard library only.

    python3 dev.py run [--offscreen]   set up, build the demo data once, open the window
    python3 dev.py test [pytest args]  set up with the test tools, run the whole suite
    python3 dev.py bench               run the benchmarks in tests/bench/
    python3 dev.py i18n                refresh i18n/ (merges i18n/pending/*.json translations)
    python3 dev.py installer           smoke test, PyInstaller folder, frozen smoke test, NSIS

Set-up installs only what is missing: on Debian/Ubuntu as root the apt packages Qt needs, then
`.venv`, then the project (editable) and, for `test`, its test tools; it compiles the message
catalogues. A stamp in `.venv` skips pip when `pyproject.toml` has not changed.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"

# What PySide6 needs on a bare Debian 12 (offscreen and a real X window), and the PDF tools the
# tests use. Measured in TOOLING.md §1-§2.
APT_QT = [
    "libegl1", "libgl1", "libx11-6", "libdbus-1-3", "libfontconfig1", "libfreetype6",
    "libglib2.0-0", "libxkbcommon0",
    "libxcb-cursor0", "libxcb-icccm4", "libxcb-image0", "libxcb-keysyms1", "libxcb-render-util0",
    "libxcb-render0", "libxcb-shape0", "libxcb-xkb1", "libxkbcommon-x11-0",
]
APT_TEST = ["xvfb", "xauth", "poppler-utils", "age", "postgresql"]


def say(message: str) -> None:
    print(f"[dev] {message}", flush=True)


def run(cmd: list[str], **kwargs: object) -> None:
    result = subprocess.run(cmd, **kwargs)  # type: ignore[call-overload]
    if result.returncode != 0:
        say(f"Lệnh thất bại ({result.returncode}): {' '.join(cmd)}")
        sys.exit(result.returncode or 1)


def venv_python() -> Path:
    if os.name == "nt":
        return VENV / "Scripts" / "python.exe"
    return VENV / "bin" / "python"


def is_debian() -> bool:
    return sys.platform.startswith("linux") and Path("/etc/debian_version").exists()


def missing_apt(packages: list[str]) -> list[str]:
    missing = []
    for name in packages:
        out = subprocess.run(
            ["dpkg-query", "-W", "-f=${Status}", name], capture_output=True, text=True
        )
        if "install ok installed" not in out.stdout:
            missing.append(name)
    return missing


def ensure_system_packages(with_test: bool, extra: tuple[str, ...] = ()) -> None:
    if not is_debian() or shutil.which("dpkg-query") is None:
        return
    wanted = APT_QT + (APT_TEST if with_test else []) + list(extra)
    try:
        import ensurepip  # noqa: F401
    except ImportError:
        wanted.append("python3-venv")  # Debian's own python3 ships venv support separately
    missing = missing_apt(wanted)
    if not missing:
        return
    if os.geteuid() != 0:
        say("Thiếu gói hệ thống, hãy chạy với quyền root: apt-get install " + " ".join(missing))
        return
    say("Cài gói hệ thống: " + " ".join(missing))
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    run(["apt-get", "update", "-qq"], env=env)
    run(["apt-get", "install", "-y", "-qq", "--no-install-recommends", *missing], env=env)


def ensure_venv(extras: str) -> Path:
    python = venv_python()
    if not python.exists():
        say("Tạo môi trường ảo .venv")
        run([sys.executable, "-m", "venv", str(VENV)])
    stamp = VENV / f".installed-{extras or 'base'}"
    digest = hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest()
    # A larger install includes the smaller ones.
    larger = {"": ["test", "test,build"], "test": ["test,build"]}.get(extras, [])
    stamps = [stamp, *(VENV / f".installed-{name}" for name in larger)]
    if not any(s.exists() and s.read_text() == digest for s in stamps):
        say("Cài đặt dự án và các thư viện vào .venv")
        target = f".[{extras}]" if extras else "."
        run([str(python), "-m", "pip", "install", "-q", "--upgrade", "pip"])
        run([str(python), "-m", "pip", "install", "-q", "-e", target], cwd=ROOT)
        stamp.write_text(digest)
    return python


def compile_catalogues(python: Path) -> None:
    """Compile i18n/*/LC_MESSAGES/*.po into desktop/locale (package data, not in git)."""
    for po in sorted((ROOT / "i18n").glob("*/LC_MESSAGES/*.po")):
        lang = po.parent.parent.name
        mo = ROOT / "desktop" / "locale" / lang / "LC_MESSAGES" / (po.stem + ".mo")
        if mo.exists() and mo.stat().st_mtime >= po.stat().st_mtime:
            continue
        mo.parent.mkdir(parents=True, exist_ok=True)
        partial = mo.with_suffix(".mo.tmp")  # a running program never reads half a catalogue
        run([str(python), "-m", "babel.messages.frontend", "-q", "compile", "-i", str(po),
             "-o", str(partial), "--use-fuzzy"], stdout=subprocess.DEVNULL)
        os.replace(partial, mo)


def setup(with_test: bool) -> Path:
    ensure_system_packages(with_test)
    python = ensure_venv("test" if with_test else "")
    compile_catalogues(python)
    return python


def cmd_run(args: list[str]) -> int:
    python = setup(with_test=False)
    cmd = [str(python), "-m", "desktop", "gui", "--demo-if-empty", *args]
    return subprocess.run(cmd).returncode


def cmd_test(args: list[str]) -> int:
    python = setup(with_test=True)
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONDONTWRITEBYTECODE="1")
    if is_debian():  # the server was installed above: its tests must run, not skip
        env["TDKT_REQUIRE_POSTGRES"] = "1"
    return subprocess.run([str(python), "-m", "pytest", *args], cwd=ROOT, env=env).returncode


def cmd_bench(args: list[str]) -> int:
    python = setup(with_test=True)
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    return subprocess.run([str(python), "-m", "tests.bench", *args], cwd=ROOT, env=env).returncode


def cmd_i18n(args: list[str]) -> int:
    python = setup(with_test=True)
    code = subprocess.run([str(python), str(ROOT / "tools" / "i18n_update.py"), *args]).returncode
    compile_catalogues(python)  # again: the merge just changed the .po
    return code


def nsis_payload(bundle: Path) -> Path:
    """The folder makensis packs: the bundle, less its symbolic links outside Windows.

    makensis stores a link as a second copy of its target (95 MB more on Linux), and a Windows
    bundle has none; built elsewhere, the installer (of a non-Windows program) only measures.
    """
    if os.name == "nt":
        return bundle
    payload = ROOT / "build" / "nsis-payload"
    shutil.rmtree(payload, ignore_errors=True)
    shutil.copytree(bundle, payload, symlinks=True, copy_function=os.link,  # no second copy
                    ignore=lambda folder, names: [n for n in names
                                                  if (Path(folder) / n).is_symlink()])
    return payload


def cmd_installer(args: list[str]) -> int:
    """Build dist/tdkt-X.Y.Z/ (PyInstaller) and dist/TDKT-X.Y.Z-setup.exe (NSIS), smoke-tested."""
    ensure_system_packages(with_test=True, extra=("nsis",))
    python = ensure_venv("test,build")
    compile_catalogues(python)
    sys.path.insert(0, str(ROOT / "installer"))
    from version_info import version

    name = f"tdkt-{version()}"
    bundle = ROOT / "dist" / name
    setup_exe: Path | None = ROOT / "dist" / f"TDKT-{version()}-setup.exe"
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    say("1/5 Kiểm tra nhanh từ mã nguồn")
    run([str(python), "-m", "desktop", "--smoke-test"], env=env)
    say("2/5 Đóng gói bằng PyInstaller")
    run([str(python), "-m", "PyInstaller", "--noconfirm", "--log-level", "WARN",
         "--distpath", str(ROOT / "dist"), "--workpath", str(ROOT / "build" / "pyinstaller"),
         str(ROOT / "installer" / "tdkt.spec")], cwd=ROOT)
    say("3/5 Kiểm tra bản đóng gói: chạy thử, dung lượng")
    env["TDKT_BUNDLE"] = str(bundle)
    run([str(python), "-m", "pytest", "-q", "-m", "slow", "tests/installer"], cwd=ROOT, env=env)
    if "--no-nsis" in args:
        setup_exe = None
    else:
        say("4/5 Tạo bộ cài bằng NSIS")
        makensis = shutil.which("makensis")
        if makensis is None:
            say("Không tìm thấy makensis (NSIS); hãy cài NSIS rồi chạy lại.")
            return 1
        run([makensis, "-V2", f"-DVERSION={version()}", f"-DBUNDLE={nsis_payload(bundle)}",
             f"-DOUTFILE={setup_exe}", "tdkt.nsi"], cwd=ROOT / "installer")
        say("5/5 Kiểm tra dung lượng bộ cài")
        run([str(python), "-m", "pytest", "-q", "-m", "slow", "tests/installer/test_sizes.py"],
            cwd=ROOT, env=dict(env, TDKT_SETUP=str(setup_exe)))
    from bundle_size import folder_size, megabytes

    say(f"Thư mục chương trình: {bundle} ({megabytes(folder_size(bundle))})")
    if setup_exe is not None:
        say(f"Bộ cài: {setup_exe} ({megabytes(setup_exe.stat().st_size)})")
    return 0


COMMANDS = {"run": cmd_run, "test": cmd_test, "bench": cmd_bench, "i18n": cmd_i18n,
            "installer": cmd_installer}


def main() -> int:
    if len(sys.argv) < 2 or sys.argv[1] not in COMMANDS:
        print(__doc__)
        return 2
    if sys.version_info < (3, 11):  # noqa: UP036 - dev.py may be started by an older python3
        say("Cần Python 3.11 trở lên.")
        return 1
    return COMMANDS[sys.argv[1]](sys.argv[2:])


if __name__ == "__main__":
    sys.exit(main())
