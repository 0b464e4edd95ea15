"""Fixtures for the expert's workstation: demo work copies, a key store, and scripted prompts."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import ui.expert
import ui.identity
from reviewdesk.demo import build_demo_work


@pytest.fixture(autouse=True)
def expert_plugins(ui_env):
    """The registry is emptied for each test (tests/ui/conftest.py); put our hooks back."""
    ui.expert.register()
    ui.identity.register()


@pytest.fixture(scope="session")
def _demo_work_master(tmp_path_factory) -> Path:
    return build_demo_work(tmp_path_factory.mktemp("demo") / "master.rdwork")


@pytest.fixture
def demo_work(tmp_path, _demo_work_master) -> Path:
    """A fresh copy of the demo work copy (expert E01, six applications scored)."""
    path = tmp_path / "演示工作副本.rdwork"
    shutil.copy(_demo_work_master, path)
    return path


@pytest.fixture
def key_home(tmp_path, monkeypatch) -> Path:
    """An empty key store of our own, with cheap passphrase hashing."""
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("REVIEWDESK_HOME", str(home))
    monkeypatch.setenv("REVIEWDESK_INSECURE_TEST_KDF", "10")
    return home


class ScriptedPrompts:
    """Answers the windows' questions as a test tells it to, and remembers what was asked."""

    def __init__(self) -> None:
        self.confirm_answer = True
        self.save_answers: list[str | None] = []
        self.asked: list[tuple[str, str]] = []
        self.informed: list[tuple[str, str]] = []

    def confirm(self, parent, title, text, ok_text) -> bool:
        self.asked.append(("confirm", text))
        return self.confirm_answer

    def save_file(self, parent, title, suggested, file_filter):
        self.asked.append(("save_file", suggested))
        return self.save_answers.pop(0) if self.save_answers else None

    def inform(self, parent, title, text) -> None:
        self.informed.append((title, text))


@pytest.fixture
def prompts() -> ScriptedPrompts:
    return ScriptedPrompts()
