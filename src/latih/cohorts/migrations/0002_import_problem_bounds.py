"""Trust #4: an import problem's reason is bounded in the database. Rows stored before the
bounds are cut first (reason and values), so that the change applies on PostgreSQL."""

from django.apps.registry import Apps
from django.db import migrations, models
from django.db.backends.base.schema import BaseDatabaseSchemaEditor
from django.db.models.functions import Cast, Length, Substr

REASON = 1000
CELL = 256


def cut_stored_problems(apps: Apps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    ImportProblem = apps.get_model("cohorts", "ImportProblem")
    ImportProblem.objects.annotate(size=Length("reason")).filter(size__gt=REASON).update(
        reason=Substr("reason", 1, REASON)
    )
    # Values: each cell as the reader now cuts it, in the few rows long enough to need it.
    long = ImportProblem.objects.annotate(size=Length(Cast("values", models.TextField()))).filter(
        size__gt=CELL
    )
    changed = []
    for problem in long.only("pk", "values").iterator(chunk_size=100):
        values = problem.values if isinstance(problem.values, dict) else {}
        cut = {
            str(key): (str(value)[:CELL] + "…" if len(str(value)) > CELL else str(value))
            for key, value in values.items()
        }
        if cut != problem.values:
            problem.values = cut
            changed.append(problem)
        if len(changed) >= 500:
            ImportProblem.objects.bulk_update(changed, ["values"])
            changed = []
    if changed:
        ImportProblem.objects.bulk_update(changed, ["values"])


class Migration(migrations.Migration):
    dependencies = [("cohorts", "0001_initial")]

    operations = [
        migrations.RunPython(cut_stored_problems, migrations.RunPython.noop, elidable=True),
        migrations.AlterField(
            model_name="importproblem",
            name="reason",
            field=models.CharField(max_length=1000, verbose_name="reason"),
        ),
    ]
