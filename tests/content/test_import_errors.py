"""`manage.py import_content` with bad input: it stops, says where and why, and writes nothing."""

import json
import os
import subprocess
import sys

import pytest
from django.core.management.base import CommandError

from cases.models import CasePage
from methods.models import MethodPage
from taxonomy.models import Movement

from .helpers import (
    CASE_BODY,
    CASE_SLUG,
    FIXTURES,
    METHOD_BODY,
    METHOD_SLUG,
    db_state,
    run_import,
    write_case,
    write_method,
)

pytestmark = pytest.mark.django_db

REAL_CASE = "aalborg-aktiv"  # a real case without methods, so it can be imported on its own
CHANGED_TITLE = "Denne titel må ikke nå databasen"
CHANGED_MOVEMENT_NAME = "Dette navn må ikke nå databasen"


@pytest.fixture
def bad_tree(tree):
    """A tree that would change the database if it were valid.

    It holds a valid new method, a real case with a new title and a renamed movement; each test
    adds one mistake. After a failed import none of those changes may be visible."""
    write_method(tree)
    real = (FIXTURES / "cases" / f"{REAL_CASE}.md").read_text(encoding="utf-8")
    title = real.splitlines()[0]
    assert title.startswith("Title: ")
    (tree / "cases" / f"{REAL_CASE}.md").write_text(
        real.replace(title, f"Title: {CHANGED_TITLE}", 1), encoding="utf-8"
    )
    movements_path = tree / "taxonomy" / "movements.json"
    movements = json.loads(movements_path.read_text(encoding="utf-8"))
    movements[0]["name"] = CHANGED_MOVEMENT_NAME
    movements_path.write_text(json.dumps(movements, ensure_ascii=False), encoding="utf-8")
    return tree


def assert_nothing_imported(before):
    assert db_state() == before
    assert CasePage.objects.get(slug=REAL_CASE).title != CHANGED_TITLE
    assert not Movement.objects.filter(name=CHANGED_MOVEMENT_NAME).exists()
    assert not MethodPage.objects.filter(slug=METHOD_SLUG).exists()
    assert not CasePage.objects.filter(slug=CASE_SLUG).exists()


def case(body=CASE_BODY, edit=None, **changes):
    """A bad case file: header changes, another body, or an edit of the finished text."""

    def write(tree):
        path = write_case(tree, body=body, **changes)
        if edit:
            path.write_text(edit(path.read_text(encoding="utf-8")), encoding="utf-8")
        return path.name

    return write


def method(body=METHOD_BODY, **changes):
    def write(tree):
        return write_method(tree, body=body, **changes).name

    return write


def taxonomy(filename, edit):
    """Break a taxonomy file: edit receives and returns its text."""

    def write(tree):
        path = tree / "taxonomy" / filename
        path.write_text(edit(path.read_text(encoding="utf-8")), encoding="utf-8")
        return filename

    return write


def unknown_region(text):
    rows = json.loads(text)
    rows[3]["region"] = "region-atlantis"
    return json.dumps(rows, ensure_ascii=False)


MISSING = [
    pytest.param(case(**{key: None}), [key, "mangler"], id=f"missing-{key.lower()}")
    # Movements may be empty: a source need not place a case under a movement.
    for key in ("Title", "Summary", "Organisations", "Sources", "Confirmed")
]
EMPTY = [
    pytest.param(case(**{key: ""}), [key, "mangler"], id=f"empty-{key.lower()}")
    for key in ("Title", "Sources", "Organisations")
]

