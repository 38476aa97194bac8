"""/api/compare/?ids=…: the comparison as JSON; bad input is a 400 naming `ids`."""

import pytest

from cases.models import CasePage

pytestmark = pytest.mark.django_db


def test_the_comparison_as_json(client, trio):
    a, b, c = trio
    response = client.get("/api/compare/", {"ids": f"{a.pk},{b.pk},{c.pk}"})
    assert response.status_code == 200
    data = response.json()
    assert data["ids"] == [a.pk, b.pk, c.pk]
    assert data["url"] == f"/sammenlign/?ids={a.pk},{b.pk},{c.pk}"
    assert data["differences"] == ["status", "target_groups", "methods", "contact_organisation"]
    first = data["cases"][0]
    assert first["title"] == a.title and first["url"] == a.url
    assert first["status"] == {"code": "pilot", "label": "Pilot"}
    assert first["start_year"] == 2021
    assert first["cost_band"] == {"code": "1-5-mio", "label": "1–5 mio. kr. om året"}
    assert first["evidence"]["slug"] == a.evidence_level.slug
    assert [m["title"] for m in first["methods"]] == ["Fælles testmetode"]  # no draft method
    assert first["dimensions"]["purpose"] == "Formålet med det første."
    assert first["dimensions"]["economy"] == ""
    assert first["last_confirmed"] == "2025-01-01"
    assert first["sources"][0]["document"] == f"kilde-{a.slug}.pdf"
    assert first["organisations"][0]["kind"] == "municipality"
    assert data["cases"][2]["status"]["code"] == "i-drift"


def test_repeated_ids_work_as_well(client, trio):
    a, b, _ = trio
    data = client.get(f"/api/compare/?ids={b.pk}&ids={a.pk}").json()
    assert data["ids"] == [b.pk, a.pk]


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("", "Angiv 2–4 praksiseksempler i ids, fx ids=12,34."),
        ("ids=", "Angiv 2–4 praksiseksempler i ids, fx ids=12,34."),
        ("ids={a}", "Vælg mindst 2 praksiseksempler at sammenligne."),
        ("ids={a},{a}", "Praksiseksempel nr. {a} er valgt mere end én gang."),
        ("ids={a},424242", "Der er intet offentligt praksiseksempel med nr. 424242."),
        ("ids={a},{unpublished}", "Der er intet offentligt praksiseksempel med nr. {unpublished}."),
        (
            "ids={a},{b},{c},{a2},{b2}",
            "Du kan sammenligne højst 4 praksiseksempler ad gangen; der er valgt 5.",
        ),
        ("ids={a},x", "«x» er ikke et nummer på et praksiseksempel."),
        ("ids={a},2147483648", "«2147483648» er ikke et nummer på et praksiseksempel."),
    ],
)
def test_bad_input_is_a_400_naming_ids(client, trio, query, message):
    a, b, c = trio
    unpublished = CasePage.objects.get(slug="silkeborg-rejselaerer")
    unpublished.unpublish()
    values = {"a": a.pk, "b": b.pk, "c": c.pk, "a2": a.pk + 1000, "b2": b.pk + 1000}
    values["unpublished"] = unpublished.pk
    response = client.get("/api/compare/?" + query.format(**values))
    assert response.status_code == 400
    assert response.json() == {"error": message.format(**values), "field": "ids"}


def test_only_get(client, trio):
    assert client.post("/api/compare/", {"ids": "1,2"}).status_code == 405
