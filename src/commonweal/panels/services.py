"""Writes about citizens' panels: setting one up, its features and quotas, the pool, the draw and seating.

Selection runs are in ``selection.py``. Every change is audited; names and contacts of people in the
pool are kept out of the trail (see ``apps.py``).
"""

from collections.abc import Iterable, Sequence

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from commonweal.accounts.models import User
from commonweal.core import audit, policy
from commonweal.needs.models import Need
from commonweal.outcomes.models import Framework
from commonweal.panels import engine, notices, selectors
from commonweal.panels.imports import FIXED_COLUMNS
from commonweal.panels.models import Category, Draw, Feature, Panel, PoolImport, Volunteer
from commonweal.places.models import Place

# The audit trail's name for replacing a panel's pool: one entry, with a digest of the rows.
POOL_IMPORT_ACTION = "pool_import"


def _require_setup(panel: Panel) -> None:
    # Read the status afresh: the draw may have happened since this object was loaded.
    panel.status = (
        Panel.objects.filter(pk=panel.pk).values_list("status", flat=True).first() or panel.status
    )
    if panel.status == Panel.Status.SELECTING:
        raise ValidationError(
            _("A selection is running. Wait for it to finish before you change the panel.")
        )
    # Once people are drawn, the make-up and pool are fixed: the published result depends on them.
    if not panel.can_change_setup:
        raise ValidationError(
            _("The panel has been drawn, so its seats, features, quotas and pool cannot change.")
        )


def _back_to_pool(panel: Panel) -> None:
    """A change to the make-up or pool makes earlier selections out of date."""
    if panel.status == Panel.Status.SELECTED:
        panel.status = Panel.Status.POOL_OPEN
        panel.save(update_fields=["status"])


@transaction.atomic
def panel_create(
    *,
    actor: User,
    place: Place,
    title: str,
    description: str,
    size: int,
    one_per_household: bool = False,
    needs: Iterable[Need] = (),
    framework: Framework | None = None,
) -> Panel:
    """Set up a draft panel for a piece of commissioning work in a place."""
    panel = Panel(
        place=place,
        title=(title or "").strip(),
        description=(description or "").strip(),
        size=size,
        one_per_household=one_per_household,
        framework=framework,
        created_by=actor,
    )
    panel.full_clean()
    with audit.audit_context(actor=actor, reason=_("Set up a citizens' panel")):
        panel.save()
        panel.needs.set(list(needs))
    return panel


@transaction.atomic
def panel_update(
    *,
    actor: User,
    panel: Panel,
    title: str,
    description: str,
    size: int,
    one_per_household: bool,
    needs: Iterable[Need] = (),
    framework: Framework | None = None,
) -> Panel:
    """Change what a panel is for, its seats and the household rule, until it is drawn."""
    changed_rules = size != panel.size or one_per_household != panel.one_per_household
    if changed_rules:
        _require_setup(panel)
    old_size = panel.size
    panel.title, panel.description = (title or "").strip(), (description or "").strip()
    panel.size, panel.one_per_household, panel.framework = size, one_per_household, framework
    panel.full_clean()
    if size != old_size:
        _check_fewest_seats_fit(panel, size)
    with audit.audit_context(actor=actor, reason=_("Changed a citizens' panel")):
        panel.save()
        panel.needs.set(list(needs))
        if size != old_size:
            _fit_most_seats(panel, old_size, size)
        if changed_rules:
            _back_to_pool(panel)
    return panel


def _check_fewest_seats_fit(panel: Panel, size: int) -> None:
    """A panel cannot shrink below the fewest seats its quotas already ask for."""
    for feature in panel.features.prefetch_related("categories"):
        fewest = sum(category.min_seats for category in feature.categories.all())
        if fewest > size:
            raise ValidationError(
                {
                    "size": ngettext(
                        "The fewest seats for %(feature)s add up to %(fewest)s, more than %(size)s seat. Lower them on the "
                        "features and quotas page first, or choose at least %(fewest)s seats.",
                        "The fewest seats for %(feature)s add up to %(fewest)s, more than %(size)s seats. Lower them on the "
                        "features and quotas page first, or choose at least %(fewest)s seats.",
                        size,
                    )
                    % {"feature": feature.name, "fewest": fewest, "size": size}
                }
            )


