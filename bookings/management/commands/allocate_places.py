from django.core.management.base import BaseCommand, CommandError

from bookings.errors import BookingError
from bookings.models import Allocation
from bookings.waiting import allocate_due_runs, allocate_run, verify_allocation


class Command(BaseCommand):
    help = (
        "Allocate the places of runs that allocate after their booking window, once it has closed, and email "
        "everyone their offer or place on the waiting list. Safe to repeat: a run is allocated once. With --verify, "
        "run a recorded allocation again from its seed and rules and say whether it gives the same places."
    )

    def add_arguments(self, parser):
        parser.add_argument("--run", type=int, help="Allocate (or verify) this run only.")
        parser.add_argument("--seed", type=int, help="The lottery's seed (random when not given).")
        parser.add_argument("--verify", action="store_true", help="Check a run's recorded allocation; change nothing.")

    def handle(self, *args, run=None, seed=None, verify=False, **options):
        if verify:
            return self.verify(run)
        if run is None:
            made = allocate_due_runs()
            self.stdout.write(f"Allocated {len(made)} run(s).")
            return
        try:
            allocation, new = allocate_run(run_id=run, seed=seed)
        except BookingError as error:
            raise CommandError(str(error.message)) from error
        verb = "Allocated" if new else "Already allocated"
        self.stdout.write(f"{verb} run {run} with seed {allocation.seed}.")

    def verify(self, run):
        if run is None:
            raise CommandError("Give the run to verify with --run.")
        try:
            same = verify_allocation(run_id=run)
        except Allocation.DoesNotExist as error:
            raise CommandError(f"Run {run} has not been allocated.") from error
        if not same:
            raise CommandError(f"Run {run}: allocating again from the record gives different places.")
        self.stdout.write(f"Run {run}: allocating again from the record gives the same places.")
