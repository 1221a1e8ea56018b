"""The default theme: templates and assets, shipped inside the package as sitegen.theme."""
