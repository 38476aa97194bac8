"""Helpers for the import tests: small fixture files in the format of docs/content-format.md."""

from io import StringIO
from pathlib import Path

from django.core.management import call_command
from wagtail.models import Page, Revision

from taxonomy import models as tax

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"
CASE_SLUG = "testby-aaben-raadgivning"
METHOD_SLUG = "testmetode-gruppeforloeb"

CASE_HEADER = {
    "Title": "Åben rådgivning i Testby",
    "Summary": "Borgere kan uden henvisning få en samtale om psykisk mistrivsel, før den vokser.",
    "Organisations": "silkeborg, region-midtjylland",
    "Movements": "tidlig-opsporing, mestring",
    "Challenges": "naar-vi-handler-for-sent",
    "Target-groups": "voksne",
    "Sectors": "social, sundhed",
    "Methods": METHOD_SLUG,
    "Status": "pilot",
    "Start-year": "2019",
    "Evidence": "lovende-praksis",
    "Cost-band": "under-1-mio",
    "Contact-organisation": "Silkeborg Kommune",
    "Confirmed": "2019-03-01",
    "Sources": "000_76fcd7e0688ceb78.txt | Bevægelse 2: Tidlig opsporing\n"
    "    002_6e334f4c63a5a07e.txt | Afsnit om samarbejde",
}
CASE_BODY = """\
## Formål og baggrund
Kommunen ville **nå borgerne tidligere**.

## Målgruppe
Voksne med begyndende angst eller depression.

## Indsatsen og organiseringen
- Åben rådgivning to dage om ugen
- Gruppeforløb om *mestring*

## Resultater og erfaringer
Se [evalueringen](https://example.org/evaluering).

## Økonomi
Finansieret af puljemidler.
"""

METHOD_HEADER = {
    "Title": "Gruppeforløb i Testby",
    "Summary": "Korte gruppeforløb, hvor borgere lærer at håndtere symptomer i hverdagen.",
    "Evidence": "erfaringsbaseret",
    "Movements": "mestring",
    "Confirmed": "2020-01-15",
    "Sources": "001_f2b690c36c91d245.txt | Anbefaling om mestring",
}
METHOD_BODY = """\
## Beskrivelse
Borgerne mødes i små grupper over otte uger.

## Kerneelementer
- Fast gruppe
- Hjemmeopgaver
"""

SEED_DOCUMENTS = {
    "000_76fcd7e0688ceb78.txt",
    "001_f2b690c36c91d245.txt",
    "002_6e334f4c63a5a07e.txt",
    "003_69850fa828bc0576.txt",
    "004_07ddbe08c8eb557e.txt",
}
TAXONOMY_MODELS = (
    tax.Frame,
    tax.Movement,
    tax.Handlerum,
    tax.Challenge,
    tax.Region,
    tax.Municipality,
    tax.TargetGroup,
    tax.Sector,
    tax.EvidenceLevel,
)


def document_text(header, body):
    """A fixture file: `Key: value` lines (None leaves the key out), a blank line, the body."""
    lines = [f"{key}: {value}" for key, value in header.items() if value is not None]
    return "\n".join(lines) + "\n\n" + body


def write_case(tree, slug=CASE_SLUG, body=CASE_BODY, **changes):
    """Write cases/<slug>.md; keyword changes replace header values (use _ for -)."""
    header = {**CASE_HEADER, **{k.replace("_", "-"): v for k, v in changes.items()}}
    path = tree / "cases" / f"{slug}.md"
    path.write_text(document_text(header, body), encoding="utf-8")
    return path


def write_method(tree, slug=METHOD_SLUG, body=METHOD_BODY, **changes):
    header = {**METHOD_HEADER, **{k.replace("_", "-"): v for k, v in changes.items()}}
    path = tree / "methods" / f"{slug}.md"
    path.write_text(document_text(header, body), encoding="utf-8")
    return path


def run_import(tree):
    """Run the management command; return what it printed."""
    out = StringIO()
    call_command("import_content", str(tree), stdout=out)
    return out.getvalue()


def report_line(output, kind):
    """The `kind: N nye, N ændrede, N uændrede` line of an import report."""
    return next(line for line in output.splitlines() if line.startswith(f"{kind}:"))


def db_state():
    """What a user of the portal could see change: pages, revisions, every taxonomy row."""
    return {
        "pages": Page.objects.count(),
        "revisions": Revision.objects.count(),
        "page_titles": sorted(Page.objects.values_list("slug", "title", "live")),
        **{
            model.__name__: sorted(model.objects.values_list("slug", "name"))
            for model in TAXONOMY_MODELS
        },
    }
