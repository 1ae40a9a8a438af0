"""The office configuration: read, checked (one Chinese line per wrong setting), found, written."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from core.errors import ConfigError
from core.office import CONFIG_ENV, CONFIG_NAME, find_office, load_office, office_toml


@pytest.fixture
def office_dir(tmp_path: Path, sample_county: Path) -> Path:
    (tmp_path / "county.yaml").write_text((sample_county / "county.yaml").read_text(encoding="utf-8"), "utf-8")
    (tmp_path / "reports").mkdir()
    return tmp_path


def _write(folder: Path, text: str) -> Path:
    path = folder / CONFIG_NAME
    path.write_text(text, encoding="utf-8")
    return path


GOOD = 'county = "county.yaml"\nreports = "reports"\ndatabase = "data/../county.duckdb"\nexports = "exports"\n'


def test_paths_are_relative_to_the_file_and_defaults_fill_the_rest(office_dir: Path, tmp_path: Path) -> None:
    cfg = load_office(_write(office_dir, GOOD))
    assert cfg.county == office_dir / "county.yaml" and cfg.reports == office_dir / "reports"
    assert cfg.database == office_dir / "county.duckdb" and cfg.log == office_dir / "county.log"
    assert cfg.exports == office_dir / "exports"  # not there yet: written by the first rollup
    assert cfg.deadline == (3, 1) and cfg.wait_seconds == 600 and cfg.prefect_api_url is None
    assert cfg.indicators is None


def test_every_wrong_setting_is_one_line_naming_it(office_dir: Path) -> None:
    (office_dir / "not-a-folder").write_text("x")
    (office_dir / "db-folder").mkdir()
    path = _write(office_dir, 'county = "missing.yaml"\nreports = "not-a-folder"\ndatabase = "db-folder"\n'
                              'deadline = "02-30"\nwait_seconds = -1\nprefect_api_url = "localhost:4200"\n'
                              'colour = "blue"\n')
    with pytest.raises(ConfigError) as caught:
        load_office(path)
    lines = str(caught.value).splitlines()
    named = ["colour", "exports", "deadline", "wait_seconds", "prefect_api_url"]
    assert len(lines) == len(named), lines
    for setting, line in zip(named, lines, strict=True):
        assert line.startswith(f"办公室配置 {path}：") and setting in line, (setting, line)
    with pytest.raises(ConfigError) as caught:  # with the settings complete, the paths are checked
        load_office(_write(office_dir, 'county = "missing.yaml"\nreports = "not-a-folder"\n'
                                       'database = "db-folder"\nexports = "county.yaml"\n'))
    lines = str(caught.value).splitlines()
    assert [next(s for s in ("county", "reports", "database", "exports") if f"（设置 {s}）" in line)
            for line in lines] == ["county", "reports", "database", "exports"]


@pytest.mark.parametrize("text", ["county = county.yaml\n", "\ufffe\x00", "[office\n"])
def test_a_file_that_is_not_toml_is_one_line(office_dir: Path, text: str) -> None:
    with pytest.raises(ConfigError) as caught:
        load_office(_write(office_dir, text))
    (line,) = str(caught.value).splitlines()
    assert CONFIG_NAME in line and "TOML" in line


def test_a_missing_file_says_to_run_init(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="township-rollup init"):
        load_office(tmp_path / CONFIG_NAME)


def test_which_file_applies(tmp_path: Path) -> None:
    explicit, env = tmp_path / "a.toml", tmp_path / "b.toml"
    assert find_office(explicit, cwd=tmp_path, environ={CONFIG_ENV: str(env)}) == explicit
    assert find_office(None, cwd=tmp_path, environ={CONFIG_ENV: str(env)}) == env
    assert find_office(None, cwd=tmp_path, environ={}) is None
    _write(tmp_path, GOOD)
    assert find_office(None, cwd=tmp_path, environ={}) == tmp_path / CONFIG_NAME


def test_what_init_writes_reads_back(office_dir: Path) -> None:
    settings = {"county": "county.yaml", "reports": "reports", "database": "county.duckdb", "exports": "out",
                "deadline": "04-01", "wait_seconds": 30, "prefect_api_url": "http://127.0.0.1:4200/api"}
    text = office_toml(settings)
    assert "# indicators = " in text and "报送截止日期" in text  # optional settings are shown, commented out
    cfg = load_office(_write(office_dir, text))
    assert (cfg.deadline, cfg.wait_seconds, cfg.prefect_api_url) == ((4, 1), 30.0, "http://127.0.0.1:4200/api")
    assert cfg.exports == office_dir / "out"


def test_a_deadline_on_29_february_falls_on_the_28th_in_other_years(office_dir: Path) -> None:
    cfg = load_office(_write(office_dir, GOOD + 'deadline = "02-29"\n'))
    assert cfg.deadline_in(2028) == date(2028, 2, 29) and cfg.deadline_in(2027) == date(2027, 2, 28)
