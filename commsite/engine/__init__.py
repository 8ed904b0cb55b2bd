"""What makes a build incremental and fast: what each output read (track), the
fingerprints the next build compares (keytable), the cache on disk, the work left to do,
writing the output folder safely, and both cores."""
