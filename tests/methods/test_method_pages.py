import pytest

from cases.models import CasePage
from methods.factories import MethodPageFactory
from methods.models import MethodIndexPage, MethodPage

pytestmark = pytest.mark.django_db


def test_method_index_lists_all_methods(client):
    response = client.get("/metoder/")
    assert response.status_code == 200
    html = response.content.decode()
    for method in MethodPage.objects.live():
        assert method.title in html


def test_method_page_shows_where_it_is_used(client):
    method = MethodPage.objects.filter(cases__isnull=False).distinct().first()
    response = client.get(method.url)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Hvor bruges metoden?" in html
    users = CasePage.objects.live().filter(methods=method)
    for case in users:
        assert case.title in html
        for municipality in case.municipalities.all():
            assert f'href="/kommuner/{municipality.slug}/"' in html


def test_method_used_nowhere_says_so(client):
    method = MethodPageFactory(parent=MethodIndexPage.objects.get(), title="Ubrugt metode")
    html = client.get(method.url).content.decode()
    assert "Ingen praksiseksempler i Praksisbanken bruger endnu metoden." in html


def test_unknown_method_is_404(client):
    assert client.get("/metoder/findes-ikke/").status_code == 404
