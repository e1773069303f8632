// render_html_test: written next (issue 14).
