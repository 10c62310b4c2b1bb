"""Reading the content folder: YAML records, Markdown stories, photos → a validated model."""
