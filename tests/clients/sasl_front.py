#!/usr/bin/env python3
"""A SASL front for a Kafka broker without working SASL, for groupctl's tests.

The server side of SCRAM-SHA-256/512 is the `scramp` library (not project
code); PLAIN is RFC 4616's one message. Each client connection must pass
SaslHandshake (v1) + SaslAuthenticate the way a Kafka broker's
SaslServerAuthenticator runs them; ApiVersions before that is answered by the
upstream broker. Once authenticated, the connection is a byte pipe to the
upstream broker (which must advertise this front's address).

    sasl_front.py MECHANISMS USER PASSWORD
      MECHANISMS  comma-separated: PLAIN, SCRAM-SHA-256, SCRAM-SHA-512

Prints {"port": N} once listening, then reads the upstream "host:port" from
the first line of stdin; exits when stdin closes.
"""
import json
import os
import socket
import struct
import sys
import threading

from scramp import ScramException, ScramMechanism

API_VERSIONS, SASL_HANDSHAKE, SASL_AUTHENTICATE = 18, 17, 36
UNSUPPORTED_SASL_MECHANISM, ILLEGAL_SASL_STATE, SASL_AUTHENTICATION_FAILED = 33, 34, 58


def read_exact(sock, n):
    buf = b""
    while len(buf) < n:
        chunk = sock.recv(n - len(buf))
        if not chunk:
            raise ConnectionError("closed")
        buf += chunk
    return buf


def read_frame(sock):
    (n,) = struct.unpack(">i", read_exact(sock, 4))
    return read_exact(sock, n)


def send_frame(sock, payload):
    sock.sendall(struct.pack(">i", len(payload)) + payload)


def uvarint(buf, pos):
    shift = value = 0
    while True:
        b = buf[pos]
        pos += 1
        value |= (b & 0x7F) << shift
        if not b & 0x80:
            return value, pos
        shift += 7


def put_uvarint(n):
    out = b""
    while True:
        if n < 0x80:
            return out + bytes([n])
        out += bytes([(n & 0x7F) | 0x80])
        n >>= 7


def parse_header(frame):
    """(api_key, version, correlation_id, body) of a request frame."""
    api_key, version, correlation_id = struct.unpack(">hhi", frame[:8])
    (client_len,) = struct.unpack(">h", frame[8:10])
    pos = 10 + max(client_len, 0)
    flexible = (api_key == SASL_AUTHENTICATE and version >= 2) or (
        api_key == API_VERSIONS and version >= 3
    )
    if flexible:  # request header v2: tagged fields
        count, pos = uvarint(frame, pos)
        for _ in range(count):
            _, pos = uvarint(frame, pos)
            size, pos = uvarint(frame, pos)
            pos += size
    return api_key, version, correlation_id, frame[pos:]


def string(s):
    b = s.encode()
    return struct.pack(">h", len(b)) + b


class Conversation:
    """One client connection's authentication, as a broker runs it."""

    def __init__(self, mechanisms, users):
        self.mechanisms = mechanisms
        self.users = users
        self.mechanism = None
        self.scram = None

    def handshake(self, body):
        (n,) = struct.unpack(">h", body[:2])
        asked = body[2 : 2 + n].decode()
        offered = struct.pack(">i", len(self.mechanisms)) + b"".join(map(string, self.mechanisms))
        if asked not in self.mechanisms:
            return struct.pack(">h", UNSUPPORTED_SASL_MECHANISM) + offered, False
        self.mechanism = asked
        if asked.startswith("SCRAM"):
            m = ScramMechanism(asked)
            db = {u: m.make_auth_info(p, iteration_count=4096) for u, p in self.users.items()}

            def auth_fn(user):
                if user not in db:
                    raise ScramException("unknown user")
                return db[user]

            self.scram = m.make_server(auth_fn)
        return struct.pack(">h", 0) + offered, True

    def authenticate(self, message):
        """(server message, done) or raises ValueError for a failed authentication."""
        if self.mechanism == "PLAIN":
            parts = message.split(b"\0")
            if len(parts) != 3:
                raise ValueError("Invalid SASL/PLAIN response")
            _, user, password = (p.decode() for p in parts)
            if self.users.get(user) != password:
                raise ValueError("Invalid username or password")
            return b"", True
        try:
            if self.scram.stage is None:
                self.scram.set_client_first(message.decode())
                return self.scram.get_server_first().encode(), False
            self.scram.set_client_final(message.decode())
            return self.scram.get_server_final().encode(), True
        except ScramException as e:
            raise ValueError(
                "Authentication failed during authentication due to invalid credentials "
                "with SASL mechanism %s (%s)" % (self.mechanism, e)
            )


