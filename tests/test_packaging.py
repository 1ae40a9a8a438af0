"""pyproject.toml lists every folder of ours that holds files, so setuptools ships them and says nothing.

setuptools treats every folder as a package and prints a long warning for each one the `packages` list
leaves out (a data folder: YAML, SQL, templates); `scripts/setup` should print what it installs and nothing
alarming.
"""

from __future__ import annotations

import tomllib

from tests.conftest import REPO


def test_every_folder_with_files_is_a_listed_package() -> None:
    listed = set(tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]["packages"])
    roots = {name for name in listed if "." not in name}
    found = set()
    for root in roots:
        for folder in [REPO / root, *(REPO / root).rglob("*")]:
            if folder.is_dir() and folder.name != "__pycache__" and any(p.is_file() for p in folder.iterdir()):
                found.add(".".join(folder.relative_to(REPO).parts))
    assert found == listed
