"""pyzmq peer speaking MessagePack (Debian's python3-msgpack).

Usage: msgpack_peer.py pull ENDPOINT COUNT
       msgpack_peer.py push ENDPOINT JSON...

- pull: binds a PULL socket, decodes each single-frame message with msgpack and prints
  "DECODED <json>" (keys sorted, bytes as a list of ints), COUNT times.
- push: connects a PUSH socket and sends each JSON argument encoded as MessagePack (a JSON string
  "bin:<hex>" inside becomes MessagePack bin).

Prints "READY" once bound or connected and "DONE" at the end; exits 0, or 2 on the 20 s deadline.
"""
import json
import sys
import time

import msgpack
import zmq

DEADLINE = time.monotonic() + 20.0


def plain(value):
    if isinstance(value, bytes):
        return list(value)
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [plain(v) for v in value]
    return value


def binary(value):
    if isinstance(value, str) and value.startswith("bin:"):
        return bytes.fromhex(value[4:])
    if isinstance(value, dict):
        return {k: binary(v) for k, v in value.items()}
    if isinstance(value, list):
        return [binary(v) for v in value]
    return value


def main():
    mode, endpoint = sys.argv[1], sys.argv[2]
    context = zmq.Context()
    if mode == "pull":
        sock = context.socket(zmq.PULL)
        sock.bind(endpoint)
        print("READY", flush=True)
        for _ in range(int(sys.argv[3])):
            remaining = DEADLINE - time.monotonic()
            if remaining <= 0 or not sock.poll(int(remaining * 1000)):
                sys.exit(2)
            frames = sock.recv_multipart()
            value = msgpack.unpackb(frames[-1], raw=False)
            print("DECODED " + json.dumps(plain(value), sort_keys=True), flush=True)
    else:
        sock = context.socket(zmq.PUSH)
        sock.setsockopt(zmq.LINGER, 5000)
        sock.connect(endpoint)
        print("READY", flush=True)
        for argument in sys.argv[3:]:
            sock.send(msgpack.packb(binary(json.loads(argument)), use_bin_type=True))
    sock.close()
    context.term()
    print("DONE", flush=True)


main()
