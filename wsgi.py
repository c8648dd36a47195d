"""WSGI entry point: ``gunicorn wsgi:app``. Never starts the scheduler (it is its own process)."""

from portal import create_app

app = create_app()
