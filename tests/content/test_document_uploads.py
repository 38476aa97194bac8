"""Document uploads through the real Wagtail admin views, and how documents are served.

Only the allowed office, PDF and text types get in, and only when the content fits the
extension: HTML, SVG or script renamed to .txt or .pdf is refused. Whatever is served goes out
as a download, so the browser never renders an uploaded file as a page of the portal."""

import pytest
from django.conf import settings
from wagtail.documents import get_document_model
from wagtail.models import Collection, UploadedFile

from .uploads_helpers import HTML, SVG, upload

pytestmark = pytest.mark.django_db

Document = get_document_model()
ADD_URL = "/admin/documents/add/"
MULTIPLE_ADD_URL = "/admin/documents/multiple/add/"
PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
DOCX = b"PK\x03\x04\x14\x00\x06\x00" + b"\x00" * 64  # an Office Open XML file is a ZIP archive
CSV = b"kommune;antal\nFavrskov;12\nAarhus;40\n"
TEXT = "Referat fra erfa-mødet. Næste møde er i foråret.\n".encode()


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def _add_document(client, file):
    return client.post(
        ADD_URL,
        {"title": "Bilag", "file": file, "collection": Collection.get_first_root_node().pk},
    )


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("referat.txt", TEXT),
        ("tal.csv", CSV),
        ("rapport.pdf", PDF),
        ("notat.docx", DOCX),
        # An office file may store an SVG illustration uncompressed: not a reason to refuse it.
        ("notat-med-tegning.docx", DOCX + SVG),
    ],
)
def test_allowed_documents_are_accepted(admin_client, name, content):
    response = _add_document(admin_client, upload(name, content))
    assert response.status_code == 302
    assert Document.objects.get().file_extension == name.rsplit(".", 1)[1]


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("side.html", HTML, "Filtypen .html kan ikke uploades"),
        ("tegning.svg", SVG, "Filtypen .svg kan ikke uploades"),
        ("script.js", b"alert(document.cookie);", "Filtypen .js kan ikke uploades"),
        ("program.exe", b"MZ\x90\x00\x03\x00\x00\x00", "Filtypen .exe kan ikke uploades"),
        ("uden-endelse", TEXT, "Filtypen .(ingen) kan ikke uploades"),
        ("side.txt", HTML, "Filen indeholder HTML, SVG eller script"),
        (
            "side.pdf",
            b"\n  <html><body>Hej</body></html>",
            "Filen indeholder HTML, SVG eller script",
        ),
        ("tegning.csv", SVG, "Filen indeholder HTML, SVG eller script"),
        ("noter.txt", b"Noter\n" + b"<script src=//x.example/a.js></script>", "indeholder HTML"),
        ("utf16.txt", "\ufeff<html><script>x</script>".encode("utf-16-le"), "indeholder HTML"),
        ("program.txt", b"MZ\x90\x00\x03\x00\x00\x00", "passer ikke til filendelsen .txt"),
        ("falsk.pdf", TEXT, "passer ikke til filendelsen .pdf"),
        ("falsk.docx", PDF, "passer ikke til filendelsen .docx"),
    ],
)
def test_unsafe_or_disguised_documents_are_refused(admin_client, name, content, message):
    response = _add_document(admin_client, upload(name, content))
    assert response.status_code == 200
    html = response.content.decode()
    assert message in html
    # One clear message: the model's own extension check must not add a second, confusing one.
    assert "er ikke tilladt" not in html
    assert not Document.objects.exists()


def test_a_document_over_the_size_limit_is_refused(admin_client):
    too_big = TEXT * (settings.WAGTAILDOCS_MAX_UPLOAD_SIZE // len(TEXT) + 1)
    response = _add_document(admin_client, upload("stort.txt", too_big))
    assert response.status_code == 200
    assert "Filen fylder for meget" in response.content.decode()
    assert not Document.objects.exists()


def test_the_upload_form_names_the_allowed_types_in_danish(admin_client):
    html = admin_client.get(ADD_URL).content.decode()
    assert "Tilladte filtyper: PDF, DOCX, XLSX, PPTX, ODT, ODS, TXT, CSV." in html


def test_the_multiple_uploader_refuses_disguised_html(admin_client):
    response = admin_client.post(MULTIPLE_ADD_URL, {"files[]": upload("side.txt", HTML)})
    answer = response.json()
    assert answer["success"] is False
    assert "Filen indeholder HTML, SVG eller script" in answer["error_message"]
    assert not Document.objects.exists()
    assert not UploadedFile.objects.exists()


def test_the_multiple_uploader_accepts_a_text_file(admin_client):
    # With more than one collection (the roles' shared one, setup_roles) the uploader is told
    # which, as the admin's collection menu does.
    response = admin_client.post(
        MULTIPLE_ADD_URL,
        {"files[]": upload("referat.txt", TEXT), "collection": Collection.get_first_root_node().pk},
    )
    assert response.json()["success"] is True
    assert Document.objects.get().file_extension == "txt"


@pytest.mark.parametrize(
    ("name", "content", "content_type"),
    [
        ("referat.txt", TEXT, "text/plain"),
        ("tal.csv", CSV, "text/csv"),
        ("rapport.pdf", PDF, "application/pdf"),
    ],
)
def test_documents_are_served_as_downloads_never_rendered(
    admin_client, client, name, content, content_type
):
    _add_document(admin_client, upload(name, content))
    document = Document.objects.get()

    response = client.get(document.url)

    assert response.status_code == 200
    assert response["Content-Type"].split(";")[0] == content_type
    assert response["Content-Disposition"].startswith("attachment")
    assert name in response["Content-Disposition"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"] == "default-src 'none'"
    assert b"".join(response.streaming_content) == content
