"""The export formats, in one light module: the command line lists them before anything heavy loads."""

FORMATS = ("notes", "csv", "anki", "pdf")
