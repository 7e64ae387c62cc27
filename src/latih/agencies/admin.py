from django.contrib import admin

from .models import Agency, Unit


class UnitInline(admin.TabularInline):
    model = Unit
    extra = 1


@admin.register(Agency)
class AgencyAdmin(admin.ModelAdmin):
    list_display = ["name", "code"]
    search_fields = ["name", "code"]
    inlines = [UnitInline]
