#!/usr/bin/env python3
"""Reads a tagged PDF the way a screen reader does: the structure tree depth first, each
element's text from its marked content (its /ActualText instead when it has one), and checks
what the PDF/UA validators do not:
  - nothing missing, nothing repeated: every character outside an artifact belongs to the
    marked content of exactly one element, and no marked content is claimed twice;
  - reading order: on every page the tree reads the marked content in the order it is drawn,
    and that order is the visual one (down the page; a column to the right only after the
    column on its left, or in a right-to-left language (/Lang ar, he, fa...) to the left only
    after the one on its right);
  - lists: every L holds only LI, every LI a Lbl then an LBody; a check box's Lbl has /ActualText;
  - headings: one H1, first, and no level skipped going down (H2 then H4 is a skip);
  - tables: a THead of TH with /Scope /Column first, then a TBody of TR of TD, every row as
    wide as the header;
  - language: the document's /Lang is the one expected and no element says another, but a P
    passage in a language given with --passage-lang (a notice in the patient's own language);
    such a passage reads as "P [es]: ...".
Prints the reading (indented, one element with text per line), then one line per problem.
Exit 1 when there is a problem. Needs pdfplumber (scripts/setup-validators.sh).
Usage: read_aloud.py [--lang TAG] [--passage-lang TAG]... [--quiet] FILE.pdf"""
import sys
from collections import defaultdict

import pdfplumber
from pdfplumber import page as plumber_page
from pdfplumber.structure import PDFStructTree
from pdfminer.utils import decode_text


CHECK_BOXES = {"\u2610", "\u2611", "\u2612"}
# Half a line: two pieces whose tops differ by less sit on the same line.
SAME_LINE = 4.0
# Languages written right to left (the primary subtag of /Lang), whose pages read from the right.
RIGHT_TO_LEFT = {"ar", "arc", "ckb", "dv", "fa", "he", "ps", "sd", "ug", "ur", "yi"}


def nest_marked_content():
    """pdfplumber keeps only the innermost marked content, and forgets it at the first EMC: a
    ligature's /Span /ActualText inside a paragraph would cut the paragraph's text short, and
    inside a running header would leave the rest of the header looking untagged. Track the
    whole stack instead: a character belongs to the nearest MCID around it, is an artifact
    inside any /Artifact, and is spoken as the /ActualText of the span around it."""
    aggregator = plumber_page.PDFPageAggregatorWithMarkedContent
    plumber_page.ALL_ATTRS.update({"actual_text", "actual_span"})

    def begin_tag(self, tag, props=None):
        stack = self.__dict__.setdefault("marked_stack", [])
        props = props if isinstance(props, dict) else {}
        outer = stack[-1] if stack else {"tag": None, "mcid": None, "actual": None, "span": None}
        name = tag.name if isinstance(tag.name, str) else decode_text(tag.name)
        current = dict(outer)
        current["tag"] = "Artifact" if name == "Artifact" or outer["tag"] == "Artifact" else (name if outer["tag"] is None else outer["tag"])
        if "MCID" in props:
            current["mcid"], current["tag"] = props["MCID"], name
        if "ActualText" in props and outer["actual"] is None:
            actual = props["ActualText"]
            current["actual"] = decode_text(actual) if isinstance(actual, bytes) else str(actual)
            self.spans = getattr(self, "spans", 0) + 1
            current["span"] = self.spans
        stack.append(current)
        self.cur_tag, self.cur_mcid = current["tag"], current["mcid"]

    def end_tag(self):
        stack = self.__dict__.setdefault("marked_stack", [])
        if stack:
            stack.pop()
        self.cur_tag, self.cur_mcid = (stack[-1]["tag"], stack[-1]["mcid"]) if stack else (None, None)

    original = aggregator.tag_cur_item

    def tag_cur_item(self):
        original(self)
        stack = self.__dict__.get("marked_stack") or [{}]
        if self.cur_item._objs:
            self.cur_item._objs[-1].actual_text = stack[-1].get("actual")
            self.cur_item._objs[-1].actual_span = stack[-1].get("span")

    aggregator.begin_tag, aggregator.end_tag, aggregator.tag_cur_item = begin_tag, end_tag, tag_cur_item


