"""Environment cloning: a platform as a spec file, exported, applied, compared."""
