"""Runs a command with its stdout and stderr on a pseudo-terminal (80x24) and stdin from
/dev/null, as a person's terminal would; writes everything the command wrote to its own
stdout, byte for byte, and exits with the command's status.

    python3 pty_run.py COMMAND [ARGS...]
"""
import fcntl
import os
import pty
import struct
import subprocess
import sys
import termios

master, slave = pty.openpty()
fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
child = subprocess.Popen(sys.argv[1:], stdin=subprocess.DEVNULL, stdout=slave, stderr=slave)
os.close(slave)
out = bytearray()
while True:
    try:
        chunk = os.read(master, 65536)
    except OSError:  # EIO: every writer has closed the terminal
        break
    if not chunk:
        break
    out += chunk
sys.stdout.buffer.write(bytes(out))
sys.exit(child.wait())
