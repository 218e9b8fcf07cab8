"""HTTP routes: thin functions that validate, call `web.resumes`/`web.sharing`, and answer."""
