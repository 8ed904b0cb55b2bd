"""The load stage: each content file read into a typed item (model.py), every mistake
of every file collected."""
