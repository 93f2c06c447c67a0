#!/usr/bin/env python3
"""Every target's `import` lines are among its dependencies in Package.swift: nothing imported
that is not declared (a module reaching one it should not, through another's dependencies).
A dependency declared but imported nowhere (an edge of the module graph that is not real) is
noted. Toolchain modules are not counted; a test target may declare an executable it runs.
Usage: scripts/check_imports.py   (exit 1 when an import is not declared)"""
import json, pathlib, re, subprocess, sys

TOOLCHAIN = {"Foundation", "FoundationEssentials", "Glibc", "Dispatch", "Testing", "XCTest", "Synchronization"}
root = pathlib.Path(__file__).resolve().parent.parent
package = json.loads(subprocess.run(["swift", "package", "dump-package"], cwd=root, check=True,
                                    capture_output=True, text=True).stdout)
executables = {t["name"] for t in package["targets"] if t["type"] == "executable"}
problems = []
notes = []
for target in package["targets"]:
    if target["type"] == "system":
        continue
    folder = root / (target.get("path") or ("Tests" if target["type"] == "test" else "Sources") + "/" + target["name"])
    excluded = [folder / e for e in target.get("exclude", [])]
    imported = set()
    for source in folder.rglob("*.swift"):
        if any(source.is_relative_to(e) for e in excluded):
            continue
        imported |= set(re.findall(r"^(?:@testable )?import (\w+)", source.read_text(), re.M))
    declared = set()
    for dependency in target["dependencies"]:
        kind, value = next(iter(dependency.items()))
        declared.add(value[0])
    for name in sorted(imported - declared - TOOLCHAIN):
        problems.append(f"{target['name']}: imports {name}, not declared in Package.swift")
    for name in sorted(declared - imported - executables):
        notes.append(f"note: {target['name']}: declares {name}, imports it nowhere")
print("\n".join(problems + notes))
if not problems:
    print(f"check_imports: every import of the {len(package['targets'])} targets is declared in Package.swift")
sys.exit(1 if problems else 0)
