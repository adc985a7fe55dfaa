"""pyzmq REQ client: connects to ENDPOINT and sends each BODY as one request, in order.

Usage: req_client.py [--recv-once] ENDPOINT BODY [BODY ...]

Prints "READY" once connected, then for every reply "REPLY <frames>" (frames as hex, comma
separated), then "DONE". Exits 0 when every request was answered; exits 2 if a reply does not
come before the overall deadline (a wedged REQ would never get one).

With --recv-once the client reads each reply the way a plain libzmq client often does: one
recv() call, then the next send(). It prints "MORE" after a reply that had further frames
(RCVMORE set), and exits 4 if the next send() then fails with EFSM.
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


def receive_once(sock):
    remaining = DEADLINE - time.monotonic()
    if remaining <= 0 or not sock.poll(int(remaining * 1000), zmq.POLLIN):
        print("TIMEOUT waiting for a reply", file=sys.stderr, flush=True)
        sys.exit(2)
    frame = sock.recv()
    return [frame], sock.getsockopt(zmq.RCVMORE)


def send(sock, body):
    try:
        sock.send(body)
    except zmq.ZMQError as error:
        if error.errno == zmq.EFSM:
            print("EFSM on send: the previous reply was not read completely", file=sys.stderr, flush=True)
            sys.exit(4)
        raise


def main():
    args = sys.argv[1:]
    recv_once = args[0] == "--recv-once"
    if recv_once:
        args = args[1:]
    endpoint = args[0]
    bodies = args[1:]
    context = zmq.Context()
    sock = context.socket(zmq.REQ)
    sock.linger = 0
    sock.connect(endpoint)
    print("READY", flush=True)
    try:
        for body in bodies:
            send(sock, body.encode("utf-8"))
            if recv_once:
                frames, more = receive_once(sock)
                emit("REPLY", frames)
                if more:
                    print("MORE", flush=True)
            else:
                emit("REPLY", receive(sock))
        print("DONE", flush=True)
    finally:
        sock.close()
        context.term()


if __name__ == "__main__":
    main()
