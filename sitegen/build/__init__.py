"""The build: the pipeline, parallel analysis, the analysis and page caches, the search index,
staged writes. May import site and analysis."""
