// render_json: written next (issue 14).