def authenticate_reply(version, correlation_id, error, message, auth_bytes):
    if version >= 2:  # flexible: response header v1, compact fields
        head = struct.pack(">i", correlation_id) + b"\0"
        msg = b"\0" if message is None else put_uvarint(len(message.encode()) + 1) + message.encode()
        body = struct.pack(">h", error) + msg + put_uvarint(len(auth_bytes) + 1) + auth_bytes
        return head + body + struct.pack(">q", 0) + b"\0"
    msg = struct.pack(">h", -1) if message is None else string(message)
    body = struct.pack(">h", error) + msg + struct.pack(">i", len(auth_bytes)) + auth_bytes
    if version >= 1:
        body += struct.pack(">q", 0)
    return struct.pack(">i", correlation_id) + body


def pipe(src, dst):
    try:
        while True:
            data = src.recv(65536)
            if not data:
                break
            dst.sendall(data)
    except OSError:
        pass
    for s in (src, dst):
        try:
            s.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass


def serve(client, upstream_addr, mechanisms, users):
    host, port = upstream_addr.rsplit(":", 1)
    upstream = socket.create_connection((host, int(port)))
    conv = Conversation(mechanisms, users)
    try:
        while True:
            api_key, version, corr, body = parse_header(read_frame(client))
            if api_key == API_VERSIONS and conv.mechanism is None:
                frame = read_frame_after_forward(upstream, api_key, version, corr, body)
                send_frame(client, frame)
            elif api_key == SASL_HANDSHAKE and conv.mechanism is None:
                reply, ok = conv.handshake(body)
                send_frame(client, struct.pack(">i", corr) + reply)
                if not ok:
                    return
            elif api_key == SASL_AUTHENTICATE and conv.mechanism is not None:
                if version >= 2:
                    n, pos = uvarint(body, 0)
                    message = body[pos : pos + n - 1]
                else:
                    (n,) = struct.unpack(">i", body[:4])
                    message = body[4 : 4 + n]
                try:
                    out, done = conv.authenticate(message)
                except ValueError as e:
                    send_frame(client, authenticate_reply(version, corr, SASL_AUTHENTICATION_FAILED, str(e), b""))
                    return
                send_frame(client, authenticate_reply(version, corr, 0, None, out))
                if done:
                    break
            else:
                # Anything else before authentication: the broker closes the connection.
                return
        threading.Thread(target=pipe, args=(upstream, client), daemon=True).start()
        pipe(client, upstream)
    except (ConnectionError, OSError):
        pass
    finally:
        for s in (client, upstream):
            try:
                s.close()
            except OSError:
                pass


def read_frame_after_forward(upstream, api_key, version, corr, body):
    """Send ApiVersions on to the upstream broker and return its answer."""
    header = struct.pack(">hhi", api_key, version, corr) + string("sasl-front")
    if version >= 3:
        header += b"\0"
    send_frame(upstream, header + body)
    return read_frame(upstream)


def main():
    mechanisms = sys.argv[1].split(",")
    users = {sys.argv[2]: sys.argv[3]}
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(64)
    print(json.dumps({"port": listener.getsockname()[1]}), flush=True)
    upstream = sys.stdin.readline().strip()

    def stop_on_eof():
        sys.stdin.read()
        os._exit(0)

    threading.Thread(target=stop_on_eof, daemon=True).start()
    while True:
        client, _ = listener.accept()
        threading.Thread(target=serve, args=(client, upstream, mechanisms, users), daemon=True).start()


if __name__ == "__main__":
    main()
