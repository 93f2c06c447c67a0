#!/usr/bin/env python3
"""Checks the module graph three ways, so it cannot drift:
1. every module a target imports is declared as a dependency in Package.swift;
2. every library and executable target's imports of project modules and packages are exactly
   the "depends on" column of the module table in docs/DESIGN.md (which is thereby true);
3. no target imports a module the table does not allow it (layering).
Exit 0 when all hold; otherwise one line per problem and exit 1."""
import json, os, re, subprocess, sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SYSTEM = {"Foundation", "FoundationEssentials", "Glibc", "Dispatch", "Testing", "XCTest", "Synchronization", "_Concurrency"}
# C modules a package product brings with it, importable wherever the product is declared:
# Yams' libyaml, whose events HandoutConfig reads before Yams composes a settings file.
BUNDLED = {"CYaml": "Yams"}
IMPORT = re.compile(r"^\s*(?:@testable\s+|@preconcurrency\s+)?import\s+(?:struct\s+|enum\s+|class\s+|func\s+)?([A-Za-z_][A-Za-z0-9_]*)", re.M)


def package():
    dump = subprocess.run(["swift", "package", "dump-package"], cwd=ROOT, capture_output=True, text=True, check=True)
    targets = {}
    for target in json.loads(dump.stdout)["targets"]:
        kind = target["type"]
        default = "Tests" if kind == "test" else "Sources"
        path = target.get("path") or f"{default}/{target['name']}"
        deps = {list(dep.values())[0][0] for dep in target["dependencies"]}
        targets[target["name"]] = (kind, path, deps)
    return targets


def module_name(target):
    return target.replace("-", "_")


def head(text):
    """The lines before the first declaration: where Swift imports stand (not code in strings)."""
    lines = []
    for line in text.splitlines():
        stripped = line.strip()
        if stripped and not stripped.startswith(("//", "import ", "@testable", "@preconcurrency", "#if", "#else", "#endif")):
            break
        lines.append(line)
    return "\n".join(lines)


def imports(path):
    found = set()
    for folder, _, files in os.walk(os.path.join(ROOT, path)):
        for name in files:
            if name.endswith(".swift"):
                with open(os.path.join(folder, name), encoding="utf-8") as source:
                    found |= set(IMPORT.findall(head(source.read())))
    return found - SYSTEM


def design_table():
    """target -> set of what it depends on, from the module table of docs/DESIGN.md."""
    with open(os.path.join(ROOT, "docs/DESIGN.md"), encoding="utf-8") as design:
        text = design.read()
    table = {}
    for line in text.splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if len(cells) == 3 and cells[0].startswith("`") and cells[0].endswith("`"):
            deps = set(re.findall(r"`([^`]+)`", cells[2]))
            table[cells[0].strip("`")] = deps
    return table


def main():
    targets = package()
    table = design_table()
    problems = []
    for name, (kind, path, deps) in sorted(targets.items()):
        if kind == "system":
            continue
        used = imports(path)
        declared = {module_name(dep) for dep in deps}
        declared |= {module for module, product in BUNDLED.items() if product in declared}
        for module in sorted(used - declared):
            problems.append(f"{path}: imports {module}, which Package.swift does not declare for {name}")
        if kind in ("regular", "executable") and not path.startswith("Tests/"):
            if name not in table:
                problems.append(f"docs/DESIGN.md: the module table has no row for {name}")
                continue
            for module in sorted(used - table[name]):
                problems.append(f"{path}: imports {module}, which docs/DESIGN.md does not allow {name}")
            for module in sorted(table[name] - used):
                problems.append(f"docs/DESIGN.md: says {name} depends on {module}, but it does not import it")
    for name in sorted(set(table) - set(targets)):
        problems.append(f"docs/DESIGN.md: the module table names {name}, which Package.swift does not have")
    for problem in problems:
        print(problem)
    print(f"check_imports: {len(targets)} targets, {len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
