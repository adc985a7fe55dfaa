"""pyzmq server peer: binds ENDPOINT with a PULL, REP or ROUTER socket and handles COUNT messages.

Usage: server.py pull|rep|router ENDPOINT COUNT [DROP]

- pull: prints "MESSAGE <frames>" for each message.
- rep: prints "REQUEST <frames>" (the frames REP hands to the application) and answers "re:" +
  each frame.
- router: prints "REQUEST <frames>" (all frames, routing id first) and answers with the request's
  envelope (every frame up to and including the first empty frame) followed by "re:" + each body
  frame. Exits 3 if a request has no empty delimiter.

Frames are printed as hex, comma separated. Prints "READY" once bound and "DONE" after COUNT
messages, then keeps the socket open until a line "STOP" or the end of stdin (or the deadline), so
the Java side decides when the peer goes away, and exits 0. Exits 2 if the messages do not all
arrive before the overall deadline.
"""
import sys
import time

import zmq

DEADLINE = time.monotonic() + 20.0


def emit(tag, frames):
    print(tag + " " + ",".join(frame.hex() for frame in frames), flush=True)


def wait_for_stop():
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


def handle_pull(sock, frames):
    emit("MESSAGE", frames)


def handle_rep(sock, frames):
    emit("REQUEST", frames)
    sock.send_multipart([b"re:" + frame for frame in frames])


def handle_router(sock, frames):
    emit("REQUEST", frames)
    empty = [i for i in range(1, len(frames)) if len(frames[i]) == 0]
    if not empty:
        print("NO DELIMITER in a request of %d frames" % len(frames), file=sys.stderr, flush=True)
        sys.exit(3)
    envelope = frames[:empty[0] + 1]
    body = frames[empty[0] + 1:]
    sock.send_multipart(envelope + [b"re:" + frame for frame in body])


KINDS = {
    "pull": (zmq.PULL, 0, handle_pull),
    "rep": (zmq.REP, 2000, handle_rep),
    "router": (zmq.ROUTER, 2000, handle_router),
}


def main():
    socket_type, linger, handle = KINDS[sys.argv[1]]
    endpoint = sys.argv[2]
    count = int(sys.argv[3])
    drop = int(sys.argv[4]) if len(sys.argv) > 4 else 0
    context = zmq.Context()
    sock = context.socket(socket_type)
    sock.linger = linger
    sock.bind(endpoint)
    print("READY", flush=True)
    try:
        for received in range(drop + count):
            remaining = DEADLINE - time.monotonic()
            if remaining <= 0 or not sock.poll(int(remaining * 1000), zmq.POLLIN):
                print("TIMEOUT after %d of %d messages" % (received, drop + count), file=sys.stderr, flush=True)
                sys.exit(2)
            frames = sock.recv_multipart()
            if received < drop:
                emit("DROPPED", frames)
            else:
                handle(sock, frames)
        print("DONE", flush=True)
        wait_for_stop()
    finally:
        sock.close()
        context.term()


if __name__ == "__main__":
    main()