BAD_INPUT = [
    pytest.param(
        case(Movements="mestring, flyvende-tallerkener"),
        ["Movements", "«flyvende-tallerkener»", "Tilladte værdier", "mestring", "tidlig-opsporing"],
        id="unknown-movement",
    ),
    pytest.param(
        case(Organisations="silkeborg, atlantis"),
        ["Organisations", "«atlantis»", "Tilladte værdier", "aarhus", "region-midtjylland"],
        id="unknown-organisation",
    ),
    pytest.param(
        case(Challenges="for-lidt-kaffe"),
        ["Challenges", "«for-lidt-kaffe»", "naar-vi-handler-for-sent"],
        id="unknown-challenge",
    ),
    pytest.param(
        case(Methods="ukendt-metode"),
        ["Methods", "«ukendt-metode»", METHOD_SLUG],
        id="unknown-method",
    ),
    pytest.param(
        case(Evidence="meget-sikker"),
        ["Evidence", "«meget-sikker»", "effektmaalt"],
        id="unknown-evidence-level",
    ),
    *MISSING,
    *EMPTY,
    pytest.param(
        case(edit=lambda text: text.replace("Status: pilot\n", "Status: pilot\nUden nøgle\n")),
        ["(hoved)", "linje 10", "Nøgle: værdi", "Uden nøgle"],
        id="header-line-without-key",
    ),
    pytest.param(
        case(Budget="2 mio. kr."),
        ["«budget»", "ukendt nøgle", "Tilladte værdier", "Title", "Summary"],
        id="unknown-header-key",
    ),
    pytest.param(
        case(Summary="x" * 301),
        ["Summary", "301 tegn", "højst 300"],
        id="summary-over-300-characters",
    ),
    pytest.param(
        case(Sources="ukendt_rapport.txt | afsnit 2"),
        ["Sources", "ukendt kildedokument", "ukendt_rapport.txt", "000_76fcd7e0688ceb78.txt"],
        id="unknown-source-document",
    ),
    pytest.param(
        case(Sources="000_76fcd7e0688ceb78.txt"),
        ["Sources", "mangler stedet i kilden"],
        id="source-without-locator",
    ),
    pytest.param(
        case(Confirmed="20190301"),
        ["Confirmed", "ÅÅÅÅ-MM-DD"],
        id="date-without-dashes",
    ),
    # Longer than the database column: found before writing, not as a traceback halfway through.
    pytest.param(case(Title="T" * 256), ["Title", "256 tegn", "højst 255"], id="title-too-long"),
    pytest.param(
        case(Contact_organisation="K" * 300),
        ["Contact-organisation", "300 tegn", "højst 255"],
        id="contact-organisation-too-long",
    ),
    pytest.param(
        case(Sources="000_76fcd7e0688ceb78.txt | " + "s" * 256),
        ["Sources", "256 tegn", "højst 255"],
        id="source-locator-too-long",
    ),
    pytest.param(
        case(Confirmed="2019-02-30"),
        ["Confirmed", "«2019-02-30»", "ÅÅÅÅ-MM-DD"],
        id="impossible-date",
    ),
    pytest.param(
        case(Confirmed="1. marts 2019"),
        ["Confirmed", "«1. marts 2019»", "ÅÅÅÅ-MM-DD"],
        id="date-in-words",
    ),
    pytest.param(
        case(Start_year="ca. 2019"),
        ["Start-year", "«ca. 2019»"],
        id="start-year-not-a-year",
    ),
    pytest.param(
        case(body=CASE_BODY + "\n## Perspektiver\nNæste skridt.\n"),
        ["## Perspektiver", "ukendt afsnitsoverskrift", "Formål og baggrund", "Økonomi"],
        id="unknown-section-heading",
    ),
    pytest.param(
        case(body="Indledning uden overskrift.\n\n" + CASE_BODY),
        ["(brødtekst)", "før første afsnitsoverskrift"],
        id="text-before-first-heading",
    ),
    pytest.param(
        case(Status="I drift"),
        ["Status", "«I drift»", "Tilladte værdier: afsluttet, i-drift, ide-forslag, pilot."],
        id="status-not-allowed",
    ),
    pytest.param(
        case(Cost_band="2 mio"),
        ["Cost-band", "«2 mio»", "1-5-mio", "under-1-mio"],
        id="cost-band-not-allowed",
    ),
    pytest.param(
        case(Contact_person="Hanne Hansen"),
        ["Contact-person", "Contact-consent: ja"],
        id="contact-person-without-consent",
    ),
    pytest.param(
        case(Contact_person="Hanne Hansen", Contact_consent="nej"),
        ["Contact-person", "Contact-consent: ja"],
        id="contact-person-consent-no",
    ),
    pytest.param(
        method(Movements="recovery"),
        ["Movements", "«recovery»", "mestring"],
        id="method-unknown-movement",
    ),
    pytest.param(
        method(body="## Kerneelementer\n- Fast gruppe\n"),
        ["## Beskrivelse", "afsnittet mangler"],
        id="method-without-description",
    ),
    pytest.param(
        taxonomy("movements.json", lambda text: text.rstrip().removesuffix("]")),
        ["(fil)", "ugyldig JSON"],
        id="taxonomy-invalid-json",
    ),
    pytest.param(
        taxonomy("municipalities.json", unknown_region),
        ["(post 4)", "region", "«region-atlantis»", "region-midtjylland"],
        id="taxonomy-unknown-parent",
    ),
]


