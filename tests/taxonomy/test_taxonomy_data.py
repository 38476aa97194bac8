import pytest

from taxonomy.models import Challenge, Frame, Handlerum, Movement, Municipality, Region

pytestmark = pytest.mark.django_db

MOVEMENTS = [
    "mestring",
    "tidlig-opsporing",
    "let-tilgaengelige-tilbud",
    "fokus-paa-beskaeftigelse",
    "bedre-interne-sammenhaenge",
    "tvaersektorielt-samarbejde",
    "samspil-med-civilsamfundet",
]
CHALLENGES_BY_HANDLERUM = {
    "interne-handlerum": [
        "mindset-og-sprog-mellem-fagomraader",
        "interne-overgange-og-sammenhaenge",
        "naar-vi-handler-for-sent",
    ],
    "samspil-med-regionen": [
        "mindset-og-sprog-mellem-kommuner-og-region",
        "korte-behandlingsforloeb-og-hurtig-udskrivning",
    ],
    "samspil-med-andre-aktoerer": ["forventningspres", "nye-maalgrupper"],
}


def test_the_seven_movements_in_order():
    assert list(Movement.objects.values_list("slug", flat=True)) == MOVEMENTS


def test_recovery_is_the_frame_not_a_movement():
    assert Frame.objects.filter(slug="recovery").exists()
    assert not Movement.objects.filter(slug="recovery").exists()


def test_seven_challenges_in_three_handlerum():
    grouped = {
        h.slug: [c.slug for c in h.challenges.all()]
        for h in Handlerum.objects.prefetch_related("challenges")
    }
    assert grouped == CHALLENGES_BY_HANDLERUM
    assert Challenge.objects.count() == 7


def test_every_term_has_a_danish_description():
    for model in (Frame, Movement, Handlerum, Challenge):
        for term in model.objects.all():
            assert len(term.description) > 20, term.slug
            assert "TODO" not in term.description


def test_all_98_municipalities_and_5_regions_with_official_codes():
    assert Municipality.objects.count() == 98
    assert Region.objects.count() == 5
    codes = dict(Municipality.objects.values_list("slug", "code"))
    assert codes["koebenhavn"] == 101
    assert codes["frederiksberg"] == 147
    assert codes["aarhus"] == 751
    assert codes["aalborg"] == 851
    assert codes["odense"] == 461
    assert codes["hoeje-taastrup"] == 169
    assert codes["lyngby-taarbaek"] == 173
    assert codes["aeroe"] == 492
    assert codes["bornholm"] == 400
    assert codes["laesoe"] == 825
    per_region = {r.slug: r.municipalities.count() for r in Region.objects.all()}
    assert per_region == {
        "region-hovedstaden": 29,
        "region-sjaelland": 17,
        "region-syddanmark": 22,
        "region-midtjylland": 19,
        "region-nordjylland": 11,
    }
    assert dict(Region.objects.values_list("slug", "code")) == {
        "region-nordjylland": 1081,
        "region-midtjylland": 1082,
        "region-syddanmark": 1083,
        "region-hovedstaden": 1084,
        "region-sjaelland": 1085,
    }


def test_municipality_region_is_right():
    assert Municipality.objects.get(slug="silkeborg").region.slug == "region-midtjylland"
    assert Municipality.objects.get(slug="frederikshavn").region.slug == "region-nordjylland"
    assert Municipality.objects.get(slug="roskilde").region.slug == "region-sjaelland"
    assert Municipality.objects.get(slug="kolding").region.slug == "region-syddanmark"
