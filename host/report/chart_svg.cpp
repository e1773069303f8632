// chart_svg: written next (issue 14).
