// complete_test: written next (issue 14).
