"""Live updates: "this changed" events from the data layer to every screen of a process."""
