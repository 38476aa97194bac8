"""axe-core (WCAG 2.0/2.1 A and AA) on every public page type: no serious or critical issues."""

import pytest
from playwright.sync_api import expect

AXE_RUN = """async () => await axe.run(document, {
    runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}
})"""

# (path, expected status, expected h1): the h1 proves the portal's own page was served.
PAGES = [
    ("/", 200, "Praksisbanken"),
    ("/praksiseksempler/silkeborg-rejselaerer/", 200, "Rejselærer i folkeskolen"),
    ("/praksiseksempler/", 200, "Praksiseksempler"),
    ("/metoder/ips/", 200, "IPS – individuelt planlagt job med støtte"),
    ("/metoder/", 200, "Metoder"),
    ("/bevaegelser/mestring/", 200, "Mestring"),
    ("/udfordringer/forventningspres/", 200, "Forventningspres"),
    ("/kommuner/silkeborg/", 200, "Silkeborg Kommune"),
    ("/kommuner/", 200, "Kommuner"),
    ("/regioner/region-midtjylland/", 200, "Region Midtjylland"),
    ("/del-et-eksempel/", 200, "Del et eksempel"),
    ("/om-praksisbanken/", 200, "Om Praksisbanken"),
    ("/kontakt/", 200, "Kontakt"),
    ("/tilgaengelighed/", 200, "Tilgængelighedserklæring"),
    ("/privatlivspolitik/", 200, "Privatlivspolitik"),
    ("/praksiseksempler/rejsende-specialistkorps/", 200, "Rejsende specialistkorps"),
    ("/log-ind/", 200, "Log ind"),
    ("/anmod-om-adgang/", 200, "Anmod om adgang"),
    ("/glemt-adgangskode/", 200, "Glemt adgangskode"),
    ("/findes-ikke/", 404, "Siden findes ikke"),
]


def _describe(violations):
    lines = []
    for v in violations:
        targets = [", ".join(node["target"]) for node in v["nodes"][:3]]
        lines.append(f"{v['id']} ({v['impact']}): {v['help']} -> {targets}")
    return "\n".join(lines)


@pytest.mark.parametrize(("path", "status", "h1"), PAGES, ids=[p for p, _, _ in PAGES])
def test_no_serious_axe_violations(page, axe_path, path, status, h1):
    response = page.goto(path)
    assert response is not None and response.status == status
    expect(page.get_by_role("heading", level=1)).to_have_text(h1)
    serious = serious_violations(page, axe_path)
    assert not serious, f"axe on {path}:\n{_describe(serious)}"


def serious_violations(page, axe_path):
    """axe-core's serious and critical findings on the page as it is now."""
    # Evaluated, not added as a <script> tag: the site's CSP blocks inline scripts.
    page.evaluate(axe_path.read_text())
    results = page.evaluate(AXE_RUN)
    return [v for v in results["violations"] if v["impact"] in ("serious", "critical")]
