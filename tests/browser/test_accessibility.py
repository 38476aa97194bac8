"""axe-core (WCAG 2.0/2.1 A and AA) on every public page type: no serious or critical issues."""

import pytest

AXE_RUN = """async () => await axe.run(document, {
    runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}
})"""

PAGES = [
    ("/", 200),
    ("/praksiseksempler/silkeborg-rejselaerer/", 200),
    ("/praksiseksempler/", 200),
    ("/metoder/ips/", 200),
    ("/metoder/", 200),
    ("/bevaegelser/mestring/", 200),
    ("/udfordringer/forventningspres/", 200),
    ("/kommuner/silkeborg/", 200),
    ("/kommuner/", 200),
    ("/regioner/region-midtjylland/", 200),
    ("/findes-ikke/", 404),
]


def _describe(violations):
    lines = []
    for v in violations:
        targets = [", ".join(node["target"]) for node in v["nodes"][:3]]
        lines.append(f"{v['id']} ({v['impact']}): {v['help']} -> {targets}")
    return "\n".join(lines)


@pytest.mark.parametrize(("path", "status"), PAGES, ids=[p for p, _ in PAGES])
def test_no_serious_axe_violations(page, axe_path, path, status):
    response = page.goto(path)
    assert response is not None and response.status == status
    page.add_script_tag(path=str(axe_path))
    results = page.evaluate(AXE_RUN)
    serious = [v for v in results["violations"] if v["impact"] in ("serious", "critical")]
    assert not serious, f"axe on {path}:\n{_describe(serious)}"
