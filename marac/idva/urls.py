app_name = "idva"
urlpatterns: list = []