@pytest.mark.parametrize(("break_tree", "expected"), BAD_INPUT)
def test_bad_input_stops_the_import_and_names_file_and_field(bad_tree, break_tree, expected):
    filename = break_tree(bad_tree)
    before = db_state()

    with pytest.raises(CommandError) as raised:
        run_import(bad_tree)

    message = str(raised.value)
    assert "intet er ændret" in message
    assert filename in message
    for fragment in expected:
        assert fragment in message
    assert_nothing_imported(before)


def test_every_problem_is_reported_at_once(bad_tree):
    write_case(bad_tree, Movements="flyvende-tallerkener", Status="I drift")

    with pytest.raises(CommandError) as raised:
        run_import(bad_tree)

    message = str(raised.value)
    assert "2 fejl" in message
    assert "«flyvende-tallerkener»" in message
    assert "«I drift»" in message


def test_a_bad_later_file_stops_the_valid_earlier_ones(bad_tree):
    """All or nothing: the valid first case (and the method before it) is not imported."""
    write_case(bad_tree, slug="aaa-gyldig-foerst")
    write_case(bad_tree, slug="zzz-ugyldig-sidst", Movements="flyvende-tallerkener")
    before = db_state()

    with pytest.raises(CommandError) as raised:
        run_import(bad_tree)

    message = str(raised.value)
    assert "zzz-ugyldig-sidst.md" in message
    assert "aaa-gyldig-foerst.md" not in message
    assert not CasePage.objects.filter(slug="aaa-gyldig-foerst").exists()
    assert_nothing_imported(before)


def test_missing_directory_is_a_command_error(tmp_path):
    before = db_state()

    with pytest.raises(CommandError) as raised:
        run_import(tmp_path / "findes-ikke")

    assert "movements.json" in str(raised.value)
    assert db_state() == before


def test_command_exits_non_zero_with_the_error_on_stderr(tree, tmp_path):
    """The real command line, as an author or a deploy script runs it."""
    write_method(tree)
    write_case(tree, Movements="mestring, flyvende-tallerkener")
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "portal.settings.test",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'x.sqlite3'}",
    }
    base = FIXTURES.parent

    def manage(*args):
        return subprocess.run(  # noqa: S603
            [sys.executable, "manage.py", *args],
            cwd=base,
            env=env,
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )

    migrate = manage("migrate", "--verbosity", "0", "--skip-checks")
    assert migrate.returncode == 0, migrate.stderr

    result = manage("import_content", str(tree))

    assert result.returncode != 0
    assert f"{CASE_SLUG}.md" in result.stderr
    assert "Movements" in result.stderr
    assert "flyvende-tallerkener" in result.stderr
    assert "Traceback" not in result.stderr
    assert "Indholdet er indlæst" not in result.stdout
