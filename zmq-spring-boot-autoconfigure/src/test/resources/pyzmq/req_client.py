"""pyzmq REQ client: connects to ENDPOINT and sends each BODY as one request, in order.

Usage: req_client.py ENDPOINT BODY [BODY ...]

Prints "READY" once connected, then for every reply "REPLY <frames>" (frames as hex, comma
separated), then "DONE". Exits 0 when every request was answered; exits 2 if a reply does not
come before the overall deadline (a wedged REQ would never get one).
"""
import sys
import time

import zmq

DEADLINE = time.monotonic() + 20.0


def emit(tag, frames):
    print(tag + " " + ",".join(frame.hex() for frame in frames), flush=True)


def receive(sock):
    remaining = DEADLINE - time.monotonic()
    if remaining <= 0 or not sock.poll(int(remaining * 1000), zmq.POLLIN):
        print("TIMEOUT waiting for a reply", file=sys.stderr, flush=True)
        sys.exit(2)
    return sock.recv_multipart()


def main():
    endpoint = sys.argv[1]
    bodies = sys.argv[2:]
    context = zmq.Context()
    sock = context.socket(zmq.REQ)
    sock.linger = 0
    sock.connect(endpoint)
    print("READY", flush=True)
    try:
        for body in bodies:
            sock.send(body.encode("utf-8"))
            emit("REPLY", receive(sock))
        print("DONE", flush=True)
    finally:
        sock.close()
        context.term()


if __name__ == "__main__":
    main()
