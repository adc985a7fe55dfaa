"""pyzmq peer with CURVE or PLAIN security.

Usage:
  secure_peer.py curve-client ENDPOINT SERVER_PUBLIC CLIENT_PUBLIC CLIENT_SECRET COUNT
  secure_peer.py curve-server ENDPOINT SERVER_PUBLIC SERVER_SECRET CLIENT_CERT_DIR COUNT
  secure_peer.py plain-client ENDPOINT USERNAME PASSWORD COUNT
  secure_peer.py plain-server ENDPOINT USERNAME PASSWORD COUNT

Clients (REQ) send "py-<i>" COUNT times and print "REPLY <text>" for each reply. Servers (REP)
run pyzmq's ThreadAuthenticator (CURVE: the client certificates in CLIENT_CERT_DIR; PLAIN: the one
user), print "REQUEST <text>" and answer "py:<text>" COUNT times. Every script prints "READY" once
bound or connected and "DONE" at the end, then servers wait for "STOP" or the end of stdin. Exits
2 if the messages do not all pass before the deadline.
"""
import sys
import time

import zmq
from zmq.auth.thread import ThreadAuthenticator

DEADLINE = time.monotonic() + 20.0


def remaining_ms():
    return max(1, int((DEADLINE - time.monotonic()) * 1000))


def wait_for_stop():
    poller = zmq.Poller()
    poller.register(sys.stdin, zmq.POLLIN)
    while DEADLINE - time.monotonic() > 0:
        if poller.poll(remaining_ms()):
            line = sys.stdin.readline()
            if line == "" or line.strip() == "STOP":
                return


def main():
    mode, endpoint = sys.argv[1], sys.argv[2]
    count = int(sys.argv[-1])
    context = zmq.Context()
    auth = None
    if mode.endswith("server"):
        auth = ThreadAuthenticator(context)
        auth.start()
        auth.allow("127.0.0.1")
        socket = context.socket(zmq.REP)
        if mode == "curve-server":
            auth.configure_curve(domain="*", location=sys.argv[5])
            socket.curve_publickey = sys.argv[3].encode()
            socket.curve_secretkey = sys.argv[4].encode()
            socket.curve_server = True
        else:
            auth.configure_plain(domain="*", passwords={sys.argv[3]: sys.argv[4]})
            socket.plain_server = True
        socket.bind(endpoint)
    else:
        socket = context.socket(zmq.REQ)
        if mode == "curve-client":
            socket.curve_serverkey = sys.argv[3].encode()
            socket.curve_publickey = sys.argv[4].encode()
            socket.curve_secretkey = sys.argv[5].encode()
        else:
            socket.plain_username = sys.argv[3].encode()
            socket.plain_password = sys.argv[4].encode()
        socket.connect(endpoint)
    socket.linger = 0
    print("READY", flush=True)
    status = 0
    for i in range(count):
        if mode.endswith("server"):
            if not socket.poll(remaining_ms()):
                status = 2
                break
            text = socket.recv_string()
            print("REQUEST " + text, flush=True)
            socket.send_string("py:" + text)
        else:
            socket.send_string("py-%d" % i)
            if not socket.poll(remaining_ms()):
                status = 2
                break
            print("REPLY " + socket.recv_string(), flush=True)
    if status == 0:
        print("DONE", flush=True)
        if mode.endswith("server"):
            wait_for_stop()
    socket.close()
    if auth is not None:
        auth.stop()
    context.term()
    sys.exit(status)


if __name__ == "__main__":
    main()
