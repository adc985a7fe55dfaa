"""pyzmq ROUTER server: binds ENDPOINT and answers COUNT requests. Each reply echoes the request's
envelope (every frame up to and including the first empty frame) followed by "re:" + each body
frame.

Usage: router_server.py ENDPOINT COUNT

Prints "READY" once bound, then "REQUEST <frames>" (all frames as received, routing id first,
as hex, comma separated) for each request, then "DONE". It then keeps its socket open until a
line "STOP" or the end of stdin (or the deadline), and exits 0. Exits 2 if the requests do not
all arrive before the overall deadline, 3 if a request has no empty delimiter.
"""
import sys
import time

import zmq

DEADLINE = time.monotonic() + 20.0


def emit(tag, frames):
    print(tag + " " + ",".join(frame.hex() for frame in frames), flush=True)


def wait_for_stop():
    """Keep the socket (and its connections) open until stdin says STOP or closes, or the
    deadline passes, so the Java side decides when the peer goes away."""
    poller = zmq.Poller()
    poller.register(sys.stdin, zmq.POLLIN)
    while True:
        remaining = DEADLINE - time.monotonic()
        if remaining <= 0:
            return
        if poller.poll(int(remaining * 1000)):
            line = sys.stdin.readline()
            if line == "" or line.strip() == "STOP":
                return


def main():
    endpoint = sys.argv[1]
    count = int(sys.argv[2])
    context = zmq.Context()
    sock = context.socket(zmq.ROUTER)
    sock.linger = 2000
    sock.bind(endpoint)
    print("READY", flush=True)
    try:
        for received in range(count):
            remaining = DEADLINE - time.monotonic()
            if remaining <= 0 or not sock.poll(int(remaining * 1000), zmq.POLLIN):
                print("TIMEOUT after %d of %d requests" % (received, count), file=sys.stderr, flush=True)
                sys.exit(2)
            frames = sock.recv_multipart()
            emit("REQUEST", frames)
            empty = [i for i in range(1, len(frames)) if len(frames[i]) == 0]
            if not empty:
                print("NO DELIMITER in a request of %d frames" % len(frames), file=sys.stderr, flush=True)
                sys.exit(3)
            envelope = frames[:empty[0] + 1]
            body = frames[empty[0] + 1:]
            sock.send_multipart(envelope + [b"re:" + frame for frame in body])
        print("DONE", flush=True)
        wait_for_stop()
    finally:
        sock.close()
        context.term()


if __name__ == "__main__":
    main()
