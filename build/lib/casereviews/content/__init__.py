"""The content stage: reading what editors wrote under reviews/, checking it against the content format, and
the frozen model it becomes (with the personal-data check, the rules for raw HTML and the documents' text)."""
