"""pyzmq ROUTER server that answers one request and closes right away, as a server that replies
and then shuts down (or crashes) does.

Usage: router_reply_and_close.py ENDPOINT

Prints "READY" once bound and "RECEIVED <frames>" (all frames as hex, comma separated) once the
first request is in. Then it waits for a line "GO" on stdin, sends the reply (the request's
envelope followed by "re:" + each body frame), closes its socket once the reply is written out,
prints "REPLIED" and exits 0. Exits 2 if no request or no "GO" comes before the overall deadline.
"""
import sys
import time

import zmq

DEADLINE = time.monotonic() + 20.0


def main():
    endpoint = sys.argv[1]
    context = zmq.Context()
    sock = context.socket(zmq.ROUTER)
    sock.linger = 5000
    sock.bind(endpoint)
    print("READY", flush=True)
    try:
        if not sock.poll(int((DEADLINE - time.monotonic()) * 1000), zmq.POLLIN):
            print("TIMEOUT waiting for a request", file=sys.stderr, flush=True)
            sys.exit(2)
        frames = sock.recv_multipart()
        print("RECEIVED " + ",".join(frame.hex() for frame in frames), flush=True)
        poller = zmq.Poller()
        poller.register(sys.stdin, zmq.POLLIN)
        remaining = DEADLINE - time.monotonic()
        if remaining <= 0 or not poller.poll(int(remaining * 1000)) or sys.stdin.readline().strip() != "GO":
            print("no GO before the deadline", file=sys.stderr, flush=True)
            sys.exit(2)
        delimiter = frames.index(b"", 1)
        sock.send_multipart(frames[:delimiter + 1] + [b"re:" + frame for frame in frames[delimiter + 1:]])
    finally:
        sock.close()
        context.term()
    print("REPLIED", flush=True)


if __name__ == "__main__":
    main()
