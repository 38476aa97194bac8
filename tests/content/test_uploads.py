"""Image uploads through the real Wagtail admin views: only safe images, always with alt text.

Every refused upload must come back as a Danish message next to the field (never a 500) and
leave no image behind."""

import json
import re

import PIL.Image
import pytest
from django.conf import settings
from wagtail.admin.rich_text.converters.contentstate import ContentstateConverter
from wagtail.images import get_image_model
from wagtail.models import Collection, UploadedFile

from .uploads_helpers import HTML, SVG, image_bytes, png_claiming_size, upload

pytestmark = pytest.mark.django_db

Image = get_image_model()
ADD_URL = "/admin/images/add/"
MULTIPLE_ADD_URL = "/admin/images/multiple/add/"


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def _add_image(client, file, description="Tre medarbejdere ved et mødebord."):
    return client.post(
        ADD_URL,
        {
            "title": "Testbillede",
            "file": file,
            "description": description,
            "collection": Collection.get_first_root_node().pk,
        },
    )


def _refused(response):
    """The add view answered with the form again; returns its text."""
    assert response.status_code == 200
    return response.content.decode()


def test_a_png_with_a_description_is_accepted(admin_client):
    response = _add_image(admin_client, upload("moede.png", image_bytes("PNG")))
    assert response.status_code == 302
    image = Image.objects.get()
    assert image.description == "Tre medarbejdere ved et mødebord."
    assert image.width == 40


def test_an_image_without_description_is_refused(admin_client):
    response = _add_image(admin_client, upload("moede.png", image_bytes("PNG")), description="  ")
    assert "Skriv en beskrivelse af billedet" in _refused(response)
    assert not Image.objects.exists()


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("noter.png", b"Dette er en tekstfil, ikke et billede.", "Filen er ikke et billede"),
        ("side.png", HTML, "Filen hedder .png, men indeholder"),
        ("tegning.svg", SVG, "Den filtype kan ikke bruges til billeder"),
        ("tegning.png", SVG, "Filen hedder .png, men indeholder et billede i formatet svg"),
        ("animation.gif", image_bytes("GIF"), "Den filtype kan ikke bruges til billeder"),
        ("animation.png", image_bytes("GIF"), "indeholder et billede i formatet gif"),
        ("foto.png", image_bytes("JPEG"), "indeholder et billede i formatet jpeg"),
        ("afbrudt.png", image_bytes("PNG")[:60], "Filen er ikke et billede"),
    ],
)
def test_files_that_are_not_allowed_images_are_refused(admin_client, name, content, message):
    response = _add_image(admin_client, upload(name, content))
    assert message in _refused(response)
    assert not Image.objects.exists()


def test_a_decompression_bomb_is_refused_with_a_message(admin_client):
    bomb = png_claiming_size(50_000, 50_000)  # 2.5 billion pixels in under 100 bytes
    assert len(bomb) < 100
    response = _add_image(admin_client, upload("bombe.png", bomb))
    assert "Billedet har for mange pixels" in _refused(response)
    assert not Image.objects.exists()


def test_an_image_over_the_pixel_limit_is_refused(admin_client):
    # Above the portal's limit, below the point where Pillow itself refuses to open it.
    width, height = 8_000, 7_000
    assert width * height > settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS
    response = _add_image(admin_client, upload("stort.png", png_claiming_size(width, height)))
    assert "Billedet har for mange pixels (56000000)" in _refused(response)
    assert not Image.objects.exists()


def test_pillows_decompression_bomb_guard_is_on():
    # Wagtail's own pixel check must run before Pillow would decode anything bigger.
    assert PIL.Image.MAX_IMAGE_PIXELS is not None
    assert settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS <= PIL.Image.MAX_IMAGE_PIXELS


def test_an_image_over_the_size_limit_is_refused(admin_client):
    # A valid PNG padded past the limit: PNG readers ignore bytes after the end chunk.
    padded = image_bytes("PNG") + b"\x00" * settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE
    response = _add_image(admin_client, upload("tungt.png", padded))
    assert "Filen fylder for meget" in _refused(response)
    assert not Image.objects.exists()


def test_the_upload_form_explains_the_limits_in_danish(admin_client):
    html = admin_client.get(ADD_URL).content.decode()
    assert "Tilladte formater: JPG, JPEG, PNG, WEBP." in html
    assert "Beskrivelse (alternativ tekst)" in html


def _multiple_upload(client, name, content):
    response = client.post(MULTIPLE_ADD_URL, {"files[]": upload(name, content)})
    assert response.status_code == 200
    return response.json()


def test_the_multiple_uploader_refuses_a_bomb(admin_client):
    answer = _multiple_upload(admin_client, "bombe.png", png_claiming_size(50_000, 50_000))
    assert answer["success"] is False
    assert "Billedet har for mange pixels" in answer["error_message"]
    assert not Image.objects.exists()
    assert not UploadedFile.objects.exists()


