"""The shipped plan files arrive whole; a plan whose keys fell into a TOML table is refused."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from desktop.core.movements import PLAN_TEXT_KEYS
from desktop.core.service import Services
from desktop.errors import UserError
from desktop.paths import resource

PLANS = sorted(resource("demo", "movements").glob("*.toml"))


@pytest.mark.parametrize("path", PLANS, ids=lambda p: p.stem)
def test_every_text_part_of_a_shipped_plan_is_kept(services: Services, path: Path) -> None:
    written = {k for k in tomllib.loads(path.read_text(encoding="utf-8")) if k in PLAN_TEXT_KEYS}
    movement = services.movements.import_plan_file(path)
    assert set(movement.plan) == written
    assert {"recipients", "signer_name"} <= written


def test_a_plan_key_under_a_content_section_is_refused(services: Services, tmp_path: Path) -> None:
    broken = tmp_path / "ke-hoach.toml"
    broken.write_text('code = "X-1"\nname = "Phong trào thử"\nkind = "chuyen_de"\n'
                      '[[content_sections]]\nheading = "1. Nội dung"\nitems = ["Một"]\n'
                      'recipients = ["Như trên"]\n', encoding="utf-8")
    with pytest.raises(UserError, match="recipients.*\\[\\[content_sections\\]\\]"):
        services.movements.import_plan_file(broken)
    assert services.movements.all() == []
