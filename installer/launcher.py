"""Entry point of the frozen program: the console `tdkt` runs the command line, any other name
(the windowed `ThiDuaKhenThuong`) opens the window. The name is the one the program was started
by: outside Windows `tdkt` is a link to the same executable."""

import sys
from pathlib import Path

from desktop.cli import main, main_gui

if __name__ == "__main__":
    console = Path(sys.argv[0] or sys.executable).stem.lower() == "tdkt"
    sys.exit(main() if console else main_gui())
