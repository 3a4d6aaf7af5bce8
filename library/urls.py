from django.urls import path

from . import views

app_name = "library"

urlpatterns = [
    path("<path:path>", views.media_file, name="file"),
]
