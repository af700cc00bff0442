"""Rendering an edition: front matter, pandoc, and the PDF engines (Typst, XeLaTeX)."""
