"""Where `township-rollup serve` takes its settings from: the command line, else the office configuration
(township-rollup.toml, as `township-rollup init` writes it), so a clerk starts the workbench with no options."""

from __future__ import annotations

from pathlib import Path

import pytest

from core.office import office_toml
from township_rollup.cli import build_parser
from township_rollup.commands.serve import settings_of
from township_rollup.web.settings import listen_address


@pytest.fixture
def office(tmp_path: Path, sample_county: Path) -> Path:
    (tmp_path / "reports").mkdir()
    (tmp_path / "exports").mkdir()
    (tmp_path / "county.yaml").write_bytes((sample_county / "county.yaml").read_bytes())
    path = tmp_path / "township-rollup.toml"
    path.write_text(office_toml({"county": "county.yaml", "reports": "reports", "database": "county.duckdb",
                                 "exports": "exports", "workbench_url": "http://127.0.0.1:8761"}), encoding="utf-8")
    return path


def test_serve_without_options_takes_the_office_configuration(office: Path) -> None:
    folder = office.parent
    s = settings_of(build_parser().parse_args(["serve", "--config", str(office)]))
    assert (s.db, s.county, s.reports) == (folder / "county.duckdb", folder / "county.yaml", folder / "reports")
    assert (s.host, s.port) == ("127.0.0.1", 8761)  # where the configuration's workbench_url (artifact links) points
    assert s.office == office.resolve() and s.token is None


def test_the_command_line_wins_over_the_configuration(office: Path, tmp_path: Path) -> None:
    s = settings_of(build_parser().parse_args(["serve", "--config", str(office), "--port", "9000",
                                               "--db", str(tmp_path / "other.duckdb")]))
    assert s.port == 9000 and s.host == "127.0.0.1" and s.db == tmp_path / "other.duckdb"


def test_without_a_configuration_the_defaults(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("TOWNSHIP_ROLLUP_CONFIG", raising=False)
    s = settings_of(build_parser().parse_args(["serve"]))
    assert (s.host, s.port, s.db, s.county, s.reports, s.office) == (
        "127.0.0.1", 8750, tmp_path / "county.duckdb", None, None, None)


@pytest.mark.parametrize(("url", "address"), [
    ("http://127.0.0.1:8750", ("127.0.0.1", 8750)),
    ("http://192.168.1.20:9000/", ("192.168.1.20", 9000)),
    ("http://[::1]:8750", ("::1", 8750)),
    ("http://localhost", ("localhost", 80)),
    ("https://bench.example.org", None),  # a proxy in front: where it forwards to is not in the address
    ("http://127.0.0.1:notaport", None),
    (None, None),
])
def test_listen_address(url: str | None, address: tuple[str, int] | None) -> None:
    assert listen_address(url) == address


def test_a_port_in_use_is_one_line_and_nothing_is_announced(tmp_path: Path) -> None:
    """Another program (or a workbench already running) holds the port: serve must not say 已启动 and then fail."""
    import socket
    import subprocess
    import sys

    holder = socket.socket()
    holder.bind(("127.0.0.1", 0))
    holder.listen(1)
    port = holder.getsockname()[1]
    try:
        cli = str(Path(sys.executable).with_name("township-rollup"))
        done = subprocess.run([cli, "serve", "--db", str(tmp_path / "county.duckdb"), "--port", str(port)],
                              capture_output=True, text=True, timeout=120, cwd=tmp_path)
    finally:
        holder.close()
    assert done.returncode == 2
    assert "已启动" not in done.stdout and "Errno" not in done.stderr + done.stdout
    assert f"127.0.0.1:{port}" in done.stderr and "已被占用" in done.stderr
