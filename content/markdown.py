"""Markdown to safe HTML. Everything an editor or a fixture writes passes through here."""

import markdown as md
import nh3

ALLOWED_TAGS = {
    "p", "br", "strong", "em", "ul", "ol", "li", "a", "h3", "h4", "blockquote", "code",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}}
ALLOWED_URL_SCHEMES = {"http", "https", "mailto"}


def sanitise_html(html, extra_tags=()):
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS | set(extra_tags),
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_URL_SCHEMES,
        link_rel="noopener noreferrer",
    ).strip()


def render_markdown(text, extra_tags=()):
    """Render Markdown and sanitise the result: raw HTML, scripts and event handlers never pass.

    `extra_tags` admits more tags, e.g. h2 for a whole page's body (sitepages)."""
    html = md.markdown(text, extensions=["sane_lists"], output_format="html")
    return sanitise_html(html, extra_tags)
