from django.urls import path

from bundel.web.accounts import views

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("inloggen/", views.LoginView.as_view(), name="login"),
    path("uitloggen/", views.LogoutView.as_view(), name="logout"),
    path("beheer/", views.StaffHomeView.as_view(), name="staff-home"),
]
