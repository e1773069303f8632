// render_xlsx_test: written next (issue 14).
