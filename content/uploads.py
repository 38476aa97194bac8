"""Safe uploads to Wagtail's image and document libraries.

Wired in through WAGTAILIMAGES_IMAGE_FORM_BASE and WAGTAILDOCS_DOCUMENT_FORM_BASE, so every place
the admin uploads a file (the add views, the multiple uploader and the choosers' upload tabs)
validates the same way:

- images: only the formats in WAGTAILIMAGES_EXTENSIONS whose content matches the name, at most
  WAGTAILIMAGES_MAX_UPLOAD_SIZE bytes and WAGTAILIMAGES_MAX_IMAGE_PIXELS pixels, and a required
  description, which Wagtail uses as the image's alternative text;
- documents: only WAGTAILDOCS_EXTENSIONS, at most WAGTAILDOCS_MAX_UPLOAD_SIZE bytes, and content
  that fits the extension: never HTML, SVG or script renamed to an allowed extension.

Wagtail's own messages are English (its Danish catalogue is nearly empty), so the fields get
Danish ones here."""

import codecs
import os

import PIL.Image
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.template.defaultfilters import filesizeformat
from wagtail.documents.fields import WagtailDocumentField
from wagtail.documents.forms import BaseDocumentForm
from wagtail.images.fields import WagtailImageField
from wagtail.images.forms import BaseImageForm

FILE_TOO_LARGE = {
    "file_too_large": (
        "Filen fylder for meget (%(file_size)s). Den må højst fylde %(max_filesize)s."
    ),
    "file_too_large_unknown_size": "Filen fylder for meget. Den må højst fylde %(max_filesize)s.",
}
IMAGE_MESSAGES = {
    **FILE_TOO_LARGE,
    "invalid_image": (
        "Filen er ikke et billede, eller også er den beskadiget. "
        "Upload et billede i et af formaterne %(supported_formats)s."
    ),
    "invalid_image_extension": (
        "Den filtype kan ikke bruges til billeder. Tilladte formater: %(supported_formats)s."
    ),
    # Wagtail fills in extension and image_format when it raises this one.
    "invalid_image_known_format": (
        "Filen hedder .%(extension)s, men indeholder et billede i formatet %(image_format)s. "
        "Gem billedet i det format, filnavnet angiver, og prøv igen."
    ),
    "file_too_many_pixels": (
        "Billedet har for mange pixels (%(num_pixels)s). Det må højst have "
        "%(max_pixels_count)s pixels. Gør billedet mindre, og prøv igen."
    ),
}
IMAGE_DESCRIPTION_HELP = (
    "Beskriv kort, hvad billedet viser, for dem der ikke kan se det. "
    "Teksten bruges som billedets alternative tekst."
)
IMAGE_DESCRIPTION_REQUIRED = (
    "Skriv en beskrivelse af billedet. Den bruges som alternativ tekst for dem, "
    "der ikke kan se billedet."
)

DOCUMENT_EXTENSION_NOT_ALLOWED = (
    "Filtypen .%(extension)s kan ikke uploades. Tilladte filtyper: %(allowed)s."
)
DOCUMENT_MARKUP = (
    "Filen indeholder HTML, SVG eller script og kan ikke uploades, uanset filendelsen."
)
DOCUMENT_CONTENT_MISMATCH = (
    "Indholdet passer ikke til filendelsen .%(extension)s. "
    "Gem filen i det rigtige format, og prøv igen."
)

# How much of a document is read to judge its content. Browsers sniff far less than this.
SNIFF_BYTES = 64 * 1024

# Office Open XML and OpenDocument files are ZIP archives; PDF carries its marker near the start.
ZIP_SIGNATURE = b"PK\x03\x04"
PDF_SIGNATURE = b"%PDF-"
PDF_SIGNATURE_WINDOW = 1024
ZIP_EXTENSIONS = {"docx", "xlsx", "pptx", "odt", "ods"}
TEXT_EXTENSIONS = {"txt", "csv"}

