"""axe-core on every page a journey visits: the serious and critical violations fail the journey."""

from dataclasses import dataclass, field
from pathlib import Path

from playwright.sync_api import BrowserContext, Page

AXE_SOURCE = Path(__file__).with_name("vendor") / "axe.min.js"
FAILING_IMPACTS = ("serious", "critical")


@dataclass(frozen=True)
class Violation:
    url: str
    rule: str
    impact: str
    help: str
    targets: tuple[str, ...]

    def __str__(self) -> str:
        return f"{self.url}: {self.rule} ({self.impact}) {self.help}; at {', '.join(self.targets)}"


@dataclass
class AxeAudit:
    """Runs axe after each navigation and keeps what it finds; knows which loaded pages were never checked."""

    violations: list[Violation] = field(default_factory=list)
    checked: int = 0
    unchecked: list[str] = field(default_factory=list)

    def watch(self, context: BrowserContext, page: Page) -> None:
        # An init script reaches every document in the context and, run by the browser itself, is not refused by
        # the pages' content security policy as an injected <script> would be.
        context.add_init_script(path=str(AXE_SOURCE))
        page.on("load", lambda loaded: self.unchecked.append(loaded.url))

    def check(self, page: Page) -> None:
        page.wait_for_load_state("load")
        results = page.evaluate("() => axe.run(document, {resultTypes: ['violations']})")
        self.checked += 1
        self.unchecked.clear()
        self.violations += [
            Violation(
                url=page.url,
                rule=found["id"],
                impact=found["impact"],
                help=found["help"],
                targets=tuple(" ".join(map(str, node["target"])) for node in found["nodes"]),
            )
            for found in results["violations"]
            if found["impact"] in FAILING_IMPACTS
        ]

    def assert_clean(self) -> None:
        assert self.checked, "the journey ran axe on no page"
        assert not self.unchecked, f"pages loaded without an axe check: {self.unchecked}"
        assert not self.violations, "serious or critical accessibility violations:\n" + "\n".join(
            str(violation) for violation in self.violations
        )
