"""Settings for production: every secret comes from the environment."""

import os

from .base import *  # noqa: F403

DEBUG = False
BUNDEL_DEMO_ALLOWED = False
SECRET_KEY = os.environ["BUNDEL_SECRET_KEY"]
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = 31536000