def _fit_most_seats(panel: Panel, old_size: int, size: int) -> None:
    """Quotas follow a new size: a most-seats left open (equal to the old size) opens to the new size,
    and none is more than the panel has seats."""
    for category in Category.objects.filter(feature__panel=panel):
        most = (
            size
            if category.max_seats is None or category.max_seats == old_size
            else min(category.max_seats, size)
        )
        if most != category.max_seats:
            category.max_seats = most
            category.save(update_fields=["max_seats"])


def _most_features() -> int:
    most = policy.in_force(policy.PANEL_POOL_MAX_COLUMNS, timezone.localdate()).value
    return most - len(FIXED_COLUMNS)


@transaction.atomic
def feature_add(*, actor: User, panel: Panel, name: str, categories: list[str]) -> Feature:
    """Add a feature and its categories. Quotas start open: 0 to every seat."""
    # Locked, so that two people adding the same feature at once get a message, not a clash in the database.
    panel = Panel.objects.select_for_update().get(pk=panel.pk)
    _require_setup(panel)
    name = (name or "").strip()
    names = [category.strip() for category in categories if category.strip()]
    errors: dict[str, list[str]] = {}
    if not name:
        errors["name"] = [_("Enter the name of the feature")]
    elif panel.features.filter(name__iexact=name).exists():
        errors["name"] = [_("The panel already has a feature called %(name)s") % {"name": name}]
    elif name.lower() in {"name", "email", "household"}:
        errors["name"] = [
            _(
                "Call the feature something other than name, email or household: those are columns of the pool file"
            )
        ]
    elif panel.features.count() >= _most_features():
        errors["name"] = [
            _(
                "A panel can have at most %(most)s features, one for each column of the pool file after "
                "name, email and household"
            )
            % {"most": _most_features()}
        ]
    lowered = [category.lower() for category in names]
    longest = Category._meta.get_field("name").max_length
    assert longest is not None  # a category's name is a CharField
    too_long = next((category for category in names if len(category) > longest), None)
    if len(names) < 2:
        errors["categories"] = [_("Enter at least 2 categories, one on each line")]
    elif too_long is not None:
        errors["categories"] = [
            _("Each category must be %(most)s characters or fewer. %(start)s… has %(length)s")
            % {"most": longest, "start": too_long[:30], "length": len(too_long)}
        ]
    elif len(set(lowered)) != len(lowered):
        repeated = next(category for category in names if lowered.count(category.lower()) > 1)
        errors["categories"] = [
            _("%(category)s is there twice. Enter each category once") % {"category": repeated}
        ]
    if panel.pool.exists():
        errors.setdefault("name", []).append(
            _(
                "The pool is already imported. Remove the pool first, or import it again after adding the feature"
            )
        )
    if errors:
        raise ValidationError(errors)
    with audit.audit_context(actor=actor, reason=_("Added a feature to a citizens' panel")):
        feature = Feature.objects.create(
            panel=panel, name=name, position=panel.features.count() + 1
        )
        for position, category in enumerate(names, start=1):
            Category.objects.create(
                feature=feature, name=category, position=position, max_seats=panel.size
            )
        _back_to_pool(panel)
    return feature


