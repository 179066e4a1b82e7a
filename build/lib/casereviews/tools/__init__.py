"""Editor tools, apart from the build: the check command, starting a review folder, importing a spreadsheet."""
