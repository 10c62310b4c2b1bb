"""The showcase site: Markdown docs trees + Material overrides, built by MkDocs per language
(`pages`, `mkdocs_project`), with their photos, search index, QR landing stubs, sitemap, maps and
share links. `ocop_site.pipeline.render` runs it with the other targets."""
