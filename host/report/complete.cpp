// complete: written next (issue 14).
