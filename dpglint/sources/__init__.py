"""Evidence sources beyond the metadata file: a local checkout, the GitHub API and live
URLs. Each is imported only by a run that enables its scope."""
