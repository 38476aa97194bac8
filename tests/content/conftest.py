"""Fixture trees in tmp_path for the import tests."""

import shutil

import pytest

from .helpers import FIXTURES


@pytest.fixture
def tree(tmp_path):
    """An empty content tree with the real taxonomies."""
    root = tmp_path / "fixtures"
    shutil.copytree(FIXTURES / "taxonomy", root / "taxonomy")
    (root / "methods").mkdir()
    (root / "cases").mkdir()
    return root


@pytest.fixture
def full_tree(tmp_path):
    """A copy of the real fixtures, free to edit."""
    root = tmp_path / "fixtures"
    shutil.copytree(FIXTURES, root)
    return root
