"""The program's own settings (not the office's data): one JSON file in the config folder.

The defaults are declared once, in `Settings`; a missing or damaged file gives the defaults, so
a bad settings file never stops the program from starting.
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass, fields
from pathlib import Path

from desktop import paths
from desktop.errors import UserError
from desktop.i18n import LANGUAGES, _

FILE = "settings.json"
VERSION = 1


@dataclass(frozen=True)
class Settings:
    language: str = "vi"  # applied at the next start
    second_backup_folder: str = ""  # a stick or a network folder that gets a copy of each backup
    server_url: str = ""  # a shared PostgreSQL database instead of the file; at the next start
    printer_profile: str = "mac-dinh"  # the one Giấy khen on pre-printed stock is printed with
    version: int = VERSION


def settings_path() -> Path:
    return paths.config_dir() / FILE


def load_settings() -> Settings:
    try:
        data = json.loads(settings_path().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return Settings()
    if not isinstance(data, dict):
        return Settings()
    known = {f.name for f in fields(Settings)}
    values = {k: v for k, v in data.items() if k in known}
    if values.get("language") not in LANGUAGES:
        values.pop("language", None)
    if not isinstance(values.get("second_backup_folder", ""), str):
        values.pop("second_backup_folder")
    if not isinstance(values.get("server_url", ""), str):
        values.pop("server_url")
    if not isinstance(values.get("printer_profile", ""), str):
        values.pop("printer_profile")
    try:
        return Settings(**values)
    except TypeError:
        return Settings()


def save_settings(settings: Settings) -> None:
    if settings.language not in LANGUAGES:
        raise UserError(_("“{value}” is not a language of the program; choose Vietnamese or "
                          "English.").format(value=settings.language))
    path = settings_path()
    tmp = path.with_suffix(".tmp")
    try:
        tmp.write_text(json.dumps(asdict(settings), ensure_ascii=False, indent=2),
                       encoding="utf-8")
        os.replace(tmp, path)
    except OSError as exc:
        raise UserError(_("Cannot save the settings ({reason}); check that the folder “{folder}” "
                          "can be written.").format(reason=exc.strerror or exc,
                                                   folder=path.parent)) from exc
