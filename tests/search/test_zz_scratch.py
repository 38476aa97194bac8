import pytest
from erfa.models import ErfaGroupPage
from methods.models import public_methods
pytestmark = pytest.mark.django_db

def test_probe(search_index, client):
    print([(g.title, g.url) for g in ErfaGroupPage.objects.live().public()])
    print([(m.title, m.url) for m in public_methods()][:30])
    r = client.get("/soeg/", {"q": "zzqxvw", "movement": "mestring", "type": "case"})
    print(r.status_code)
    import re
    html = r.content.decode()
    print(html[html.index("<main"):][:6000])
