from django.urls import path

from bundel.web.registry import views

app_name = "registry"

urlpatterns = [
    path("", views.BoardListView.as_view(), name="board-list"),
    path("besturen/<str:number>/", views.BoardDetailView.as_view(), name="board-detail"),
    path("cijfers/", views.NationalFiguresView.as_view(), name="national-figures"),
    path("import/", views.ImportCreateView.as_view(), name="import-create"),
    path("import/<uuid:upload>/", views.ImportDetailView.as_view(), name="import-detail"),
]
