#!/usr/bin/env python3
"""Runs docs/tutorial.md, so the tutorial cannot rot: every ```sh block, in order, in one bash session started in a
scratch folder that holds `loom-swift` (a link to this checkout), as a reader would type them.

The page marks what a reader does by hand with HTML comments (invisible on the rendered page), just before a block:
  <!-- file: PATH -->          the next block is the whole of PATH: the runner writes it (the reader pastes it)
  <!-- background: TEXT -->    the next ```sh block keeps running (a server): wait until its output shows TEXT
  <!-- stop -->                stop the background commands, as Ctrl-C would
  <!-- expect: TEXT -->        the next ```sh block's output must contain TEXT (may be given more than once)
  <!-- exit: N -->             the next ```sh block must exit with status N (default 0)
Every other fenced block (output, fragments) is for reading only. A block whose output is checked runs in its own
bash process, so it must not `cd` or `export`.

The tutorial's PostgreSQL and Redis are the default ports on 127.0.0.1; with PGPORT / REDIS_PORT set (make test),
the runner points those addresses at the test's own servers, after dropping the tutorial's database and keys.
"""
import os
import re
import shlex
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
ANNOTATION = re.compile(r"^<!--\s*(file|background|stop|expect|exit)\s*:?\s*(.*?)\s*-->\s*$")
FENCE = re.compile(r"^```(\w*)\s*$")


def parse(path):
    """The steps of the page: ('file', line, path, text), ('run', line, text, options) or ('stop', line)."""
    steps, pending = [], {}
    lines = open(path, encoding="utf-8").read().split("\n")
    index = 0
    while index < len(lines):
        line = lines[index]
        annotation = ANNOTATION.match(line.strip())
        fence = FENCE.match(line)
        if annotation:
            kind, value = annotation.groups()
            value = value.strip()
            if kind == "stop":
                steps.append(("stop", index + 1))
            elif kind == "expect":
                pending.setdefault("expect", []).append(value)
            else:
                pending[kind] = value
        elif fence:
            language, start = fence.group(1), index + 1
            index += 1
            body = []
            while index < len(lines) and not lines[index].startswith("```"):
                body.append(lines[index])
                index += 1
            text = "\n".join(body) + "\n"
            if "file" in pending:
                steps.append(("file", start, pending["file"], text))
            elif language == "sh":
                steps.append(("run", start, text, pending))
            elif pending:
                sys.exit(f"{path}:{start}: annotations {sorted(pending)} before a ```{language} block that is not run")
            pending = {}
        index += 1
    return steps


def substitute(text):
    """The tutorial's default addresses → the test's PostgreSQL and Redis."""
    if os.environ.get("PGPORT"):
        text = text.replace("127.0.0.1:5432", "127.0.0.1:" + os.environ["PGPORT"])
    if os.environ.get("REDIS_PORT"):
        text = text.replace("127.0.0.1:6379", "127.0.0.1:" + os.environ["REDIS_PORT"])
    return text


PRELUDE = r"""set -euo pipefail
BG_PIDS=()
# Ctrl-C: SIGTERM to each background command's process group (make, swift, the server), then wait until every process
# of the group is gone — the server's graceful stop included — so the next server finds its port free.
stop_all() {
  for pid in "${BG_PIDS[@]}"; do kill -TERM -- "-$pid" 2>/dev/null || true; done
  for pid in "${BG_PIDS[@]}"; do
    for _ in $(seq 300); do kill -0 -- "-$pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL -- "-$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  done
  BG_PIDS=()
}
trap stop_all EXIT
wait_for() {  # LOG TEXT PID SECONDS
  local deadline=$((SECONDS + $4))
  until grep -qsF -- "$2" "$1"; do
    if ! kill -0 "$3" 2>/dev/null; then echo "tutorial: FAIL: stopped before printing '$2':"; tail -40 "$1"; exit 1; fi
    if [ "$SECONDS" -ge "$deadline" ]; then echo "tutorial: FAIL: no '$2' after $4 s:"; tail -40 "$1"; exit 1; fi
    sleep 1
  done
}
"""


