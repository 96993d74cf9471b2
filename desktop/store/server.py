"""A shared PostgreSQL server (a province office): its URL, its errors, its migrations.

Only SQLite files and PostgreSQL servers are supported; a `postgresql://` or `postgres://` URL
is read as `postgresql+psycopg://` (the driver the program ships). A connection problem becomes
one sentence that says what to check, never a driver message alone.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, text
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError
from sqlalchemy.pool import NullPool

from desktop.errors import UserError
from desktop.i18n import _

DRIVER = "postgresql+psycopg"
CONNECT_TIMEOUT = 5  # seconds: a server that is down is reported quickly
MIGRATION_LOCK = 0x7464_6B74  # "tdkt": one first user upgrades, the others wait for it


def is_server_url(target: str) -> bool:
    return target.split("://", 1)[0].split("+", 1)[0] in ("postgresql", "postgres")


def parse_url(target: str) -> URL:
    """The SQLAlchemy URL of a server, with the shipped driver; refuses anything else."""
    try:
        url = make_url(target)
    except ArgumentError as exc:
        raise UserError(_("“{url}” is not a valid database address; write it as "
                          "postgresql://user:password@server:5432/database.").format(
                              url=target)) from exc
    if url.get_backend_name() not in ("postgresql", "postgres"):
        raise UserError(_("The program works with a database file or a PostgreSQL server only; "
                          "check the address “{url}”.").format(url=shown(url)))
    if not url.database:
        raise UserError(_("The address “{url}” names no database; add /database-name at the "
                          "end.").format(url=shown(url)))
    return url.set(drivername=DRIVER)


def shown(url: URL | str) -> str:
    """The URL as it may be shown or logged: the password hidden."""
    try:
        parsed = make_url(url) if isinstance(url, str) else url
    except ArgumentError:
        return str(url)
    return parsed.render_as_string(hide_password=True)


def engine_options() -> dict[str, Any]:
    return {"pool_pre_ping": True, "connect_args": {"connect_timeout": CONNECT_TIMEOUT}}


def connection_error(exc: BaseException, url: URL | str) -> UserError:
    """One sentence for a server that cannot be reached or refuses us."""
    parsed = make_url(str(url)) if isinstance(url, str) else url
    reason = str(getattr(exc, "orig", None) or exc).lower()
    where = {"host": parsed.host or "localhost", "port": parsed.port or 5432,
             "database": parsed.database or "", "user": parsed.username or ""}
    if "password" in reason or "authentication" in reason:
        return UserError(_("The server refused user “{user}”: the password is wrong or the user "
                           "has no access; check them with the server's administrator.")
                         .format(**where))
    if "does not exist" in reason and "database" in reason:
        return UserError(_("The database “{database}” does not exist on the server {host}; "
                           "create it first (see the guide for the province server).")
                         .format(**where))
    if "translate host name" in reason or "name or service not known" in reason:
        return UserError(_("The server name “{host}” is unknown; check the address.")
                         .format(**where))
    return UserError(_("Cannot reach the database server {host}:{port}; check that it is "
                       "running and that this computer is on its network.").format(**where))


def lock_for_migration(conn: Connection) -> None:
    """Hold the migration lock until the transaction ends (another copy may be upgrading)."""
    conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": MIGRATION_LOCK})


def check_connection(target: str) -> str:
    """Try a server address without changing anything; one sentence on what the next start
    will find there (a refusal is a UserError)."""
    from sqlalchemy import create_engine, inspect
    from sqlalchemy.exc import DBAPIError

    from desktop.store.database import head_revision, known_revisions

    url = parse_url(target)
    engine = create_engine(url, poolclass=NullPool, **{
        k: v for k, v in engine_options().items() if k != "pool_pre_ping"})
    try:
        with engine.connect() as conn:
            version = conn.execute(text("SHOW server_version")).scalar_one()
            tables = set(inspect(conn).get_table_names())
            revision = (conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
                        if "alembic_version" in tables else None)
    except DBAPIError as exc:
        raise connection_error(exc, url) from exc
    finally:
        engine.dispose()
    if tables and ("alembic_version" not in tables or "app_meta" not in tables):
        raise UserError(_("The database “{database}” holds another program's tables; give the "
                          "program an empty database of its own.").format(database=url.database))
    if revision is not None and revision not in known_revisions():
        raise UserError(_("This database was written by a newer version of TĐKT; "
                          "install the newer version to open it."))
    if not tables:
        return _("Connected to PostgreSQL {version}: the database is empty; the program will "
                 "create its tables at the next start.").format(version=version)
    if revision != head_revision():
        return _("Connected to PostgreSQL {version}: the first start will upgrade the database "
                 "to this version; make a pg_dump copy first.").format(version=version)
    return _("Connected to PostgreSQL {version}: the database is ready.").format(
        version=version)