# The tags a browser's content sniffer takes as HTML when a file starts with them (WHATWG MIME
# Sniffing, "rules for identifying an unknown MIME type"), plus SVG and XML.
MARKUP_STARTS = (
    b"<!doctype html",
    b"<html",
    b"<head",
    b"<script",
    b"<iframe",
    b"<h1",
    b"<div",
    b"<font",
    b"<table",
    b"<a",
    b"<style",
    b"<title",
    b"<b",
    b"<body",
    b"<br",
    b"<p",
    b"<!--",
    b"<?xml",
    b"<svg",
)
TAG_END = (b" ", b">", b"\t", b"\n", b"\r", b"\x0c")
# Active markup that has no business anywhere in a text file. (Office files and PDFs are only
# judged by how they start: their compressed streams are binary, and an office file may
# legitimately hold an SVG image.)
MARKUP_ANYWHERE = (b"<script", b"<svg", b"<html", b"<iframe", b"<object", b"<embed")


def _comma_list(values):
    return ", ".join(value.upper() for value in values)


class SafeImageField(WagtailImageField):
    """Wagtail's image field, refusing oversized images before anything is decoded.

    Wagtail checks size and pixels only after Willow has opened the image, and Willow decodes
    the whole bitmap to do so: a small file claiming huge dimensions would cost hundreds of
    megabytes first. So the byte size and the pixel count from the image header are checked
    up front. Pillow's own decompression-bomb guard (PIL.Image.MAX_IMAGE_PIXELS) raises an
    exception Wagtail does not catch; it becomes a message here instead of a server error."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        formats = self.supported_formats_text
        self.error_messages.update(IMAGE_MESSAGES)
        self.error_messages["invalid_image"] %= {"supported_formats": formats}
        self.error_messages["invalid_image_extension"] %= {"supported_formats": formats}
        self.error_messages["file_too_large_unknown_size"] %= {
            "max_filesize": self.max_upload_size_text
        }
        limits = [f"Tilladte formater: {formats}."]
        if self.max_upload_size is not None:
            limits.append(f"Højst {self.max_upload_size_text}.")
        if self.max_image_pixels is not None:
            megapixels = f"{self.max_image_pixels / 1_000_000:g}".replace(".", ",")
            limits.append(f"Højst {megapixels} megapixel.")
        self.help_text = " ".join(limits)

    def _too_many_pixels(self, num_pixels):
        return ValidationError(
            self.error_messages["file_too_many_pixels"]
            % {"num_pixels": num_pixels, "max_pixels_count": self.max_image_pixels},
            code="file_too_many_pixels",
        )

    def check_header_pixel_size(self, upload):
        """Read only the image header (Pillow opens lazily) and refuse too many pixels."""
        if self.max_image_pixels is None:
            return
        upload.seek(0)
        try:
            with PIL.Image.open(upload) as header:
                width, height = header.size
        except PIL.Image.DecompressionBombError as exc:
            raise self._too_many_pixels("langt over grænsen") from exc
        except (OSError, SyntaxError, ValueError):
            return  # Not a format Pillow reads (SVG, text): Wagtail's checks refuse it below.
        finally:
            upload.seek(0)
        if width * height > self.max_image_pixels:
            raise self._too_many_pixels(width * height)

    def to_python(self, data):
        if isinstance(data, UploadedFile):
            self.check_image_file_size(data)
            self.check_header_pixel_size(data)
        try:
            return super().to_python(data)
        except PIL.Image.DecompressionBombError as exc:
            raise self._too_many_pixels("langt over grænsen") from exc
        except (OSError, SyntaxError, ValueError, EOFError) as exc:
            # Willow accepts a file by its first bytes; one that breaks off after a valid
            # header fails only when Pillow decodes it.
            message = self.error_messages["invalid_image"]
            raise ValidationError(message, code="invalid_image") from exc


class SafeImageForm(BaseImageForm):
    """The image form for every upload: safe file field, and a description (alt text) required."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "file" in self.fields:
            old = self.fields["file"]
            self.fields["file"] = SafeImageField(
                label=old.label, required=old.required, widget=old.widget
            )
        if "description" in self.fields:
            description = self.fields["description"]
            description.required = True
            description.label = "Beskrivelse (alternativ tekst)"
            description.help_text = IMAGE_DESCRIPTION_HELP
            description.error_messages["required"] = IMAGE_DESCRIPTION_REQUIRED


