"""Analysis: one story's articles -> a StoryAnalysis (sentences, quotation spans, speakers,
names, utterances, claims, divergences, quantities, reuse, word diff). Imports only the floor."""
