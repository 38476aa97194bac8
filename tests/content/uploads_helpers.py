"""Files for the upload tests, built in memory: real images, forged headers, disguised markup."""

import io
import struct
import zlib

import PIL.Image
from django.core.files.uploadedfile import SimpleUploadedFile


def image_bytes(fmt="PNG", size=(40, 30)):
    buffer = io.BytesIO()
    PIL.Image.new("RGB", size, (30, 120, 90)).save(buffer, fmt)
    return buffer.getvalue()


def _png_chunk(kind, data):
    crc = zlib.crc32(kind + data) & 0xFFFFFFFF
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", crc)


def png_claiming_size(width, height):
    """A PNG of a few dozen bytes whose header claims width x height pixels.

    Decoding it would allocate width * height bytes: the classic decompression bomb."""
    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)  # 8-bit greyscale
    return (
        b"\x89PNG\r\n\x1a\n"
        + _png_chunk(b"IHDR", header)
        + _png_chunk(b"IDAT", zlib.compress(b"\x00" * 64))
        + _png_chunk(b"IEND", b"")
    )


SVG = (
    b'<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">'
    b"<script>alert(1)</script></svg>"
)
HTML = b"<!DOCTYPE html>\n<html><body><script>alert(document.cookie)</script></body></html>"


def upload(name, content, content_type="application/octet-stream"):
    return SimpleUploadedFile(name, content, content_type=content_type)
