// render_html: written next (issue 14).
