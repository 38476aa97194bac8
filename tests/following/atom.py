"""Validating Atom feeds: RFC 4287's RELAX NG grammar (atom.rnc, converted with rnc2rng and
checked by lxml) plus the appendix's two Schematron rules, which RELAX NG cannot express."""

from functools import cache
from pathlib import Path

import rnc2rng
from lxml import etree

ATOM_NS = "http://www.w3.org/2005/Atom"
NS = {"atom": ATOM_NS}
SCHEMA = Path(__file__).with_name("atom.rnc")


@cache
def atom_schema():
    rng = rnc2rng.dumps(rnc2rng.loads(SCHEMA.read_text()))
    # rnc2rng declares the grammar's `local` namespace as xmlns:local="", which XML namespaces
    # forbid for a prefix; the grammar itself refers to it as ns="" and needs no declaration.
    rng = rng.replace(' xmlns:local=""', "")
    return etree.RelaxNG(etree.fromstring(rng.encode()))


def validate_atom(content):
    """The parsed feed; fails the test with lxml's messages when it is not valid Atom."""
    document = etree.fromstring(content)
    schema = atom_schema()
    assert schema.validate(document), f"Not valid Atom (RFC 4287): {schema.error_log}"
    entries = document.findall("atom:entry", NS)
    # RFC 4287 4.1.1: a feed has an author unless every entry has one.
    assert document.find("atom:author", NS) is not None or all(
        entry.find("atom:author", NS) is not None for entry in entries
    ), "atom:feed without atom:author, and not every entry has one"
    # RFC 4287 4.1.2: an entry has a link rel="alternate" (or without rel) or content.
    for entry in entries:
        links = entry.findall("atom:link", NS)
        assert entry.find("atom:content", NS) is not None or any(
            link.get("rel", "alternate") == "alternate" for link in links
        ), "atom:entry without an alternate link or content"
    return document
