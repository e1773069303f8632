// render_markdown: written next (issue 14).
