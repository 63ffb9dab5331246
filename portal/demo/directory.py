"""Demo partner agencies, their services and the areas the hub covers."""


def seed_directory(report):
    return report
