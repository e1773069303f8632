// render_xlsx: written next (issue 14).
