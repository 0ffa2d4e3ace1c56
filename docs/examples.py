#!/usr/bin/env python3
"""Runs the examples of a docs page and compares their output (jq's mantest; make docs-check).

Every ```console block holds commands (lines starting with "$ ") each followed by its expected
output. A block runs in a fresh scratch directory that links instances/ and tests/ of the
repository, with `symnet` meaning the binary given by --symnet; the commands of one block share
the directory. The output compared is standard output, and standard error too when the command
fails. An expected line "..." matches any number of lines. Exit status 1 on any difference.
"""
import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile


def blocks(text):
    for m in re.finditer(r"^```console\n(.*?)^```", text, re.S | re.M):
        yield text[: m.start()].count("\n") + 2, m.group(1).splitlines()


def matches(expected, got):
    """Whether the lines got fit the lines expected ("..." matches any run of lines)."""
    if not expected:
        return not got
    if expected[0] == "...":
        return any(matches(expected[1:], got[i:]) for i in range(len(got) + 1))
    return bool(got) and got[0] == expected[0] and matches(expected[1:], got[1:])


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--symnet", required=True)
    ap.add_argument("pages", nargs="+")
    args = ap.parse_args()
    root = os.getcwd()
    symnet = os.path.abspath(args.symnet)
    bindir = tempfile.mkdtemp(prefix="symnet-docs-bin-")
    os.symlink(symnet, os.path.join(bindir, "symnet"))
    env = dict(os.environ, PATH=bindir + os.pathsep + os.environ.get("PATH", ""))
    failed = 0
    ran = 0
    try:
        for page in args.pages:
            with open(page, encoding="utf-8") as f:
                text = f.read()
            for line0, lines in blocks(text):
                work = tempfile.mkdtemp(prefix="symnet-docs-")
                for d in ("instances", "tests"):
                    os.symlink(os.path.join(root, d), os.path.join(work, d))
                i = 0
                while i < len(lines):
                    if not lines[i].startswith("$ "):
                        print(f"{page}:{line0 + i}: expected a '$ ' command line", file=sys.stderr)
                        failed += 1
                        break
                    cmd = lines[i][2:]
                    j = i + 1
                    while j < len(lines) and not lines[j].startswith("$ "):
                        j += 1
                    want = lines[i + 1 : j]
                    p = subprocess.run(cmd, shell=True, cwd=work, env=env, capture_output=True,
                                       text=True)
                    got = p.stdout + (p.stderr if p.returncode != 0 else "")
                    got = got.splitlines()
                    ran += 1
                    if not matches(want, got):
                        failed += 1
                        print(f"{page}:{line0 + i}: `{cmd}` printed:", file=sys.stderr)
                        print("\n".join(got), file=sys.stderr)
                        print("--- expected:", file=sys.stderr)
                        print("\n".join(want), file=sys.stderr)
                    i = j
                shutil.rmtree(work)
    finally:
        shutil.rmtree(bindir)
    print(f"docs examples: {ran} commands, {failed} differ")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