def speech(chars):
    """The text of `chars` as a screen reader says it: a span's /ActualText once for its glyphs,
    and a word break where the text goes on at the next line or after a gap (PDF text has no
    space at the end of a line, nor between a label and its value set apart on the line)."""
    text, span, previous = "", None, None
    for char in chars:
        if previous is not None and not text.endswith(" "):
            next_line = abs(char["top"] - previous["top"]) > SAME_LINE
            gap = char["x0"] - previous["x1"] > 0.25 * char["size"]
            # A word broken at its own hyphen ("motion-" / "preserving") is read as one word.
            if gap or (next_line and not text.endswith("-")):
                text += " "
        previous = char
        if char.get("actual_span") is not None:
            if char["actual_span"] != span:
                text += char["actual_text"]
            span = char["actual_span"]
        else:
            text += char["text"]
            span = None
    return text


class Reader:
    def __init__(self, path, language, passage_languages=()):
        self.pdf = pdfplumber.open(path)
        self.language = language
        self.passage_languages = set(passage_languages)
        self.problems = []
        # (page number, MCID) -> the characters of that marked content, in drawing order.
        self.marked = defaultdict(list)
        self.untagged = []
        for page in self.pdf.pages:
            for char in page.chars:
                if char.get("mcid") is not None:
                    self.marked[(page.page_number, char["mcid"])].append(char)
                elif char.get("tag") != "Artifact" and char["text"].strip():
                    self.untagged.append((page.page_number, char["text"]))
        self.claimed = defaultdict(int)
        self.headings = []
        self.lines = []
        # Per page, the leaf pieces in reading order: (mcid, top, x0, x1, type).
        self.pieces = defaultdict(list)

    def problem(self, text):
        self.problems.append(text)

    def read(self):
        roots = list(PDFStructTree(self.pdf))
        document_language = self.pdf.doc.catalog.get("Lang")
        document_language = document_language.decode() if isinstance(document_language, bytes) else document_language
        if self.language and document_language != self.language:
            self.problem(f"document language is {document_language!r}, not {self.language!r}")
        self.right_to_left = (document_language or "").split("-")[0].lower() in RIGHT_TO_LEFT
        for root in roots:
            self.element(root, 0)
        self.check_headings()
        self.check_coverage()
        self.check_order()
        return self.lines, self.problems

    def element(self, element, depth):
        kind = element.type
        passage = kind == "P" and element.lang in self.passage_languages
        if element.lang and element.lang != self.language and not passage:
            self.problem(f"{kind} says its language is {element.lang!r}")
        text = ""
        for mcid in element.mcids or []:
            key = (element.page_number, mcid)
            self.claimed[key] += 1
            chars = self.marked.get(key, [])
            text += speech(chars)
            if chars:
                top = min(char["top"] for char in chars)
                self.pieces[element.page_number].append((mcid, top, min(c["x0"] for c in chars), max(c["x1"] for c in chars), kind))
        spoken = element.actual_text if element.actual_text is not None else text
        if kind == "Lbl" and text.strip() in CHECK_BOXES and not element.actual_text:
            self.problem(f"a check box ({text.strip()!r}) with no /ActualText")
        elif kind == "Lbl" and not spoken.strip():
            self.problem("a list label with nothing to read (a drawn check box needs /ActualText)")
        said = kind + (f" [{element.lang}]" if passage else "")
        self.lines.append(("  " * depth) + said + (f": {spoken}" if spoken.strip() else ""))
        children = element.children
        if kind == "L" and any(child.type not in ("LI", "Caption") for child in children):
            self.problem("a list holds " + ", ".join(sorted({child.type for child in children} - {"LI", "Caption"})))
        if kind == "LI" and [child.type for child in children] != ["Lbl", "LBody"]:
            self.problem(f"a list item holds {[child.type for child in children]}, not Lbl then LBody")
        if kind == "Table":
            self.check_table(element)
        if kind.startswith("H") and kind[1:].isdigit():
            self.headings.append(int(kind[1:]))
        for child in children:
            self.element(child, depth + 1)

    def check_table(self, table):
        parts = [child.type for child in table.children if child.type != "Caption"]
        if parts[:1] != ["THead"] or any(part != "TBody" for part in parts[1:]) or len(parts) < 2:
            self.problem(f"a table holds {parts}, not THead then TBody")
            return
        head, bodies = table.children[0], table.children[1:]
        header_cells = [cell for row in head.children for cell in row.children]
        if not header_cells or any(cell.type != "TH" or cell.attributes.get("Scope") != "Column" for cell in header_cells):
            self.problem("a table header with a cell that is not TH /Scope /Column")
        width = len(head.children[0].children) if head.children else 0
        for body in bodies:
            for row in body.children:
                if row.type != "TR" or any(cell.type != "TD" for cell in row.children) or len(row.children) != width:
                    self.problem(f"a table body row {row.type} of {[cell.type for cell in row.children]} under a header of {width}")

    def check_headings(self):
        levels = self.headings
        if levels[:1] != [1] or levels.count(1) != 1:
            self.problem(f"the headings do not start with the one H1: {levels[:5]}")
        for previous, level in zip(levels, levels[1:]):
            if level > previous + 1:
                self.problem(f"a heading level is skipped: H{previous} then H{level}")

    def check_coverage(self):
        if self.untagged:
            page, _ = self.untagged[0]
            self.problem(f"{len(self.untagged)} characters neither in an element nor an artifact (first on page {page})")
        for key in self.marked:
            if self.claimed[key] == 0:
                self.problem(f"marked content {key[1]} on page {key[0]} belongs to no element")
        for key, count in self.claimed.items():
            if count > 1:
                self.problem(f"marked content {key[1]} on page {key[0]} is read {count} times")

    def check_order(self):
        for page, pieces in self.pieces.items():
            mcids = [piece[0] for piece in pieces]
            if mcids != sorted(mcids):
                self.problem(f"page {page}: the tree reads the page out of drawing order")
            for (_, top, x0, x1, kind), (_, next_top, next_x0, next_x1, next_kind) in zip(pieces, pieces[1:]):
                below = next_top > top + SAME_LINE
                if self.right_to_left:
                    same_line_on = abs(next_top - top) <= SAME_LINE and next_x1 <= x1
                    next_column = next_x1 <= x0 + 1
                else:
                    same_line_on = abs(next_top - top) <= SAME_LINE and next_x0 >= x0
                    next_column = next_x0 >= x1 - 1
                if not (below or same_line_on or next_column):
                    side = "right" if self.right_to_left else "left"
                    self.problem(f"page {page}: {next_kind} is read after {kind} but sits above it to the {side}")


def main(arguments):
    nest_marked_content()
    language = None
    if "--lang" in arguments:
        index = arguments.index("--lang")
        language = arguments[index + 1]
        del arguments[index:index + 2]
    passage_languages = []
    while "--passage-lang" in arguments:
        index = arguments.index("--passage-lang")
        passage_languages.append(arguments[index + 1])
        del arguments[index:index + 2]
    quiet = "--quiet" in arguments
    paths = [argument for argument in arguments if argument != "--quiet"]
    if len(paths) != 1:
        print(__doc__, file=sys.stderr)
        return 2
    lines, problems = Reader(paths[0], language, passage_languages).read()
    if not quiet:
        print("\n".join(lines))
    for problem in problems:
        print(f"read_aloud: {paths[0]}: {problem}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
