// render_csv: written next (issue 14).
