#!/usr/bin/env python3
"""Writes Sources/HandoutCore/Resources/Languages/names.tsv, the table `LanguageCode` reads: every
language name of ISO 639-2 and of CLDR, in English and in the language itself, with its code.

Sources (pinned; their versions go into the file's header):
- ISO 639-2 from Debian's iso-codes package (/usr/share/iso-codes/json/iso_639-2.json): the
  639-1, 639-2/T and 639-2/B codes, and each name whole and by each ";"-separated part
  ("Spanish; Castilian", "Spanish", "Castilian").
- CLDR through Python Babel (pip install babel==2.16.0 in a throwaway venv): each language's
  English display name, its regional names ("Mexican Spanish") and, for every locale Babel has,
  the language's own name ("Tiếng Việt", "español de México").

A language is written as its ISO 639-1 code where it has one, else its 639-2 or 639-3 code
("hmn"). Members of a macrolanguage that clinics meet under their own code (cmn, yue, arb, pes,
swh, npi...) are written as the macrolanguage, whose written form the handout is in. Codes that
name no language (mis, mul, und, zxx, qaa-qtz) are left out: such a value is "unknown".

When two languages claim one spelling, the stronger source wins: the hand list below, then the
codes, then ISO 639-2's names, then CLDR's English names, then the languages' own names; the
conflicts are printed. Not run by `make test`: the file it writes is committed.

Usage: make_language_names.py [--iso FILE] [--output FILE]
"""
import argparse, json, os, sys, unicodedata

import babel
from babel import Locale, localedata

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUTPUT = os.path.join(ROOT, "Sources/HandoutCore/Resources/Languages/names.tsv")
ISO = "/usr/share/iso-codes/json/iso_639-2.json"

# Codes that are no language: a value naming one is as good as none.
NOT_LANGUAGES = {"mis", "mul", "und", "zxx"}

# 639-3 members of a macrolanguage, and the code whose written language serves them.
MEMBERS = {
    "zh": ["cmn", "yue", "wuu", "hak", "nan", "gan", "hsn", "cdo", "cjy", "cpx", "czh", "czo", "mnp"],
    "ar": ["arb", "arz", "apc", "ajp", "ary", "arq", "aeb", "acm", "afb", "ars", "shu"],
    "fa": ["pes", "prs"],
    "sw": ["swh", "swc"],
    "ne": ["npi"],
    "ms": ["zsm"],
    "et": ["ekk"],
    "lv": ["lvs"],
    "mn": ["khk"],
    "uz": ["uzn"],
    "az": ["azj", "azb"],
    "sq": ["als"],
    "hmn": ["hnj", "mww"],
    # Filipino is standard Tagalog: one handout serves both.
    "tl": ["fil"],
}

# Spellings clinics write that neither source has (romanized own names, older English names);
# every spelling the hand table before this file accepted is here or in the sources.
EXTRA = {
    "zh": ["zhongwen", "putonghua", "mandarin", "cantonese"],
    "ar": ["al-arabiyyah"],
    "fa": ["farsi"],
    # In a US clinic "Creole" alone is Haitian Creole, by far the most spoken Creole there.
    "ht": ["creole", "haitian creole", "kreyol", "kreyol ayisyen"],
    "ko": ["hangugeo"],
    "ru": ["russkiy"],
    "ja": ["nihongo"],
    "he": ["ivrit"],
    "bn": ["bangla"],
    "pa": ["panjabi"],
    "km": ["cambodian"],
    "sw": ["kiswahili"],
    "vi": ["tieng viet"],
    "es": ["castellano"],
    "tl": ["filipino", "tagalog"],
}

# Strongest first: which source a spelling came from decides between two languages.
HAND, CODE, ISO_NAME, CLDR_ENGLISH, CLDR_OWN = range(5)


def fold(text):
    """Lowercase without accents: close to LanguageCode.fold, for finding conflicts only (the
    file keeps each spelling as its source writes it; Swift folds when it reads them)."""
    decomposed = unicodedata.normalize("NFD", text.strip())
    return "".join(c for c in decomposed if unicodedata.category(c) != "Mn").casefold()


