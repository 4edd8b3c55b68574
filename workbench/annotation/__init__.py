"""Annotation: sentences, quotes, mentions, speakers, acts and stance -> mentions and statements."""
