"""The export formats, in one light module: the command line lists them before anything heavy loads."""

FORMATS = ("notes", "csv", "anki", "pdf")

# A PDF's layouts: every section of each question, or a two-column cheat sheet (title, key points,
# formula, your note). The first is the default.
FULL, CHEAT_SHEET = "full", "cheat-sheet"
PDF_LAYOUTS = (FULL, CHEAT_SHEET)
