"""Reading and validating the content fixtures in `fixtures/`.

Nothing here touches the database: every file is parsed and checked first, so an import either
has a complete, valid picture of the content or stops with messages naming file, field and the
allowed values (see docs/content-format.md)."""

import datetime
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

import markdown

from .markdown import render_markdown

SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
HEADER_LINE_RE = re.compile(r"^[A-Za-z][A-Za-z0-9_-]*:")
CONTINUATION_RE = re.compile(r"^ {4,}\S")
DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
SUMMARY_MAX = 300
TEXT_MAX = 255  # length of the page title, contact fields and source references in the database


class FixtureError(Exception):
    def __init__(self, path, field_name, message, allowed=None):
        self.path, self.field, self.message, self.allowed = path, field_name, message, allowed
        super().__init__(str(self))

    def __str__(self):
        text = f"{self.path}: feltet «{self.field}»: {self.message}"
        if self.allowed is not None:
            text += f" Tilladte værdier: {', '.join(sorted(self.allowed)) or '(ingen)'}."
        return text


class FixtureErrors(Exception):
    """Every problem found in one pass, so an author can fix them all at once."""

    def __init__(self, errors):
        self.errors = errors
        super().__init__("\n".join(str(e) for e in errors))


# --- taxonomies -------------------------------------------------------------------------------


@dataclass(frozen=True)
class TaxonomySpec:
    key: str
    filename: str
    fields: tuple
    parent: tuple | None = None  # (field in this file, key of the taxonomy it points to)
    needs_description: bool = True


TAXONOMIES = (
    TaxonomySpec("frame", "frame.json", ("slug", "name", "description")),
    TaxonomySpec("movements", "movements.json", ("slug", "name", "order", "description")),
    TaxonomySpec("handlerum", "handlerum.json", ("slug", "name", "order", "description")),
    TaxonomySpec(
        "challenges",
        "challenges.json",
        ("slug", "name", "order", "description", "handlerum"),
        parent=("handlerum", "handlerum"),
    ),
    TaxonomySpec("regions", "regions.json", ("slug", "name", "code"), needs_description=False),
    TaxonomySpec(
        "municipalities",
        "municipalities.json",
        ("slug", "name", "code", "region"),
        parent=("region", "regions"),
        needs_description=False,
    ),
    TaxonomySpec("target_groups", "target_groups.json", ("slug", "name", "order", "description")),
    TaxonomySpec("sectors", "sectors.json", ("slug", "name", "order", "description")),
    TaxonomySpec(
        "evidence_levels", "evidence_levels.json", ("slug", "name", "rank", "description")
    ),
)


def load_taxonomies(directory):
    """{taxonomy key: [row dicts]} from fixtures/taxonomy, validated."""
    directory = Path(directory)
    data, errors = {}, []
    for spec in TAXONOMIES:
        path = directory / spec.filename
        try:
            rows = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            errors.append(FixtureError(path, "(fil)", "filen mangler."))
            continue
        except json.JSONDecodeError as exc:
            errors.append(FixtureError(path, "(fil)", f"ugyldig JSON: {exc}"))
            continue
        if not isinstance(rows, list):
            errors.append(FixtureError(path, "(fil)", "skal være en liste af objekter."))
            continue
        data[spec.key] = rows
        errors.extend(_check_rows(path, spec, rows, data))
    if errors:
        raise FixtureErrors(errors)
    return data


SOURCE_REQUIRED = {"publisher", "title", "year"}
SOURCE_OPTIONAL = {"url", "note"}