@transaction.atomic
def features_import(
    *,
    actor: User,
    panel: Panel,
    features: Sequence[tuple[str, Sequence[tuple[str, int, int | None]]]],
    reason: str = "",
) -> list[Feature]:
    """Set up a new panel's whole make-up at once, each feature as ``(name, [(category, fewest seats,
    most seats), ...])`` (an import, the demo's city-scale data): one audit entry about the panel with
    the counts and a digest. Only for a panel with no features and no pool yet; checked as
    ``feature_add`` and ``quotas_set`` check one feature."""
    panel = Panel.objects.select_for_update().get(pk=panel.pk)
    _require_setup(panel)
    if panel.features.exists() or panel.pool.exists():
        raise ValidationError(
            _("This panel already has features or a pool: add features one by one.")
        )
    names = [(name or "").strip() for name, _categories in features]
    if len(names) > _most_features():
        raise ValidationError(
            _("A panel can have at most %(most)s features.") % {"most": _most_features()}
        )
    lowered = [name.lower() for name in names]
    if not all(names) or len(set(lowered)) != len(lowered):
        raise ValidationError(_("Give every feature a name of its own."))
    if set(lowered) & {"name", "email", "household"}:
        raise ValidationError(
            _(
                "Call the feature something other than name, email or household: those are columns of the pool file"
            )
        )
    for _name, categories in features:
        labels = [category.strip().lower() for category, _low, _high in categories]
        if len(labels) < 2 or not all(labels) or len(set(labels)) != len(labels):
            raise ValidationError(_("Give each feature at least 2 categories, each once."))
        for _category, low, high in categories:
            if low < 0 or (high is not None and not low <= high <= panel.size):
                raise ValidationError(
                    _("Quotas go from 0 to the number of seats, the fewest no more than the most.")
                )
    reason = reason or _("Set up the features of a citizens' panel")
    with (
        audit.audit_context(actor=actor, reason=reason),
        audit.bulk_operation(instance=panel, action="features_import", reason=reason) as operation,
    ):
        created = operation.bulk_create(
            Feature,
            [Feature(panel=panel, name=name, position=n) for n, name in enumerate(names, start=1)],
        )
        operation.bulk_create(
            Category,
            [
                Category(
                    feature=feature,
                    name=category.strip(),
                    position=position,
                    min_seats=low,
                    max_seats=panel.size if high is None else high,
                )
                for feature, (_name, categories) in zip(created, features, strict=True)
                for position, (category, low, high) in enumerate(categories, start=1)
            ],
        )
        _back_to_pool(panel)
    return created


@transaction.atomic
def feature_remove(*, actor: User, feature: Feature) -> None:
    """Remove a feature and its quotas, while there is no pool."""
    _require_setup(feature.panel)
    if feature.panel.pool.exists():
        raise ValidationError(
            _("The pool is already imported, so its features cannot change. Remove the pool first.")
        )
    with audit.audit_context(actor=actor, reason=_("Removed a feature from a citizens' panel")):
        feature.delete()


@transaction.atomic
def quotas_set(*, actor: User, feature: Feature, quotas: dict[int, tuple[int, int]]) -> Feature:
    """Set the fewest and most seats for each category of a feature (category id → (fewest, most))."""
    panel = feature.panel
    _require_setup(panel)
    errors: dict[str, list[str]] = {}
    categories = list(feature.categories.all())
    for category in categories:
        low, high = quotas[category.pk]
        key = f"category_{category.pk}"
        if low > high:
            errors[key] = [
                _("%(category)s: the fewest seats must not be more than the most seats")
                % {"category": category.name}
            ]
        elif high > panel.size:
            errors[key] = [
                ngettext(
                    "%(category)s: the most seats must not be more than the %(size)s seat on the panel",
                    "%(category)s: the most seats must not be more than the %(size)s seats on the panel",
                    panel.size,
                )
                % {"category": category.name, "size": panel.size}
            ]
    if not errors:
        lowest = sum(quotas[category.pk][0] for category in categories)
        highest = sum(quotas[category.pk][1] for category in categories)
        if lowest > panel.size:
            errors["__all__"] = [
                ngettext(
                    "The fewest seats add up to %(total)s, more than the %(size)s seat on the panel. "
                    "Lower some of them",
                    "The fewest seats add up to %(total)s, more than the %(size)s seats on the panel. "
                    "Lower some of them",
                    panel.size,
                )
                % {"total": lowest, "size": panel.size}
            ]
        elif highest < panel.size:
            errors["__all__"] = [
                ngettext(
                    "The most seats add up to %(total)s, fewer than the %(size)s seat on the panel. "
                    "Raise some of them",
                    "The most seats add up to %(total)s, fewer than the %(size)s seats on the panel. "
                    "Raise some of them",
                    panel.size,
                )
                % {"total": highest, "size": panel.size}
            ]
    if errors:
        raise ValidationError(errors)
    changed = [c for c in categories if (c.min_seats, c.max_seats) != tuple(quotas[c.pk])]
    if not changed:
        return feature  # the same quotas sent again: the selections made under them still stand
    with audit.audit_context(actor=actor, reason=_("Set the quotas of a citizens' panel")):
        for category in changed:
            category.min_seats, category.max_seats = quotas[category.pk]
            category.save(update_fields=["min_seats", "max_seats"])
        _back_to_pool(panel)
    return feature


