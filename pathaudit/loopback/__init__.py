"""A small loopback web server: ``crawl --local-dir`` serves a site build through it, so CI can audit
a build before release without setting up a web server. The demo portal (``sample_portal``) and the
test portals (``portal_lab``) are served by it too; it imports neither."""