def load_source_documents(directory):
    """{file name: {"publisher", "title", "year", "url", "note"}} of the documents content may
    cite. The file name is the key fixtures cite by; readers only ever see the rest."""
    path = Path(directory) / "sources.json"
    try:
        documents = json.loads(path.read_text(encoding="utf-8"))
    except (FileNotFoundError, json.JSONDecodeError) as exc:
        raise FixtureErrors([FixtureError(path, "(fil)", f"kan ikke læses: {exc}")]) from exc
    problems = [
        FixtureError(path, name, "skal have publisher, title og year.")
        for name, info in documents.items()
        if not set(info) >= SOURCE_REQUIRED
    ]
    problems += [
        FixtureError(path, name, "ukendt felt.", SOURCE_REQUIRED | SOURCE_OPTIONAL)
        for name, info in documents.items()
        if set(info) - SOURCE_REQUIRED - SOURCE_OPTIONAL
    ]
    if problems:
        raise FixtureErrors(problems)
    return {name: {"url": "", "note": "", **info} for name, info in documents.items()}


def _check_rows(path, spec, rows, data):
    seen = set()
    for number, row in enumerate(rows, start=1):
        where = f"{path} (post {number})"
        if not isinstance(row, dict):
            yield FixtureError(where, "(post)", "skal være et objekt.")
            continue
        for name in spec.fields:
            if name not in row or row[name] in (None, ""):
                if name == "description" and not spec.needs_description:
                    continue
                yield FixtureError(where, name, "mangler.")
        unknown = set(row) - set(spec.fields)
        if unknown:
            yield FixtureError(where, ", ".join(sorted(unknown)), "ukendt felt.", spec.fields)
        slug = row.get("slug", "")
        if slug and not SLUG_RE.match(str(slug)):
            yield FixtureError(where, "slug", f"«{slug}» følger ikke slug-reglen.")
        if slug in seen:
            yield FixtureError(where, "slug", f"«{slug}» findes to gange.")
        seen.add(slug)
        if spec.parent:
            name, target = spec.parent
            allowed = {r.get("slug") for r in data.get(target, [])}
            if row.get(name) not in allowed:
                yield FixtureError(where, name, f"ukendt slug «{row.get(name)}».", allowed)


# --- Markdown documents -----------------------------------------------------------------------


@dataclass
class Document:
    path: Path
    slug: str
    meta: dict  # lower-case key -> list of lines
    sections: dict  # heading -> Markdown text
    errors: list = field(default_factory=list)

    def fail(self, field_name, message, allowed=None):
        self.errors.append(FixtureError(self.path, field_name, message, allowed))

    def text(self, key, required=False):
        value = " ".join(line.strip() for line in self.meta.get(key, [])).strip()
        if required and not value:
            self.fail(key.capitalize(), "mangler (feltet er krævet).")
        return value

    def slugs(self, key, allowed, required=False):
        values = [v.strip() for v in self.text(key).split(",") if v.strip()]
        if required and not values:
            self.fail(key.capitalize(), "mangler (angiv mindst én værdi).", allowed)
        for value in values:
            if value not in allowed:
                self.fail(key.capitalize(), f"ukendt slug «{value}».", allowed)
        return sorted(set(values))

    def choice(self, key, allowed):
        value = self.text(key)
        if value and value not in allowed:
            self.fail(key.capitalize(), f"ukendt værdi «{value}».", allowed)
        return value

    def date(self, key):
        value = self.text(key, required=True)
        if not value:
            return None
        try:
            if not DATE_RE.match(value):
                raise ValueError(value)
            return datetime.date.fromisoformat(value)
        except ValueError:
            self.fail(key.capitalize(), f"«{value}» er ikke en dato på formen ÅÅÅÅ-MM-DD.")
            return None

    def year(self, key):
        value = self.text(key)
        if not value:
            return None
        if not (value.isdigit() and 1950 <= int(value) <= 2100):
            self.fail(key.capitalize(), f"«{value}» er ikke et årstal mellem 1950 og 2100.")
            return None
        return int(value)

    def sources(self, known_documents):
        lines = [line.strip() for line in self.meta.get("sources", []) if line.strip()]
        if not lines:
            self.fail("Sources", "mangler (angiv mindst én kilde: «kildefil | sted i kilden»).")
        result = []
        for line in lines:
            document, _, locator = (part.strip() for part in line.partition("|"))
            if document not in known_documents:
                self.fail("Sources", f"ukendt kildedokument «{document}».", known_documents)
            if not locator:
                self.fail("Sources", f"«{document}» mangler stedet i kilden («fil | afsnit»).")
            check_length(self, "Sources", document)
            check_length(self, "Sources", locator)
            result.append((document, locator))
        return result

    def html_sections(self, headings, required=()):
        for heading in required:
            if heading not in self.sections:
                self.fail(f"## {heading}", "afsnittet mangler.", headings)
        return {heading: render_markdown(text) for heading, text in self.sections.items()}


