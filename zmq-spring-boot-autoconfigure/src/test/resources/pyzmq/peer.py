"""pyzmq peer for the proxy and publisher tests: one socket that binds ('@' before the endpoint)
or connects ('>' or no prefix).

Usage:
  peer.py pub ENDPOINT TOPIC [TOPIC ...]   publish "<topic>-<n>" on every topic each 10 ms, as
                                           [topic, body], until STOP
  peer.py sub ENDPOINT TOPIC COUNT         subscribe to TOPIC ("-" for everything) and print
                                           COUNT messages
  peer.py rep ENDPOINT NAME                answer every request "<NAME>:<body>" until STOP
  peer.py push ENDPOINT BODY [BODY ...]    send each BODY, then wait for STOP
  peer.py pull ENDPOINT COUNT              print COUNT messages

Prints "READY" once bound or connected and "MESSAGE <frames>" (frames as hex, comma separated)
for each message received. Counting peers print "DONE" after COUNT messages. Then every peer
waits for a line "STOP" or the end of stdin and exits 0. Exits 2 if the messages do not all
arrive before the overall deadline.
"""
import sys
import time

import zmq

DEADLINE = time.monotonic() + 20.0


def remaining_ms():
    return max(1, int((DEADLINE - time.monotonic()) * 1000))


def emit(tag, frames):
    print(tag + " " + ",".join(frame.hex() for frame in frames), flush=True)


def stdin_poller():
    poller = zmq.Poller()
    poller.register(sys.stdin, zmq.POLLIN)
    return poller


def stop_requested(poller, timeout_ms):
    if poller.poll(timeout_ms):
        line = sys.stdin.readline()
        return line == "" or line.strip() == "STOP"
    return False


def wait_for_stop():
    poller = stdin_poller()
    while DEADLINE - time.monotonic() > 0:
        if stop_requested(poller, remaining_ms()):
            return


def receive(sock, count):
    for received in range(count):
        if not sock.poll(remaining_ms(), zmq.POLLIN) or time.monotonic() > DEADLINE:
            print("TIMEOUT after %d of %d messages" % (received, count), file=sys.stderr, flush=True)
            sys.exit(2)
        emit("MESSAGE", sock.recv_multipart())
    print("DONE", flush=True)


def attach(sock, endpoint):
    if endpoint.startswith("@"):
        sock.bind(endpoint[1:])
    else:
        sock.connect(endpoint.lstrip(">"))


def main():
    mode, endpoint, args = sys.argv[1], sys.argv[2], sys.argv[3:]
    context = zmq.Context()
    kinds = {"pub": zmq.PUB, "sub": zmq.SUB, "rep": zmq.REP, "push": zmq.PUSH, "pull": zmq.PULL}
    sock = context.socket(kinds[mode])
    sock.linger = 0
    if mode == "sub":
        sock.setsockopt(zmq.SUBSCRIBE, b"" if args[0] == "-" else args[0].encode())
    attach(sock, endpoint)
    print("READY", flush=True)
    try:
        if mode == "pub":
            poller = stdin_poller()
            rounds = 0
            while time.monotonic() < DEADLINE:
                for topic in args:
                    sock.send_multipart([topic.encode(), ("%s-%d" % (topic, rounds)).encode()])
                rounds += 1
                if stop_requested(poller, 10):
                    break
        elif mode == "rep":
            poller = zmq.Poller()
            poller.register(sock, zmq.POLLIN)
            poller.register(sys.stdin, zmq.POLLIN)
            while time.monotonic() < DEADLINE:
                events = dict(poller.poll(remaining_ms()))
                if sock in events:
                    body = sock.recv()
                    sock.send(args[0].encode() + b":" + body)
                if sys.stdin.fileno() in events or sys.stdin in events:
                    line = sys.stdin.readline()
                    if line == "" or line.strip() == "STOP":
                        break
        elif mode == "push":
            for body in args:
                sock.send(body.encode())
            print("SENT", flush=True)
            wait_for_stop()
        else:
            receive(sock, int(args[-1]))
            wait_for_stop()
    finally:
        sock.close()
        context.term()


if __name__ == "__main__":
    main()
