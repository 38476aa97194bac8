from django.contrib.auth.models import Group
from django.db import models


class MunicipalContributorGroup(models.Model):
    """Binds a 'Kommunal bidragyder' group to the one municipality whose cases it may edit.

    The binding is data, not the group's name: names may be edited, the municipality may not."""

    group = models.OneToOneField(
        Group, on_delete=models.CASCADE, related_name="contributor_for", verbose_name="gruppe"
    )
    municipality = models.OneToOneField(
        "taxonomy.Municipality",
        on_delete=models.CASCADE,
        related_name="contributor_group",
        verbose_name="kommune",
    )

    class Meta:
        verbose_name = "kommunal bidragydergruppe"
        verbose_name_plural = "kommunale bidragydergrupper"

    def __str__(self):
        return self.group.name


class ErfaCoordinatorGroup(models.Model):
    """The Django group of one erfa-group's coordinators: it holds "change" on that group's
    page only, so Wagtail itself keeps a coordinator to their own groups. Its members follow
    the erfa memberships with the coordinator role (editorial.coordinators)."""

    group = models.OneToOneField(
        Group, on_delete=models.CASCADE, related_name="coordinates", verbose_name="gruppe"
    )
    erfa_group = models.OneToOneField(
        "erfa.ErfaGroupPage",
        on_delete=models.CASCADE,
        related_name="coordinator_group",
        verbose_name="erfa-gruppe",
    )

    class Meta:
        verbose_name = "koordinatorgruppe for en erfa-gruppe"
        verbose_name_plural = "koordinatorgrupper for erfa-grupper"

    def __str__(self):
        return self.group.name
