"""Numbered schema migrations: `warehouse/migrations/NNNN_name.sql`, each applied once, in order.

A warehouse records what it has had applied in `schema_migrations` (version, name, applied_at).
`migrate()` applies the missing ones in one transaction with the views (views.sql) recreated
after them, so a file holds either the old schema or the whole new one. A file that records a
version this program does not have was written by a newer release: it is refused (SchemaTooNew)
before anything is written, rather than written with an older idea of its tables.

Migration 0001 is the first release's schema.sql and is idempotent, because warehouses from before
numbered migrations (no schema_migrations table) hold some or all of it; it completes them.
Later migrations run exactly once and may ALTER freely. How to add one: warehouse/README.md.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import duckdb

__all__ = ["Migration", "SchemaTooNew", "applied_versions", "latest_version", "migrate", "migrations",
           "pending_migrations"]

_FILE_NAME = re.compile(r"^(\d{4})_([a-z0-9_]+)\.sql$")

_HAS_TABLE = ("SELECT count(*) FROM information_schema.tables "
              "WHERE table_schema = 'main' AND table_name = 'schema_migrations'")


@dataclass(frozen=True)
class Migration:
    version: int  # NNNN of the file name, from 1, no gaps
    name: str  # the rest of the file name, e.g. "baseline"
    sql: str  # the file's statements, run as one script


class SchemaTooNew(Exception):
    """The file was written by a newer township-rollup: it has migrations this program does not know."""

    def __init__(self, path: Path | str, found: int, known: int) -> None:
        self.path = Path(path)
        self.found = found
        self.known = known
        super().__init__(
            f"数据库文件 {self.path} 是更新版本的 township-rollup 写入的（数据库结构版本 {found}，"
            f"本程序只认识到版本 {known}）。为免损坏数据，本程序不读写它；文件没有任何改动。"
            f"请把 township-rollup 升级到最新版本后再运行。\n"
            f"The database {self.path} was written by a newer township-rollup (schema version {found}; this "
            f"program knows up to {known}). It was left untouched; upgrade township-rollup and rerun."
        )


@cache
def migrations() -> tuple[Migration, ...]:
    """Every migration shipped with this program, by version.

    Raises RuntimeError when the folder is inconsistent (a badly named file, a repeated or missing
    number): a packaging mistake, caught by the tests, never a user's.
    """
    folder = resources.files("warehouse") / "migrations"
    found: list[Migration] = []
    for entry in folder.iterdir():
        if not entry.name.endswith(".sql"):
            continue
        match = _FILE_NAME.match(entry.name)
        if match is None:
            raise RuntimeError(f"migration file name not NNNN_name.sql: {entry.name}")
        found.append(Migration(int(match.group(1)), match.group(2), entry.read_text(encoding="utf-8")))
    found.sort(key=lambda m: m.version)
    versions = [m.version for m in found]
    if versions != list(range(1, len(found) + 1)):
        raise RuntimeError(f"migrations must be numbered 1, 2, 3... without gaps or repeats; found {versions}")
    return tuple(found)


def _sql(name: str) -> str:
    return (resources.files("warehouse") / name).read_text(encoding="utf-8")


def latest_version() -> int:
    """The schema version this program writes: the highest migration number."""
    return migrations()[-1].version


def applied_versions(con: duckdb.DuckDBPyConnection) -> dict[int, str]:
    """version -> name of the migrations the open file records; {} for a file without the table."""
    row = con.execute(_HAS_TABLE).fetchone()
    if not row or not row[0]:
        return {}
    return dict(con.execute("SELECT version, name FROM schema_migrations").fetchall())


def pending_migrations(con: duckdb.DuckDBPyConnection, path: Path | str) -> tuple[Migration, ...]:
    """The migrations this file still needs, in order; raises SchemaTooNew for a newer file."""
    applied = applied_versions(con)
    newest = latest_version()
    if applied and max(applied) > newest:
        raise SchemaTooNew(path, max(applied), newest)
    return tuple(m for m in migrations() if m.version not in applied)


def migrate(con: duckdb.DuckDBPyConnection, path: Path | str, *, up_to: int | None = None,
            views: str | None = None) -> tuple[Migration, ...]:
    """Apply the pending migrations (all, or those up to version `up_to`) and recreate the views,
    in one transaction on an open write connection; returns the migrations applied.

    `views` is the views script to run after them (views.sql, which matches the latest schema
    only: leave it None when stopping at an earlier `up_to`). Raises SchemaTooNew (nothing
    written) for a file from a newer release; any SQL error rolls the whole upgrade back.
    """
    con.execute("BEGIN TRANSACTION")
    try:
        todo = tuple(m for m in pending_migrations(con, path) if up_to is None or m.version <= up_to)
        if todo:
            con.execute(_sql("schema_migrations.sql"))
        now = datetime.now(UTC).replace(tzinfo=None)
        for migration in todo:
            con.execute(migration.sql)
            con.execute("INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)",
                        [migration.version, migration.name, now])
        if views is not None:
            con.execute(views)
        if todo:
            # The first release read meta.schema_version; keep it saying the same as schema_migrations.
            version = max(applied_versions(con))
            con.execute("INSERT OR REPLACE INTO meta (key, value) VALUES ('schema_version', ?)", [str(version)])
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise
    return todo
