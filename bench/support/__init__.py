"""Scaffolding only the benchmarks use. None of it ships in the package."""
