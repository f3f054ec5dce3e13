"""Importing a CSV file of existing contracts and grants through the API: all or nothing.

Who may: place staff acting for the commissioner (a public body verified for the place), or the back
office. Nobody signed in is a 401; anybody else a 403. A file with any problem imports nothing and
is a 400 listing each problem by row and column."""

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils.translation import gettext as _g
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import generics
from rest_framework.exceptions import NotAuthenticated, PermissionDenied
from rest_framework.parsers import MultiPartParser
from rest_framework.response import Response

from commonweal.agreements import permissions
from commonweal.agreements import services_import as services
from commonweal.agreements.contracts_csv import ContractProblems
from commonweal.agreements.serializers_import import (
    ContractsImportSerializer,
    ImportedAgreementSerializer,
    ImportedSerializer,
)
from commonweal.core.api.parsers import SafeJSONParser
from commonweal.core.api.views import FIELD_ERRORS, FORBIDDEN, NOT_SIGNED_IN, ApiViewMixin

TAGS = ["Agreements"]


class ContractsImportView(ApiViewMixin, generics.GenericAPIView):
    parser_classes = [MultiPartParser, SafeJSONParser]
    serializer_class = ContractsImportSerializer

    @extend_schema(
        summary=_("Import existing contracts and grants from a CSV file"),
        description=_(
            "Send the file as multipart/form-data with the place and the commissioner (each by its "
            "short name). Every row is checked first: with any problem nothing is imported, and the "
            "400 lists each one, as a line under file (“Row 4: the end date is before the start "
            "date”) and as {row, column, message} under rows. A good file "
            "is imported in one step, each agreement in force (or ended, when its end date has "
            "passed). A reference the commissioner already has is a problem, never a second "
            "agreement; a provider not on Commonweal is a problem too (it registers first). For "
            "place staff acting for the commissioner, and the back office."
        ),
        request={"multipart/form-data": ContractsImportSerializer},
        responses={
            201: OpenApiResponse(ImportedSerializer, description=_("Imported. What was imported.")),
            400: FIELD_ERRORS,
            401: NOT_SIGNED_IN,
            403: FORBIDDEN,
        },
        tags=TAGS,
    )
    def post(self, request):
        if not request.user.is_authenticated:
            raise NotAuthenticated
        if not permissions.can_create(request.user):
            raise PermissionDenied(_g("Only place staff and the back office import agreements."))
        given = ContractsImportSerializer(data=request.data)
        given.is_valid(raise_exception=True)
        data = given.validated_data
        if not services.may_import(request.user, data["place"], data["commissioner"]):
            raise PermissionDenied(
                _g("You do not act for %(body)s in %(place)s.")
                % {"body": data["commissioner"].name, "place": data["place"].name}
            )
        try:
            imported = services.contracts_import(
                actor=request.user,
                place=data["place"],
                commissioner=data["commissioner"],
                data=data["file"].read(),
            )
        except DjangoPermissionDenied:
            raise PermissionDenied from None
        except ContractProblems as error:
            return Response(
                {
                    "file": [problem.render(_g, ngettext) for problem in error.problems],
                    "rows": [
                        {
                            "row": problem.row,
                            "column": problem.column,
                            "message": problem.message.render(_g, ngettext),
                        }
                        for problem in error.problems
                    ],
                },
                status=400,
            )
        except DjangoValidationError as error:
            return Response({"file": error.messages}, status=400)
        return Response(
            {
                "imported": imported.count,
                "agreements": ImportedAgreementSerializer(imported.agreements, many=True).data,
            },
            status=201,
        )
