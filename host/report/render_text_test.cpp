// render_text_test: written next (issue 14).
