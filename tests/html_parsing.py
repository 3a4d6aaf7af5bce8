"""Reading rendered HTML in tests: its tables as rows of cell texts, and its id problems."""

from html.parser import HTMLParser


class TableParser(HTMLParser):
    """Every <table> of a page as a list of rows, each a list of cell texts (hidden text too)."""

    def __init__(self):
        super().__init__()
        self.tables, self._row, self._cell = [], None, None
        self.captions, self._caption = [], None

    def handle_starttag(self, tag, attrs):
        if tag == "table":
            self.tables.append([])
        elif tag == "tr":
            self._row = []
        elif tag in ("td", "th"):
            self._cell = []
        elif tag == "caption":
            self._caption = []

    def handle_endtag(self, tag):
        if tag in ("td", "th") and self._cell is not None:
            self._row.append(" ".join("".join(self._cell).split()))
            self._cell = None
        elif tag == "tr" and self._row is not None:
            self.tables[-1].append(self._row)
            self._row = None
        elif tag == "caption":
            self.captions.append("".join(self._caption).strip())
            self._caption = None

    def handle_data(self, data):
        if self._cell is not None:
            self._cell.append(data)
        if self._caption is not None:
            self._caption.append(data)


def parse_tables(html):
    parser = TableParser()
    parser.feed(html if isinstance(html, str) else html.decode())
    return parser


class IdCollector(HTMLParser):
    """Every id="..." and every id that aria-labelledby / aria-describedby / for refer to."""

    def __init__(self):
        super().__init__()
        self.ids = []
        self.references = []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name == "id":
                self.ids.append(value)
            elif name in ("aria-labelledby", "aria-describedby", "for") and value:
                self.references.extend(value.split())


def id_problems(html):
    """(duplicate ids, references to ids that do not exist) in an HTML document."""
    collector = IdCollector()
    collector.feed(html)
    seen, duplicates = set(), set()
    for element_id in collector.ids:
        if element_id in seen:
            duplicates.add(element_id)
        seen.add(element_id)
    dangling = {ref for ref in collector.references if ref not in seen}
    return duplicates, dangling