class Table:
    def __init__(self):
        self.codes = {}  # folded spelling → (strength, code): who owns the spelling
        self.spellings = {}  # folded spelling → every way the sources write it
        self.english = {}  # code → English name
        self.conflicts = []

    def add(self, spelling, code, strength):
        # One space between words, none around: LanguageTable folds the spellings without spacing them.
        spelling = " ".join(spelling.split())
        if not spelling:
            return
        key = fold(spelling)
        self.spellings.setdefault(key, set()).add(spelling)
        known = self.codes.get(key)
        if known is not None and known[1] != code:
            winner, loser = (code, known[1]) if (strength, code) < known else (known[1], code)
            self.conflicts.append(f"{spelling!r}: {winner} over {loser}")
        if known is None or (strength, code) < known:
            self.codes[key] = (strength, code)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--iso", default=ISO)
    parser.add_argument("--output", default=OUTPUT)
    args = parser.parse_args()
    if babel.__version__ != "2.16.0":
        sys.exit(f"Babel {babel.__version__}: the table is made with 2.16.0 (pip install babel==2.16.0)")
    with open(args.iso, encoding="utf-8") as file:
        iso = json.load(file)["639-2"]

    member_of = {member: code for code, members in MEMBERS.items() for member in members}
    # Every 639-2 and 639-1 code → the code a handout is named by.
    canonical = {}
    for entry in iso:
        code = entry.get("alpha_2", entry["alpha_3"])
        for alias in (entry["alpha_3"], entry.get("bibliographic"), entry.get("alpha_2")):
            if alias:
                canonical[alias] = code

    def resolve(code):
        """A CLDR or ISO code ("es_MX", "spa", "cmn") → the table's code, or None for no language."""
        primary = code.replace("-", "_").split("_")[0].lower()
        if primary in NOT_LANGUAGES or "qaa" <= primary <= "qtz":
            return None
        primary = canonical.get(primary, primary)
        return member_of.get(primary, primary)

    table = Table()
    for code, spellings in EXTRA.items():
        for spelling in spellings:
            table.add(spelling, code, HAND)
    for member, code in member_of.items():
        table.add(member, code, HAND)
    for alias in sorted(canonical):
        if resolve(alias):
            table.add(alias, resolve(alias), CODE)

    english = Locale("en").languages
    for entry in iso:
        code = resolve(entry["alpha_3"])
        if code is None:
            continue
        names = [entry["name"]] + ([entry["common_name"]] if "common_name" in entry else [])
        for name in names:
            table.add(name, code, ISO_NAME)
            for part in name.split(";"):
                table.add(part, code, ISO_NAME)
        table.english.setdefault(code, english.get(code) or english.get(entry["alpha_3"]) or entry["name"].split(";")[0].strip())

    for cldr_code, name in sorted(english.items()):
        code = resolve(cldr_code)
        if code is None:
            continue
        table.add(name, code, CLDR_ENGLISH)
        if "_" not in cldr_code:
            table.add(cldr_code.lower(), code, CODE)
        table.english.setdefault(code, english.get(code, name))

    for identifier in sorted(localedata.locale_identifiers()):
        locale = Locale.parse(identifier)
        code = resolve(locale.language)
        if code is None:
            continue
        own = locale.languages
        for cldr_code, name in own.items():
            if cldr_code.replace("-", "_").split("_")[0] == locale.language:
                table.add(name, code, CLDR_OWN)
        table.english.setdefault(code, english.get(code, locale.language))

    used = {code for _, code in table.codes.values()}
    by_code = {}
    for key, (_, code) in table.codes.items():
        by_code.setdefault(code, set()).update(table.spellings[key])

    with open(args.output, "w", encoding="utf-8", newline="\n") as out:
        out.write("# Language names and codes, read by LanguageCode (HandoutCore). Made by scripts/make_language_names.py;\n")
        out.write("# do not edit: change the script and run it again.\n")
        out.write(f"# Sources: ISO 639-2 from Debian iso-codes {iso_codes_version()}; CLDR as Python Babel {babel.__version__} ships it.\n")
        out.write("# One language a line: its code (ISO 639-1, else 639-2 or 639-3), its English name, then its other\n")
        out.write("# spellings, tab-separated. Case and accents do not matter when a value is looked up.\n")
        for code in sorted(used):
            name = table.english.get(code) or english.get(code, code)
            others = sorted(by_code[code] - {code, name}, key=lambda spelling: (fold(spelling), spelling))
            out.write("\t".join([code, name] + others) + "\n")
    for conflict in sorted(set(table.conflicts)):
        print("conflict:", conflict, file=sys.stderr)
    print(f"{args.output}: {len(used)} languages, {len(table.codes)} spellings", file=sys.stderr)


def iso_codes_version():
    """The installed iso-codes package's version, from dpkg's status file."""
    with open("/var/lib/dpkg/status", encoding="utf-8") as status:
        for paragraph in status.read().split("\n\n"):
            lines = paragraph.splitlines()
            if "Package: iso-codes" in lines:
                return next(line.split(": ", 1)[1] for line in lines if line.startswith("Version: "))
    return "(version unknown)"


if __name__ == "__main__":
    main()