def test_the_multiple_uploader_creates_the_image_only_once_it_has_a_description(admin_client):
    answer = _multiple_upload(admin_client, "moede.png", image_bytes("PNG"))
    # The file is parked until the editor has described the image.
    assert not Image.objects.exists()
    upload_id = answer["uploaded_file_id"]
    finish_url = f"/admin/images/multiple/create_from_uploaded_image/{upload_id}/"
    prefix = f"uploaded-image-{upload_id}"
    form = {
        f"{prefix}-title": "Møde",
        f"{prefix}-collection": Collection.get_first_root_node().pk,
    }

    without = admin_client.post(finish_url, {**form, f"{prefix}-description": ""}).json()
    assert without["success"] is False
    assert "Skriv en beskrivelse af billedet" in without["form"]
    assert not Image.objects.exists()

    described = {**form, f"{prefix}-description": "Et møde mellem to kolleger."}
    assert admin_client.post(finish_url, described).json()["success"] is True
    assert Image.objects.get().description == "Et møde mellem to kolleger."


def test_rich_text_cannot_hold_an_image(admin_client):
    """Images reach pages only through galleries with required alt text, not through rich text."""
    from cases.models import CasePage

    image = Image.objects.create(
        title="Møde", description="Et møde.", file=upload("moede.png", image_bytes("PNG"))
    )
    widget = CasePage._meta.get_field("purpose").formfield().widget
    contentstate = {
        "blocks": [
            {
                "key": "a",
                "type": "unstyled",
                "text": "Før",
                "entityRanges": [],
                "inlineStyleRanges": [],
            },
            {
                "key": "b",
                "type": "atomic",
                "text": " ",
                "entityRanges": [{"offset": 0, "length": 1, "key": 0}],
                "inlineStyleRanges": [],
            },
        ],
        "entityMap": {
            "0": {
                "type": "IMAGE",
                "mutability": "IMMUTABLE",
                "data": {"id": image.pk, "format": "fullwidth", "alt": ""},
            }
        },
    }
    # The same content through an editor that offers images keeps the image: the test's
    # contentstate is what the admin sends.
    with_images = ContentstateConverter(features=["image"]).to_database_format(
        json.dumps(contentstate)
    )
    assert re.search(r'<embed[^>]*embedtype="image"', with_images)

    html = widget.converter.to_database_format(json.dumps(contentstate))
    assert "Før" in html
    assert "<embed" not in html


def _case_form(image, alt_text):
    from wagtail.test.utils.form_data import rich_text

    from taxonomy.models import Movement, Municipality

    data = {
        "title": "Eksempel med billede",
        "slug": "eksempel-med-billede",
        "summary": "Et kort resumé.",
        "movements": [str(Movement.objects.get(slug="mestring").pk)],
        "municipalities": [str(Municipality.objects.get(slug="odense").pk)],
        "last_confirmed": "2026-01-15",
        **{field: rich_text("") for field in ("purpose", "target_group_text", "approach")},
        **{field: rich_text("") for field in ("results", "economy")},
        "sources-0-document": "000_76fcd7e0688ceb78.txt",
        "sources-0-locator": "afsnit 1",
        "sources-0-url": "",
        "sources-0-ORDER": "1",
        "images-0-image": str(image.pk),
        "images-0-alt_text": alt_text,
        "images-0-caption": "",
        "images-0-ORDER": "1",
        "action-publish": "action-publish",
    }
    for prefix, total in (("images", 1), ("attachments", 0), ("sources", 1)):
        data[f"{prefix}-TOTAL_FORMS"] = str(total)
        data[f"{prefix}-INITIAL_FORMS"] = "0"
        data[f"{prefix}-MIN_NUM_FORMS"] = "0"
        data[f"{prefix}-MAX_NUM_FORMS"] = "1000"
    return data


def test_a_case_image_needs_alt_text_and_shows_it_on_the_public_page(admin_client, client):
    from cases.models import CaseIndexPage, CasePage

    image = Image.objects.create(
        title="Møde", description="Et møde.", file=upload("moede.png", image_bytes("PNG"))
    )
    add_url = f"/admin/pages/add/cases/casepage/{CaseIndexPage.objects.get().pk}/"

    refused = admin_client.post(add_url, _case_form(image, alt_text=""))
    assert refused.status_code == 200
    assert "Dette felt er påkrævet." in refused.content.decode()
    assert not CasePage.objects.filter(slug="eksempel-med-billede").exists()

    alt = "To medarbejdere taler med en borger i et lyst lokale."
    published = admin_client.post(add_url, _case_form(image, alt_text=alt))
    assert published.status_code == 302
    case = CasePage.objects.get(slug="eksempel-med-billede")
    assert case.live

    html = client.get(case.url).content.decode()
    img_tags = re.findall(r"<img\b[^>]*>", html)
    assert any(f'alt="{alt}"' in tag for tag in img_tags)
    assert all(re.search(r'\balt="[^"]+"', tag) for tag in img_tags), img_tags
