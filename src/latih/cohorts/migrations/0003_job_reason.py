"""Promise #9: a finalizing job carries the organizer's reason for finalizing before the
cohort's end, logged with the event."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("cohorts", "0002_import_problem_bounds"),
    ]

    operations = [
        migrations.AddField(
            model_name="job",
            name="reason",
            field=models.CharField(blank=True, max_length=500, verbose_name="reason"),
        ),
    ]
