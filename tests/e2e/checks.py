"""Accessibility and HTML-validity checks of the pages a browser test visits.

- **axe-core** (npm ``axe-core``) runs inside the page with the WCAG 2.0/2.1 A and AA rules; it is
  evaluated through the DevTools protocol, which the pages' Content-Security-Policy does not govern,
  so the policy stays on while it runs.
- **The Nu Html Checker** (npm ``vnu-jar``, Java) reads the pages saved under
  ``ci-artifacts/html``, all in one run: a JVM start per page would cost more than the checks.
- **Reflow** (WCAG 1.4.10): at 320 CSS pixels the document must not scroll sideways; wide tables
  scroll inside their own box.

The two npm packages are pinned in ``package.json`` (``npm ci --ignore-scripts`` installs them;
the vnu-jar install script only fetches a Java runtime, and the machine has one).
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tests.conftest import need_service

ROOT = Path(__file__).resolve().parents[2]
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
HTML = ROOT / "ci-artifacts" / "html"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
NARROW = 320
"""WCAG 1.4.10: content at 320 CSS pixels wide reflows without scrolling in two directions."""


def need_checkers() -> None:
    """Skip (or fail under CATALOG_REQUIRE_SERVICES=1) when the npm packages or Java are missing."""
    if not AXE.is_file() or not VNU.is_file():
        need_service("axe-core / vnu-jar", "node_modules is missing them (run `npm ci --ignore-scripts`)")
    if shutil.which("java") is None:
        need_service(
            "Java", "the Nu Html Checker needs a Java runtime (apt-get install default-jre-headless)"
        )


def axe_violations(page: Any) -> list[str]:
    """The WCAG A/AA violations axe-core finds in the page as it is now, one line per node."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.evaluate(AXE.read_text(encoding="utf-8"))
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})",
        AXE_TAGS,
    )
    found = []
    for violation in result["violations"]:
        for node in violation["nodes"]:
            target = " ".join(str(t) for t in node["target"])
            found.append(f"{violation['id']} ({violation['impact']}): {target} — {node['failureSummary']}")
    return found


def horizontal_overflow(page: Any) -> int:
    """By how many CSS pixels the document is wider than the viewport (0: it reflows)."""
    return int(page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth"))


def slug_of(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def save_html(page: Any, name: str, folder: Path = HTML, content: str | None = None) -> Path:
    """The page's document as it stands (doctype included), for the batch run of the Nu checker;
    ``content`` instead when the markup to check is what the server sent."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{slug_of(name)}.html"
    path.write_text(page.content() if content is None else content, encoding="utf-8")
    return path


def vnu_errors(files: list[Path]) -> list[str]:
    """The Nu Html Checker's errors (warnings left out) in the files, in one JVM run."""
    if not files:
        return []
    done = subprocess.run(  # noqa: S603 - fixed program, our own files
        ["java", "-jar", str(VNU), "--errors-only", "--format", "json", *map(str, files)],  # noqa: S607
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    report = json.loads(done.stderr or done.stdout or '{"messages": []}')
    return [
        f"{Path(m.get('url', '?')).name}:{m.get('lastLine', '?')}: {m.get('message')} "
        f"[{m.get('extract', '').strip()}]"
        for m in report.get("messages", [])
        if m.get("type") in ("error", "non-document-error")
    ]


@dataclass
class Findings:
    """Findings by page, so that a failure lists every page at once rather than the first one."""

    by_page: dict[str, list[str]] = field(default_factory=dict)

    def add(self, page: str, items: list[str]) -> None:
        if items:
            self.by_page.setdefault(page, []).extend(items)

    def report(self) -> str:
        return "\n".join(f"{page}:\n  " + "\n  ".join(items) for page, items in self.by_page.items())

    def count(self) -> int:
        return sum(len(items) for items in self.by_page.values())
