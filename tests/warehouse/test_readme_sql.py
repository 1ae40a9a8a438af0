"""The READMEs' SQL runs on the bundled sample county, and every view column says what it holds."""

from __future__ import annotations

import re
from pathlib import Path

import duckdb
import pytest

REPO = Path(__file__).resolve().parents[2]
DOCS = (REPO / "README.md", REPO / "warehouse" / "README.md")
QUERIES = ("select", "with", "pivot", "from")  # an analyst's queries (a migration's DDL example is not one)


def statements() -> list[tuple[str, str]]:
    out = []
    for doc in DOCS:
        for block in re.findall(r"```sql\n(.*?)```", doc.read_text(encoding="utf-8"), re.DOTALL):
            code = "\n".join(line for line in block.splitlines() if not line.strip().startswith("--"))
            out += [(doc.relative_to(REPO).as_posix(), s.strip()) for s in code.split(";")
                    if s.strip().lower().startswith(QUERIES)]
    return out


def test_the_readmes_have_sql_examples() -> None:
    assert len(statements()) >= 10


@pytest.mark.parametrize(("doc", "statement"), statements())
def test_readme_sql_runs_on_the_sample_county(sample_warehouse: Path, doc: str, statement: str) -> None:
    with duckdb.connect(str(sample_warehouse), read_only=True) as con:
        rows = con.execute(statement).fetchall()
    if "'" in statement:  # a name it filters on (a township, an indicator code) exists in the sample county
        assert rows, f"{doc}: no row for {statement}"


def test_every_view_column_is_commented(sample_warehouse: Path) -> None:
    with duckdb.connect(str(sample_warehouse), read_only=True) as con:
        bare = con.execute("SELECT table_name, column_name FROM duckdb_columns() WHERE comment IS NULL AND "
                           "table_name IN (SELECT view_name FROM duckdb_views() WHERE NOT internal)").fetchall()
        views = con.execute("SELECT count(*) FROM duckdb_views() WHERE NOT internal").fetchone()[0]
    assert views >= 10 and bare == []
