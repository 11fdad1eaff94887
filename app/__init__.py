"""The composition root: the one package that knows every other one.

Settings, the services container, the job catalogue, the embedder factory, the web
app, the worker, health and metrics, and the `whatmatters` command (`app.cli`). Feature
packages (bot, console, usecases, nlp, storage) receive plain values from here.
"""
