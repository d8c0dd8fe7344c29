"""Cleaning: named rules that turn a raw witness span into text lines, with a strip report.

Each rule is a small documented function. The pipeline applies them in a fixed order and
records what every rule did, so the report explains each removed or replaced character:

1. record-declared exclusions and metadata lines (the edition record says why);
2. emendations from the edition record, on the witness reading;
3. line rules that drop debris (images, interface strings, page numbers, …);
4. metadata rules that move a line out of the text into metadata (titles, provenance);
5. classification rules that mark headings while the witness markup still shows;
6. fixes: sequence-level text repairs (markers, punctuation width, spaces, …);
7. join rules that reunite lines split by hard wraps and page breaks.
"""

from build_tools.ingest.cleaning.pipeline import CleanedSpan, Pipeline, RuleContext, clean_span
from build_tools.model.text import Line, StripEntry

__all__ = ["CleanedSpan", "Line", "Pipeline", "RuleContext", "StripEntry", "clean_span"]
