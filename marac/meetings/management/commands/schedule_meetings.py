"""Plan each locality's regular meetings by its cadence: `python manage.py schedule_meetings`.
Run it daily from the scheduler (see docs/operations.md); running it again plans nothing twice."""

from django.core.management.base import BaseCommand
from django.utils import timezone

from marac.meetings.scheduling import regular_meetings_plan


class Command(BaseCommand):
    help = (
        "Keep every locality's regular meetings planned as far ahead as it asks, at its cadence, time and place, "
        "inviting every active agency; print what was planned. Safe to run repeatedly."
    )

    def handle(self, *args, **options) -> None:
        planned = regular_meetings_plan()
        if not planned:
            self.stdout.write("No meetings to plan.")
            return
        for meeting in planned:
            self.stdout.write(
                f"Planned {meeting.locality}: {meeting.get_mode_display().lower()}, "
                f"{timezone.localtime(meeting.scheduled_for):%A %d %B %Y, %H:%M}."
            )
        plural = "" if len(planned) == 1 else "s"
        self.stdout.write(self.style.SUCCESS(f"Planned {len(planned)} meeting{plural}."))
