from typing import Any

from django.contrib.auth.forms import AuthenticationForm

from bundel.web.forms import utrecht_widgets


class LoginForm(AuthenticationForm):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        utrecht_widgets(self)
