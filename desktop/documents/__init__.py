"""Printed documents (NĐ 30/2020) with ReportLab. Uses core; never Qt."""
