#!/usr/bin/env python3
"""Runs three independent PDF/UA-1 checkers on each PDF given (outloud, page-validation and
pdfua, pinned in scripts/setup-validators.sh) and, with --pdfa, page-validation's PDF/A-2a
profile. Prints one line per finding, tool first; exit 1 when any checker reports an error.
Usage: pdfua_validate.py [--pdfa] [--password PW] FILE.pdf..."""
import json, os, subprocess, sys, tempfile

VENV = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), ".build-venv", "validators")
PYTHON = os.path.join(VENV, "bin", "python")


def outloud(path):
    run = subprocess.run([os.path.join(VENV, "bin", "outloud"), "--layer", "conformance", "--json", "-", path],
                         capture_output=True, text=True, timeout=300)
    findings = []
    for result in json.loads(run.stdout)["results"]:
        if result.get("error"):
            findings.append(("error", "run", result["error"]))
        for finding in result["findings"]:
            findings.append((finding["severity"], finding["rule"], finding["message"]))
    return findings


def page_validation(path, profile):
    code = ("import page, sys, json\n"
            f"r = page.validate_pdf(sys.argv[1], profile=page.ValidationProfile.{profile})\n"
            "print(json.dumps([[f.rule_id, f.message] for f in r.failures]))\n")
    run = subprocess.run([PYTHON, "-c", code, path], capture_output=True, text=True, timeout=300)
    if run.returncode != 0:
        return [("error", "run", run.stderr.strip()[-300:])]
    return [("error", rule, message) for rule, message in json.loads(run.stdout)]


def pdfua(path):
    run = subprocess.run([PYTHON, "-m", "pdfua", "check", path], capture_output=True, text=True, timeout=300)
    findings = []
    lines = run.stdout.splitlines()
    for index, line in enumerate(lines):
        stripped = line.strip()
        for level, severity in (("[ERROR]", "error"), ("[WARN ]", "warning")):
            if stripped.startswith(level):
                detail = lines[index + 1].strip() if index + 1 < len(lines) else ""
                findings.append((severity, stripped[len(level):].split()[0], detail))
    if run.returncode not in (0, 3) or (run.returncode == 3 and not any(s == "error" for s, _, _ in findings)):
        findings.append(("error", "run", (run.stderr or run.stdout).strip()[-300:]))
    return findings


def decrypted(path, password):
    handle, plain = tempfile.mkstemp(suffix=".pdf")
    os.close(handle)
    subprocess.run(["qpdf", f"--password={password}", "--decrypt", path, plain], check=True)
    return plain


def main(arguments):
    pdfa = "--pdfa" in arguments
    password = None
    if "--password" in arguments:
        index = arguments.index("--password")
        password = arguments[index + 1]
        del arguments[index:index + 2]
    files = [a for a in arguments if not a.startswith("--")]
    errors = 0
    for path in files:
        checked = decrypted(path, password) if password else path
        checks = [("outloud", outloud(checked)), ("page-validation", page_validation(checked, "PDF_UA_1")), ("pdfua", pdfua(checked))]
        if pdfa:
            checks.append(("page-validation PDF/A-2a", page_validation(checked, "PDF_A_2A")))
        for tool, findings in checks:
            for severity, rule, message in findings:
                print(f"{path}: {tool}: {severity} {rule}: {message}")
                errors += severity == "error"
        if checked != path:
            os.unlink(checked)
    print(f"pdfua_validate: {len(files)} files, {errors} errors")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
