"""Run axe-core in a page and describe what it found in words a developer can act on."""

from __future__ import annotations

# WCAG 2.0 and 2.1, levels A and AA, plus axe's best practices (landmarks, heading order, ...).
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]
BLOCKING = {"serious", "critical"}

RUN = """async (tags) => {
  const results = await axe.run(document, {
    runOnly: {type: "tag", values: tags},
    resultTypes: ["violations"],
  });
  return results.violations.map((v) => ({
    id: v.id,
    impact: v.impact,
    help: v.help,
    helpUrl: v.helpUrl,
    nodes: v.nodes.map((n) => ({
      target: n.target.join(" "),
      html: n.html,
      summary: n.failureSummary,
    })),
  }));
}"""


def violations(page) -> list[dict]:
    """Every axe violation on the page as it is now (axe is injected once per document)."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=str(page.axe_script))
    return page.evaluate(RUN, TAGS)


def blocking(found: list[dict]) -> list[dict]:
    return [v for v in found if v["impact"] in BLOCKING]


def describe(page_name: str, found: list[dict]) -> str:
    lines = [f"{page_name}:"]
    for v in found:
        lines.append(f"  [{v['impact']}] {v['id']}: {v['help']} ({v['helpUrl']})")
        for node in v["nodes"][:5]:
            lines.append(f"      at {node['target']}")
            lines.append(f"         {node['html'][:160]}")
            for detail in (node["summary"] or "").splitlines()[:4]:
                lines.append(f"         {detail.strip()}")
        if len(v["nodes"]) > 5:
            lines.append(f"      ... and {len(v['nodes']) - 5} more")
    return "\n".join(lines)
