"""Page views: the page plan, the markdown and HTML fragments of generated pages, pictures, share previews."""
