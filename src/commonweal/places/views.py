"""Places: the list of every place. (A place's own page is the home app's: it gathers from every app.)"""

from django.shortcuts import render

from commonweal.places import selectors


def place_list(request):
    return render(request, "places/list.html", {"tree": selectors.place_tree()})
