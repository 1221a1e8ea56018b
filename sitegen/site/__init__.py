"""The site: analyses -> pages (paths and anchors, views, safe HTML, render, feeds, export, assets).
May import analysis."""
