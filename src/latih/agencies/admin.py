from django.contrib import admin

from .models import Agency, Unit


class UnitInline(admin.TabularInline):
    model = Unit
    extra = 1


@admin.register(Agency)
class AgencyAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "time_zone"]
    list_filter = ["time_zone"]
    search_fields = ["name", "code"]
    inlines = [UnitInline]
