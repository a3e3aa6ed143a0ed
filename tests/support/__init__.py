"""Scaffolding the tests (and some benchmarks) share: a local Bolt server, a reference query runner,
synthetic graphs. None of it ships in the package."""