def script(steps, page, logs):
    out = [PRELUDE]
    for number, step in enumerate(steps):
        kind, line = step[0], step[1]
        where = f"{page}:{line}"
        if kind == "stop":
            out.append(f"echo '--- {where}: stop (Ctrl-C)'\nstop_all\n")
        elif kind == "file":
            path, text = step[2], substitute(step[3])
            out.append(f"echo '--- {where}: write {path}'\nmkdir -p \"$(dirname {shlex.quote(path)})\"\n"
                       f"cat > {shlex.quote(path)} <<'TUTORIAL_FILE_END'\n{text}TUTORIAL_FILE_END\n")
        else:
            text, options = substitute(step[2]), step[3]
            shown = "".join(f"echo {shlex.quote('$ ' + command)}\n" for command in text.rstrip("\n").split("\n"))
            file = os.path.join(logs, f"step{number}.sh")
            if "background" in options:
                with open(file, "w") as handle:
                    handle.write(text)
                log = os.path.join(logs, f"step{number}.log")
                file, log = shlex.quote(file), shlex.quote(log)
                out.append(f"echo '--- {where}: in the background'\n{shown}"
                           f"setsid bash -eo pipefail {file} > {log} 2>&1 &\nBG_PIDS+=($!)\n"
                           f"wait_for {log} {shlex.quote(options['background'])} $! 1800\ntail -5 {log}\n")
            elif "expect" in options or "exit" in options:
                if re.search(r"^\s*(cd|export)\b", text, re.M):
                    sys.exit(f"{where}: a block whose output is checked runs in its own shell: no cd or export")
                with open(file, "w") as handle:
                    handle.write(text)
                status = int(options.get("exit", "0"))
                checks = "".join(
                    f"grep -qF -- {shlex.quote(expected)} <<<\"$out\" || "
                    f"{{ echo {shlex.quote(f'tutorial: FAIL: {where}: output lacks: {expected}')}; exit 1; }}\n"
                    for expected in options.get("expect", []))
                out.append(f"echo '--- {where}'\n{shown}set +e\nout=$(bash -eo pipefail {shlex.quote(file)} 2>&1)\nrc=$?\nset -e\n"
                           f"printf '%s\\n' \"$out\"\n"
                           f"[ \"$rc\" = {status} ] || {{ echo 'tutorial: FAIL: {where}: exit '$rc', expected {status}'; exit 1; }}\n"
                           + checks)
            else:
                out.append(f"echo '--- {where}'\n{shown}{text}")
    out.append("stop_all\necho 'tutorial: every step passed'\n")
    return "".join(out)


def reset_services():
    """A second run starts like the first: no `notes` database, no `loom:notes:` keys."""
    if os.environ.get("PGPORT"):
        subprocess.run(["psql", f"postgres://postgres@127.0.0.1:{os.environ['PGPORT']}/postgres", "-qc",
                        "DROP DATABASE IF EXISTS notes WITH (FORCE)"], check=True)
    if os.environ.get("REDIS_PORT"):
        cli = ["redis-cli", "-p", os.environ["REDIS_PORT"]]
        keys = subprocess.run(cli + ["--scan", "--pattern", "loom:notes:*"], capture_output=True, text=True, check=True)
        if keys.stdout.split():
            subprocess.run(cli + ["del"] + keys.stdout.split(), capture_output=True, check=True)


def main():
    page = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, "docs/tutorial.md")
    steps = parse(page)
    work = tempfile.mkdtemp(prefix="loom-tutorial-")
    logs = os.path.join(work, ".steps")
    os.makedirs(logs)
    os.symlink(ROOT, os.path.join(work, "loom-swift"))
    reset_services()
    path = os.path.join(logs, "tutorial.sh")
    # (PostgreSQL and Redis are `make services`'; make test-tutorial starts them.)
    with open(path, "w") as handle:
        handle.write(script(steps, os.path.relpath(page, ROOT), logs))
    print(f"tutorial: {len(steps)} steps of {page}, in {work}", flush=True)
    result = subprocess.run(["bash", path], cwd=work)
    if result.returncode != 0:
        print(f"tutorial: FAIL (the scratch folder is kept: {work})")
        sys.exit(1)
    subprocess.run(["rm", "-rf", work])


if __name__ == "__main__":
    main()
