"""`civicnb serve --course DIR`: the plan (no server started). tests/browser/
test_course_serve.py serves it in Chromium."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from cli_helpers import Result

from civicnb.course.packs import make_packs
from civicnb.course.serving import course_plan, is_course_folder
from civicnb.errors import InputError


@pytest.fixture(scope="module")
def course(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("course") / "curso"
    make_packs(2, "es", root, progress=False, execute=False, modules=["00-introduction"])
    return root


def test_the_plan_serves_the_packs_with_civicnbs_template(course: Path) -> None:
    p = course_plan(course, port=18601)
    assert "--template=civicnb" in p.command and "civicnb.serving.app" in p.command
    assert str(course.resolve()) in p.command
    assert "--VoilaExporter.language_code=es" in p.command  # the course's language
    assert "--Voila.ip=127.0.0.1" in p.command
    assert p.urls == {
        # the groups' folders are named in the course's language
        "grupo-1": "http://127.0.0.1:18601/voila/render/grupo-1/00-introduction.ipynb",
        "grupo-2": "http://127.0.0.1:18601/voila/render/grupo-2/00-introduction.ipynb",
        "trainer-summary": "http://127.0.0.1:18601/voila/render/trainer-summary.ipynb",
    }
    assert p.facilitator_urls == {} and is_course_folder(course)


@pytest.mark.parametrize("what", ["missing", "empty", "file"])
def test_a_folder_without_packs_is_one_clear_error(tmp_path: Path, what: str) -> None:
    target = tmp_path / what
    if what == "empty":
        target.mkdir()
    elif what == "file":
        target.write_text("x", encoding="utf-8")
    with pytest.raises(InputError) as info:
        course_plan(target)
    assert "civicnb course" in str(info.value) and "\n" not in str(info.value)
    assert not is_course_folder(target)


def test_the_cli_refuses_a_folder_without_packs(tmp_path: Path, run: Callable[..., Result]) -> None:
    res = run("serve", "--course", tmp_path, "--port", "18602", "--no-browser")
    assert res.status != 0
    assert "holds no course packs" in res.err and "Traceback" not in res.err