def _document_extension(name):
    return os.path.splitext(name or "")[1].lower().lstrip(".")


def _as_utf8(head):
    """Browsers honour UTF-16 byte order marks, so markup hidden in UTF-16 must be seen too."""
    for bom, encoding in ((codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be")):
        if head.startswith(bom):
            return head[len(bom) :].decode(encoding, errors="ignore").encode("utf-8")
    return head.removeprefix(codecs.BOM_UTF8)


def looks_like_markup(head, anywhere=False):
    """True if a browser could take these first bytes for HTML, SVG or XML; with `anywhere`,
    also if active markup (script, SVG, frames) occurs anywhere in them."""
    text = _as_utf8(head).lower()
    start = text.lstrip(b" \t\n\r\x0c")
    for tag in MARKUP_STARTS:
        if start.startswith(tag):
            rest = start[len(tag) : len(tag) + 1]
            if tag in (b"<!--", b"<?xml") or rest in TAG_END:
                return True
    return anywhere and any(marker in text for marker in MARKUP_ANYWHERE)


def document_content_problem(head, extension):
    """A Danish message if the first bytes of a document do not fit its extension, else None."""
    if looks_like_markup(head, anywhere=extension in TEXT_EXTENSIONS):
        return DOCUMENT_MARKUP
    if extension == "pdf":
        fits = PDF_SIGNATURE in head[:PDF_SIGNATURE_WINDOW]
    elif extension in ZIP_EXTENSIONS:
        fits = head.startswith(ZIP_SIGNATURE)
    elif extension in TEXT_EXTENSIONS:
        # Text has no NUL bytes in UTF-8 or Latin-1; an executable or archive renamed .txt has.
        fits = b"\x00" not in _as_utf8(head)
    else:
        fits = True
    if not fits:
        return DOCUMENT_CONTENT_MISMATCH % {"extension": extension}
    return None


class SafeDocumentForm(BaseDocumentForm):
    """The document form for every upload: allowed types only, size limit, content sniffed."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields.get("file")
        if isinstance(field, WagtailDocumentField):
            field.error_messages.update(FILE_TOO_LARGE)
            field.error_messages["file_too_large_unknown_size"] %= {
                "max_filesize": field.max_upload_size_text
            }
            limits = [f"Tilladte filtyper: {_comma_list(self.allowed_extensions)}."]
            if field.max_upload_size is not None:
                limits.append(f"Højst {filesizeformat(field.max_upload_size)}.")
            field.help_text = " ".join(limits)

    @property
    def allowed_extensions(self):
        return [ext.lower() for ext in getattr(settings, "WAGTAILDOCS_EXTENSIONS", None) or []]

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if not isinstance(upload, UploadedFile):
            return upload  # Editing an existing document without replacing its file.
        extension = _document_extension(upload.name)
        allowed = self.allowed_extensions
        if allowed and extension not in allowed:
            raise ValidationError(
                DOCUMENT_EXTENSION_NOT_ALLOWED
                % {"extension": extension or "(ingen)", "allowed": _comma_list(allowed)},
                code="invalid_extension",
            )
        upload.seek(0)
        head = upload.read(SNIFF_BYTES)
        upload.seek(0)
        problem = document_content_problem(head, extension)
        if problem:
            raise ValidationError(problem, code="invalid_content")
        return upload

    def _post_clean(self):
        # The document model checks the extension again in its clean(). When clean_file has
        # already refused the file, that check sees no file and would add a second, confusing
        # message ("extension '' not allowed"): keep only the first one.
        refused = self.has_error("file")
        super()._post_clean()
        if refused:
            del self.errors["file"][1:]
