"""`make rules`: the spec's rule IDs that no test names yet (a map, not a verdict)."""

import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SPEC = ROOT.parent / "shared" / "spec" / "cooperative.md"
RULE_ID = re.compile(r"\b(?:REG|MEM|FEE|GOV|CAT|TEN|SRV|KNW|INS|ACC)-\d+\b")
MARK = re.compile(r"""pytest\.mark\.rule\(\s*["']([A-Z]+-\d+)["']""")


def main() -> int:
    if not SPEC.is_file():
        sys.stdout.write(f"no spec at {SPEC}\n")
        return 0
    spec_ids = sorted(set(RULE_ID.findall(SPEC.read_text())), key=_order)
    tested = {m for path in (ROOT / "tests").rglob("*.py") for m in MARK.findall(path.read_text())}
    missing = [rule for rule in spec_ids if rule not in tested]
    sys.stdout.write(f"{len(spec_ids) - len(missing)} of {len(spec_ids)} rule IDs have a test\n")
    if missing:
        sys.stdout.write("without a test: " + " ".join(missing) + "\n")
    return 0


def _order(rule: str) -> tuple[str, int]:
    prefix, number = rule.split("-")
    return prefix, int(number)


if __name__ == "__main__":
    raise SystemExit(main())
