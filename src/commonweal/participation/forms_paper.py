"""A tally sheet of paper ballots: a row a ballot, a box to tick for each project it marks.

A count of ticks per project cannot stand in for the ballots: the Method of Equal Shares counts
which projects each voter chose together, and many different piles of ballots give the same
totals. So the sheet records each paper ballot as it is, one row each, many in one go.
"""

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from commonweal.core.forms import PlainForm

#: Rows on one sheet: a bundle of ballots entered at once, short enough to check by eye.
SHEET_ROWS = 20


class PaperSheetForm(PlainForm):
    batch = forms.CharField(
        label=gettext_lazy("Batch reference"),
        max_length=100,
        help_text=gettext_lazy("As written on the ballot box or envelope."),
        error_messages={"required": gettext_lazy("Enter the batch reference")},
    )
    ballots = forms.IntegerField(
        label=gettext_lazy("How many paper ballots are you entering on this sheet?"),
        min_value=1,
        max_value=SHEET_ROWS,
        help_text=gettext_lazy(
            "Count them before you start. It is checked against the rows you fill in."
        ),
        error_messages={
            "required": gettext_lazy("Enter how many paper ballots are on this sheet"),
            "invalid": gettext_lazy("Enter the number of ballots as a whole number, like 20"),
            "min_value": gettext_lazy("Enter at least 1 ballot"),
            "max_value": gettext_lazy(
                "A sheet takes up to %(limit_value)s ballots. Enter the rest on another sheet"
            ),
        },
    )

    def __init__(self, *args, projects, **kwargs):
        super().__init__(*args, **kwargs)
        self.projects = list(projects)
        self.rows = rows = SHEET_ROWS
        choices = [(str(project.pk), project.title) for project in self.projects]
        for row in range(1, rows + 1):
            self.fields[f"row_{row}"] = forms.MultipleChoiceField(
                label=_("Ballot %(row)s") % {"row": row},
                choices=choices,
                widget=forms.CheckboxSelectMultiple,
                required=False,
                error_messages={
                    "invalid_choice": _("Row %(row)s: Choose projects from this round")
                    % {"row": row}
                },
            )
            self.fields[f"email_{row}"] = forms.EmailField(
                label=_("Ballot %(row)s: voter's email address, if they have an account")
                % {"row": row},
                required=False,
                max_length=254,
                error_messages={
                    "invalid": _("Row %(row)s: Enter an email address like name@example.org")
                    % {"row": row},
                    "max_length": _("Row %(row)s: An email address has 254 characters or fewer")
                    % {"row": row},
                },
            )

    def filled(self) -> list[tuple[int, dict[int, int], str]]:
        """Each row with a tick or an email address: (row number, marks, email), in order."""
        found = []
        for row in range(1, self.rows + 1):
            ticked = self.cleaned_data.get(f"row_{row}") or []
            email = (self.cleaned_data.get(f"email_{row}") or "").strip()
            if ticked or email:
                found.append((row, {int(pk): 1 for pk in ticked}, email))
        return found

    def clean(self):
        data = super().clean()
        if any(name.startswith(("row_", "email_")) for name in self.errors):
            return data  # the rows' own problems first
        filled = len(self.filled())
        said = data.get("ballots")
        if not filled:
            self.add_error("row_1", _("Tick the projects marked on each paper ballot, a row each"))
        elif said is not None and said != filled:
            self.add_error(
                "ballots",
                ngettext(
                    "You filled in %(filled)s row but said there are %(said)s ballots. Check "
                    "the ballots against the rows.",
                    "You filled in %(filled)s rows but said there are %(said)s ballots. Check "
                    "the ballots against the rows.",
                    filled,
                )
                % {"filled": filled, "said": said},
            )
        return data

    def sheet(self) -> list[dict]:
        """The rows as the page draws them: each box with its id, value and whether it is ticked,
        the email box, and the row's problems."""
        out = []
        for row in range(1, self.rows + 1):
            ticks, email = self[f"row_{row}"], self[f"email_{row}"]
            chosen = {str(value) for value in (ticks.value() or [])}
            out.append(
                {
                    "number": row,
                    "name": ticks.html_name,
                    "cells": [
                        {
                            "id": f"{ticks.auto_id}-{index}",
                            "value": str(project.pk),
                            "checked": str(project.pk) in chosen,
                            "project": project,
                        }
                        for index, project in enumerate(self.projects)
                    ],
                    "email": email,
                    "errors": [*ticks.errors, *email.errors],
                }
            )
        return out