def read_document(path, allowed_keys, allowed_headings):
    path = Path(path)
    slug = path.stem
    text = path.read_text(encoding="utf-8").replace("\r\n", "\n")
    doc = Document(path=path, slug=slug, meta={}, sections={})
    if not SLUG_RE.match(slug):
        doc.fail("(filnavn)", f"«{slug}» følger ikke slug-reglen (små bogstaver, tal og -).")
    header, _, body = text.partition("\n\n")
    for number, line in enumerate(header.split("\n"), start=1):
        if not (HEADER_LINE_RE.match(line) or (number > 1 and CONTINUATION_RE.match(line))):
            doc.fail("(hoved)", f"linje {number} er ikke på formen «Nøgle: værdi»: {line[:60]!r}.")
            return doc
    parser = markdown.Markdown(extensions=["meta"])
    parser.convert(header + "\n\n")
    doc.meta = {key.lower(): value for key, value in parser.Meta.items()}
    for key in doc.meta:
        if key not in allowed_keys:
            doc.fail(key, "ukendt nøgle i hovedet.", [k.capitalize() for k in allowed_keys])
    doc.sections = _split_sections(doc, body, allowed_headings)
    return doc


def _split_sections(doc, body, allowed_headings):
    sections, current = {}, None
    for line in body.split("\n"):
        if line.startswith("## "):
            current = line[3:].strip()
            if current not in allowed_headings:
                doc.fail(f"## {current}", "ukendt afsnitsoverskrift.", allowed_headings)
            elif current in sections:
                doc.fail(f"## {current}", "afsnittet findes to gange.")
            sections[current] = []
        elif current is None:
            if line.strip():
                doc.fail("(brødtekst)", "tekst før første afsnitsoverskrift.", allowed_headings)
                return {}
        else:
            sections[current].append(line)
    return {
        heading: "\n".join(lines).strip()
        for heading, lines in sections.items()
        if heading in allowed_headings and "\n".join(lines).strip()
    }


def check_length(doc, field_name, value, limit=TEXT_MAX):
    if len(value) > limit:
        doc.fail(field_name, f"er {len(value)} tegn; højst {limit} er tilladt.")


def check_summary(doc, summary):
    check_length(doc, "Summary", summary, SUMMARY_MAX)


def read_page(path, allowed_keys):
    """A site page: the metadata header and a free Markdown body (## headings allowed)."""
    path = Path(path)
    text = path.read_text(encoding="utf-8").replace("\r\n", "\n")
    doc = Document(path=path, slug=path.stem, meta={}, sections={})
    if not SLUG_RE.match(doc.slug):
        doc.fail("(filnavn)", f"«{doc.slug}» følger ikke slug-reglen (små bogstaver, tal og -).")
    header, _, body = text.partition("\n\n")
    parser = markdown.Markdown(extensions=["meta"])
    parser.convert(header + "\n\n")
    doc.meta = {key.lower(): value for key, value in parser.Meta.items()}
    for key in doc.meta:
        if key not in allowed_keys:
            doc.fail(key, "ukendt nøgle i hovedet.", [k.capitalize() for k in allowed_keys])
    if not body.strip():
        doc.fail("(brødtekst)", "siden har ingen tekst.")
    doc.sections = {"body": render_markdown(body, extra_tags={"h2"})}
    return doc
