"""The round's printed documents (PDF) that travel in a dossier package.

Built through the public registry of desktop/documents, as drafts (a package never takes a number
from the register: the signed paper copy does): the round's dossier forms, the same set as
`tdkt print round`. A form that does not apply yet (no meeting, no decision) is left out; forms
added to the registry later are picked up by themselves.
"""

from __future__ import annotations

import re
import uuid
from typing import Any

from desktop.errors import UserError

_UNSAFE = re.compile(r"[^A-Za-z0-9._-]")


def member_name(filename: str) -> str:
    """`documents/<name>` with a name that passes the package's member-path rule."""
    name = _UNSAFE.sub("-", filename).lstrip("._-")[:100] or "tai-lieu.pdf"
    return f"documents/{name}"


def round_documents(services: Any, round_id: uuid.UUID,
                    codes: tuple[str, ...] | None = None) -> tuple[dict[str, bytes],
                                                                   list[dict[str, str]]]:
    """PDF bytes by member path, and the list of what was included (path, code, title)."""
    from desktop.documents import registry

    blobs: dict[str, bytes] = {}
    listed: list[dict[str, str]] = []
    for form in registry.FORMS:
        if form.needs != "round" or not form.dossier or (
                codes is not None and form.code not in codes):
            continue  # the package carries the dossier, as `tdkt print round` prints it
        try:
            data = form.build(services, str(round_id), draft=True)
        except UserError:
            continue  # not applicable to this round yet
        path = member_name(form.filename)
        if path in blobs:
            path = member_name(f"{form.code}-{form.filename}")
        blobs[path] = data
        listed.append({"path": path, "code": form.code, "title": form.title})
    return blobs, listed
