"""Writing documents into a folder: each PDF with its .docx, and the whole dossier of a round.

Files are written under temporary names and renamed only when everything is ready, so a failure
or a cancellation leaves no half-written file. The numbers a final copy reserves are taken in
one transaction with the writing: a cancelled dossier takes no number. Qt-free; the window calls
:func:`print_round` from a worker thread.
"""

from __future__ import annotations

import io
import os
import uuid
from collections.abc import Callable, Mapping
from pathlib import Path

from desktop.core.service import Services
from desktop.documents import common as c
from desktop.documents import registry
from desktop.documents.page import gc_paused
from desktop.documents.word import has_docx, to_docx
from desktop.errors import UserError
from desktop.i18n import _

# progress(done, total, label): return False (or raise) to stop; None or True goes on.
Progress = Callable[[int, int, str], object]
MERGED = "ho-so-tong-hop.pdf"  # every document of the dossier, in filing order


class PrintCancelled(UserError):  # noqa: N818 - a signal, shown as one sentence
    """The officer stopped the printing; nothing was written."""


def files_of(form: registry.Form, pdf: bytes) -> dict[str, bytes]:
    """{file name: content}: the PDF, and its .docx when the form has an editable version."""
    files = {form.filename: bytes(pdf)}
    if has_docx(pdf):
        files[str(Path(form.filename).with_suffix(".docx"))] = to_docx(pdf)
    return files


def write_files(out_dir: Path | str, files: Mapping[str, bytes]) -> list[Path]:
    """Write every file or none: temporary names first, renamed once all are on disk."""
    folder = Path(out_dir).expanduser()
    temps: list[tuple[Path, Path]] = []
    tag = uuid.uuid4().hex[:8]
    try:
        folder.mkdir(parents=True, exist_ok=True)
        for name, data in files.items():
            final = folder / name
            temp = folder / f".{name}.{tag}.tmp"
            temps.append((temp, final))
            with open(temp, "wb") as fh:
                fh.write(data)
                fh.flush()
                os.fsync(fh.fileno())
        for temp, final in temps:
            os.replace(temp, final)
    except OSError as exc:
        for temp, _final in temps:
            temp.unlink(missing_ok=True)
        raise UserError(
            _("Cannot write the file into “{folder}”: {reason}.").format(
                folder=folder, reason=exc.strerror or exc)
        ) from exc
    return [final for _temp, final in temps]


def print_form(db: Services, form: registry.Form, ref: str, out_dir: Path | str, *,
               draft: bool = False, **options: object) -> list[Path]:
    """One document (PDF and .docx) into `out_dir`; returns the paths written. `options`
    go to the form's builder (``printer=`` for Giấy khen on pre-printed stock)."""
    with db.transaction():  # the number is reserved only if the files get written
        files = files_of(form, form.build(db, ref, draft=draft, **options))
    return write_files(out_dir, files)


def dossier_forms() -> list[registry.Form]:
    """The documents of a round's paper dossier, in filing order."""
    return [f for f in registry.FORMS if f.needs == "round" and getattr(f, "dossier", True)]


def merge_pdfs(pdfs: list[bytes]) -> bytes:
    from pypdf import PdfWriter

    writer = PdfWriter()
    for pdf in pdfs:
        writer.append(io.BytesIO(pdf))
    buf = io.BytesIO()
    writer.write(buf)
    return buf.getvalue()


def build_dossier(db: Services, round_id: str, *, draft: bool = False,
                  step: Callable[[int, str], None] | None = None,
                  skipped: list[str] | None = None) -> list[tuple[registry.Form, bytes]]:
    """Build every document of the round's dossier that can be made, in filing order.

    A document that cannot be made yet (no council meeting, no decision…) is left out and its
    reason appended to `skipped`. `step(i, title)` is called before each document. The cycle
    collector stays paused over the whole dossier: between documents it would otherwise rescan
    the stories kept for the .docx copies again and again (measured: a sixth of the time, no
    change in peak memory).
    """
    built: list[tuple[registry.Form, bytes]] = []
    with gc_paused():
        for i, form in enumerate(dossier_forms()):
            if step is not None:
                step(i, form.title)
            try:
                built.append((form, form.build(db, round_id, draft=draft)))
            except PrintCancelled:
                raise
            except UserError as exc:
                if skipped is not None:
                    skipped.append(f"{form.title}: {exc}")
    return built


def print_round(db: Services, round_ref: str, out_dir: Path | str,
                progress: Progress | None = None, *, draft: bool = False,
                skipped: list[str] | None = None) -> list[Path]:
    """Every document of the round (PDF + .docx each) and one merged PDF in filing order.

    A document that cannot be made yet is left out and its reason appended to `skipped`.
    `progress` is called before each document and at the end; when it returns False the work
    stops (PrintCancelled) and nothing is written or reserved.
    """
    count = len(dossier_forms())
    total = 2 * count + 1  # each PDF, each Word copy, the merged PDF

    def step(done: int, label: str) -> None:
        if progress is not None and progress(done, total, label) is False:
            raise PrintCancelled(_("Printing was cancelled; no file was written."))

    with c.reading(db) as session:
        rnd = c.find_round(session, round_ref)
        round_id = str(rnd.id)
    with db.transaction():  # numbers reserved by final copies roll back on cancel or error
        built = build_dossier(db, round_id, draft=draft, step=step, skipped=skipped)
        if not built:
            raise UserError(_("No document of this round can be made yet; record the "
                              "nominations, the council meeting and the decision first."))
        files: dict[str, bytes] = {}
        for i, (form, pdf) in enumerate(built):
            step(count + i, _("Word copy: {title}").format(title=form.title))
            files.update(files_of(form, pdf))
        step(total - 1, _("Merged PDF"))
        files[MERGED] = merge_pdfs([pdf for _form, pdf in built])
    written = write_files(out_dir, files)
    if progress is not None:
        progress(total, total, "")
    return written
