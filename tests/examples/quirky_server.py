#!/usr/bin/env python3
"""An HTTP server for the client e2e suite that answers what kayako-test-server never sends, so
that both client transports show they pass a response through as it arrived.

    quirky_server.py   (prints "quirky server listening on PORT")

GET /api/v1/cookies: a Kayako envelope with two Set-Cookie fields, which must stay two.
GET /api/v1/moved:   a 302 to /api/v1/cookies, which the transport must not follow.
"""
import http.server

ENVELOPE = b'{"status":200,"data":{"id":1,"resource_type":"test"},"resource":"test"}'


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def do_GET(self):
        if self.path.startswith("/api/v1/moved"):
            self.send_response(302)
            self.send_header("Location", "/api/v1/cookies")
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Set-Cookie", "first=1; Path=/")
        self.send_header("Set-Cookie", "second=2; Path=/")
        self.send_header("Content-Length", str(len(ENVELOPE)))
        self.end_headers()
        self.wfile.write(ENVELOPE)

    def log_message(self, *args):
        pass


server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
print("quirky server listening on", server.server_address[1], flush=True)
server.serve_forever()
