from django.urls import reverse

from taxonomy.models import Challenge, Movement, TargetGroup

FORM_URL = reverse("contribute:form")
THANKS_URL = reverse("contribute:thanks")
TITLE = "Gåhold for unge med angst i Skanderborg"


def valid_data(**overrides):
    data = {
        "owner": "kommune:skanderborg",
        "organisation": "Socialpsykiatrien, Voksenområdet",
        "contact_email": "medarbejder@kommune.example",
        "contact_name": "",
        "title": TITLE,
        "summary": "Ugentlige gåture i små hold for unge, der er ved at trække sig fra skole.",
        "purpose": "",
        "description": "Vi går sammen hver onsdag.\n\nDe unge vælger selv ruten.",
        "movements": [m.slug for m in Movement.objects.order_by("order")[:2]],
        "challenges": [Challenge.objects.order_by("order").first().slug],
        "target_groups": [TargetGroup.objects.order_by("order").first().slug],
        "website": "",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def submit(client, data, ip="192.0.2.10"):
    return client.post(FORM_URL, data, REMOTE_ADDR=ip)


def text(response):
    return response.content.decode()
