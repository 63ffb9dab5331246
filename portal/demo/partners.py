"""The demo partner login."""


def seed_partners(report):
    return report
