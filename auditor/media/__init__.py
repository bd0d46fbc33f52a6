"""Does a medium really display or play? Verdicts from the bytes a server sent, not from its headers.

``check.judge`` is the one entry point the spider calls; ``sniff`` names a format from its first
bytes, ``image`` decodes pictures, ``mp4`` walks ISO-BMFF boxes over HTTP ranges, ``containers``
checks the sizes other containers declare. Pure functions and small state machines: no network here.
"""
