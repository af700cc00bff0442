"""This paper's own code: its derivations (registered with the engine, datapaper) and its figures."""
