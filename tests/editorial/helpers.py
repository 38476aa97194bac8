from urllib.parse import urlparse

from wagtail.test.utils.form_data import rich_text

from cases.models import CaseIndexPage
from taxonomy.models import Movement, Municipality

REFUSED_MESSAGE = "Du har ikke rettigheder til at se eller ændre dette."


def case_form(municipality_slugs=("favrskov",), **overrides):
    """What the admin's case form posts, with one source (the form requires one)."""
    data = {
        "title": "Et praksiseksempel fra en bidragyder",
        "slug": "praksiseksempel-fra-bidragyder",
        "summary": "Et kort resumé.",
        "movements": [str(Movement.objects.get(slug="mestring").pk)],
        "municipalities": [
            str(pk)
            for pk in Municipality.objects.filter(slug__in=municipality_slugs).values_list(
                "pk", flat=True
            )
        ],
        "last_confirmed": "2026-01-15",
        "purpose": rich_text("<p>Formålet.</p>"),
        "target_group_text": rich_text(""),
        "approach": rich_text(""),
        "results": rich_text(""),
        "economy": rich_text(""),
    }
    for prefix, total in (("images", 0), ("attachments", 0), ("sources", 1)):
        data.update(
            {
                f"{prefix}-TOTAL_FORMS": str(total),
                f"{prefix}-INITIAL_FORMS": "0",
                f"{prefix}-MIN_NUM_FORMS": "0",
                f"{prefix}-MAX_NUM_FORMS": "1000",
            }
        )
    data.update(
        {
            "sources-0-document": "000_76fcd7e0688ceb78.txt",
            "sources-0-locator": "afsnit 1",
            "sources-0-url": "",
            "sources-0-ORDER": "1",
        }
    )
    data.update(overrides)
    return data


def edit_form(case, **overrides):
    slugs = [m.slug for m in case.municipalities.all()]
    fields = {"title": case.title, "slug": case.slug, **overrides}
    return case_form(slugs, **fields)


def add_url():
    return f"/admin/pages/add/cases/casepage/{CaseIndexPage.objects.get().pk}/"


def edit_url(page):
    return f"/admin/pages/{page.pk}/edit/"


def assert_refused(response, what=""):
    """A refused admin request answers 403 with the Danish explanation; a user without admin
    access at all is sent to the admin login instead (Wagtail's rule for non-editors)."""
    if response.status_code == 302:
        target = urlparse(response["Location"]).path
        assert target == "/admin/login/", (what, response["Location"])
        return
    assert response.status_code == 403, (what, response.status_code)
    if response.get("Content-Type", "").startswith("text/html"):
        assert REFUSED_MESSAGE in response.content.decode(), what
