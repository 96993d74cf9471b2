"""Printed documents (NĐ 30/2020) with ReportLab. Uses core; never Qt."""

from reportlab import rl_config

# Page streams stay binary (Flate only): ReportLab's default also ASCII85-encodes them, a
# quarter bigger and an eighth of a 2,000-page dossier's time, for 7-bit channels PDFs no
# longer travel through.
rl_config.useA85 = 0
