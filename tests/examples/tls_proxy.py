#!/usr/bin/env python3
"""A TLS-terminating proxy for the end-to-end tests: HTTPS in front of kayako-test-server.

    tls_proxy.py CERT KEY BACKEND_PORT LOG_DIR

Listens on a free port of 127.0.0.1 (printed as "tls proxy listening on PORT"), completes the
TLS handshake with CERT/KEY, and passes the bytes of each connection unchanged to the backend on
127.0.0.1:BACKEND_PORT and back; one backend connection per client connection, so HTTP
keep-alive passes through. For the checks it records, in LOG_DIR, one line per completed
handshake (connections) and every byte the clients sent (requests): what libcurl put on the wire.
A handshake the client abandons (a certificate it does not trust) is no connection.
"""
import os
import select
import socket
import ssl
import sys
import threading

cert, key, backend_port, log_dir = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
context.load_cert_chain(cert, key)
log_lock = threading.Lock()


def record(name, data):
    with log_lock, open(os.path.join(log_dir, name), "ab") as f:
        f.write(data)


def relay(tls, backend):
    """Both directions in one thread: an SSL socket must not be read and written concurrently."""
    while True:
        ready = [tls] if tls.pending() else select.select([tls, backend], [], [], 120)[0]
        if not ready:
            return
        if tls in ready:
            data = tls.recv(65536)
            if not data:
                return
            record("requests", data)
            backend.sendall(data)
        if backend in ready:
            data = backend.recv(65536)
            if not data:
                return
            tls.sendall(data)


def serve(raw):
    try:
        tls = context.wrap_socket(raw, server_side=True)
    except (ssl.SSLError, OSError):
        raw.close()
        return
    record("connections", b"handshake\n")
    try:
        with socket.create_connection(("127.0.0.1", backend_port)) as backend:
            relay(tls, backend)
    except (ssl.SSLError, OSError):
        pass
    finally:
        tls.close()


listener = socket.socket()
listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
listener.bind(("127.0.0.1", 0))
listener.listen(64)
print("tls proxy listening on", listener.getsockname()[1], flush=True)
while True:
    connection, _ = listener.accept()
    threading.Thread(target=serve, args=(connection,), daemon=True).start()
