"""The program's settings file: defaults once, a damaged file never stops the start."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop.cli import main
from desktop.core.settings import Settings, load_settings, save_settings, settings_path
from desktop.errors import UserError
from desktop.i18n import current_language, setup_i18n


def test_language_is_saved_and_used_at_the_next_start(
    home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert load_settings() == Settings(language="vi")
    save_settings(Settings(language="en"))
    assert load_settings().language == "en"
    main(["check", "--db", str(home / "none.sqlite3")])
    assert current_language() == "en"
    assert "does not exist" in capsys.readouterr().err
    setup_i18n("vi")


def test_a_damaged_or_strange_file_gives_the_defaults(home: Path) -> None:
    settings_path().write_text("{not json", encoding="utf-8")
    assert load_settings() == Settings()
    settings_path().write_text('{"language": "fr", "colour": "blue"}', encoding="utf-8")
    assert load_settings() == Settings()
    with pytest.raises(UserError, match="không phải là ngôn ngữ"):
        save_settings(Settings(language="fr"))