# Rows written per INSERT when a pool is replaced (the database may lower it).
POOL_BATCH_SIZE = 1000


@transaction.atomic
def pool_replace(
    *, actor: User, panel: Panel, people: list[dict], pool_import: PoolImport | None = None
) -> int:
    """Replace the pool with people read by ``imports.read_pool``; they are numbered 1, 2, 3 in file order.

    One transaction and one audit entry for the whole pool (a digest of the rows removed and written),
    never a save and an entry per person. With ``pool_import``, that import is marked done in the same
    transaction, so the pool and the import's outcome are written together or not at all.
    """
    panel = Panel.objects.select_for_update().get(pk=panel.pk)
    _require_setup(panel)
    reason = _("Imported the pool of a citizens' panel")
    with audit.audit_context(actor=actor, reason=reason):
        with audit.bulk_operation(
            instance=panel, action=POOL_IMPORT_ACTION, reason=reason
        ) as operation:
            panel.pool.all().delete()
            operation.bulk_create(
                Volunteer,
                [
                    Volunteer(
                        panel=panel,
                        number=number,
                        name=person["name"],
                        email=person["email"],
                        household=person["household"],
                        values=person["values"],
                    )
                    for number, person in enumerate(people, start=1)
                ],
                batch_size=POOL_BATCH_SIZE,
            )
        if panel.status in (Panel.Status.DRAFT, Panel.Status.SELECTED):
            panel.status = Panel.Status.POOL_OPEN
            panel.save(update_fields=["status"])
        if pool_import is not None:
            pool_import.status = PoolImport.Status.DONE
            pool_import.imported = pool_import.rows_read = len(people)
            pool_import.digest = operation.digest
            pool_import.finished_at = timezone.now()
            pool_import.data = b""
            pool_import.save()
        # Files of earlier imports that stopped are kept only to try again; a new pool makes them moot.
        panel.pool_imports.exclude(data=b"").filter(status=PoolImport.Status.FAILED).update(
            data=b""
        )
    return len(people)


@transaction.atomic
def draw_make(*, actor: User, panel: Panel, seed: str) -> Draw:
    """Draw the panel from the chosen run's distribution with the seed entered at the public draw meeting."""
    seed = (seed or "").strip()
    if not seed:
        raise ValidationError({"seed": _("Enter the seed called out at the draw meeting")})
    panel = Panel.objects.select_for_update().get(pk=panel.pk)
    if not panel.can_draw:
        raise ValidationError(_("The panel can be drawn once, after a selection has finished."))
    run = selectors.run_chosen(panel)
    if run is None:
        raise ValidationError(_("Run a selection before the draw."))
    drawn = engine.draw_from(run, seed)
    problems = engine.check(panel, drawn)
    with audit.audit_context(
        actor=actor, reason=_("Drew a citizens' panel at a public draw meeting")
    ):
        draw = Draw.objects.create(
            panel=panel,
            run=run,
            seed=seed,
            entered_by=actor,
            entered_at=timezone.now(),
            drawn=sorted(int(number) for number in drawn),
            problems=problems,
        )
        panel.status = Panel.Status.DRAWN
        panel.save(update_fields=["status"])
    notices.drawn(panel, actor=actor)
    return draw
