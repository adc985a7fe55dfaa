"""pyzmq PUB server: binds ENDPOINT and publishes rounds of messages on several topics until
told to stop.

Usage: pub_server.py ENDPOINT multipart|single

Every round publishes one message on each of the topics news, weather, sports and traffic:
"multipart" sends [topic, "<topic>-<round>"], "single" sends the one frame "<topic>-<round>".
Publishing goes on (a round every 20 ms) so that a slow-joining subscriber gets messages
whenever it joins. Prints "READY" once bound; stops when a line "STOP" (or end of input)
arrives on stdin, or at the overall deadline, then prints "STOPPED <stdin|deadline> <rounds>".
"""
import sys
import time

import zmq

DEADLINE = time.monotonic() + 20.0
TOPICS = ("news", "weather", "sports", "traffic")


def main():
    endpoint = sys.argv[1]
    multipart = sys.argv[2] == "multipart"
    context = zmq.Context()
    sock = context.socket(zmq.PUB)
    sock.linger = 0
    sock.bind(endpoint)
    poller = zmq.Poller()
    poller.register(sys.stdin, zmq.POLLIN)
    print("READY", flush=True)
    rounds = 0
    reason = "deadline"
    try:
        while time.monotonic() < DEADLINE:
            for topic in TOPICS:
                body = ("%s-%d" % (topic, rounds)).encode("utf-8")
                if multipart:
                    sock.send_multipart([topic.encode("utf-8"), body])
                else:
                    sock.send(body)
            rounds += 1
            if poller.poll(20):
                line = sys.stdin.readline()
                if line == "" or line.strip() == "STOP":
                    reason = "stdin"
                    break
        print("STOPPED %s %d" % (reason, rounds), flush=True)
    finally:
        sock.close()
        context.term()


if __name__ == "__main__":
    main()
