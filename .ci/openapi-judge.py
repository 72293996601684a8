"""The outside judge: starts `guichet sandbox`, runs schemathesis against it for each of the
five OpenAPI documents, and fails on any failure that `.ci/openapi-judge.toml` does not
accept with a reason.

Usage: python3 .ci/openapi-judge.py GUICHET_BINARY SCHEMATHESIS_BINARY
"""

import json
import os
import subprocess
import sys
import tempfile
import time
import tomllib
import urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)


def start_sandbox(binary, seed):
    proc = subprocess.Popen(
        [binary, "sandbox", "--addr", "127.0.0.1:0", "--seed", str(seed)],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        line = proc.stdout.readline()
        if not line:
            break
        if line.startswith("guichet sandbox listening on "):
            return proc, line.split()[-1].rstrip("/")
    proc.kill()
    raise SystemExit("the sandbox did not start")


def newest_moneyout(base, doc):
    req = urllib.request.Request(
        f"{base}{doc['prefix']}/users/{doc['path']['appuserid']}/moneyouts?per_page=1",
        headers=doc["headers"],
    )
    with urllib.request.urlopen(req, timeout=10) as resp:
        return str(json.load(resp)[0]["Id"])


def toml_value(v):
    return json.dumps(v)


def run_document(name, doc, base, settings, st_binary, workdir):
    config = os.path.join(workdir, f"{name}.toml")
    report = os.path.join(workdir, f"{name}.json")
    with open(config, "w") as f:
        f.write("[parameters]\n")
        for k, v in doc["path"].items():
            f.write(f'"path.{k}" = {toml_value(v)}\n')
    cmd = [
        st_binary, "--config-file", config, "run",
        os.path.join(ROOT, "assets", "openapi", f"{name}.json"),
        "--url", base + doc["prefix"],
        "--checks", "all",
        "--max-examples", str(settings["max_examples"]),
        "--seed", str(settings["seed"]),
        "--workers", "1",
        "--generation-database", "none",
        "--no-color",
        "--report", "json", "--report-json-path", report,
    ]
    for k, v in doc.get("headers", {}).items():
        cmd += ["--header", f"{k}: {v}"]
    if "basic" in doc:
        cmd += ["--auth", doc["basic"]]
    began = time.monotonic()
    out = subprocess.run(cmd, stdin=subprocess.DEVNULL, capture_output=True, text=True)
    elapsed = time.monotonic() - began
    try:
        with open(report) as f:
            result = json.load(f)
    except (OSError, ValueError):
        print(out.stdout[-4000:], out.stderr[-4000:])
        raise SystemExit(f"{name}: schemathesis wrote no report (exit {out.returncode})")
    return result, out.stdout, elapsed


def main():
    if len(sys.argv) != 3:
        raise SystemExit(__doc__)
    guichet, st_binary = sys.argv[1], sys.argv[2]
    with open(os.path.join(HERE, "openapi-judge.toml"), "rb") as f:
        settings = tomllib.load(f)
    accepted = {
        (a["document"], a["operation"], a["check"]): a["reason"]
        for a in settings.get("accepted", [])
    }
    unused = set(accepted)
    proc, base = start_sandbox(guichet, settings["sandbox_seed"])
    unexpected = []
    try:
        smoney = settings["documents"]["smoney"]
        smoney["path"]["id"] = newest_moneyout(base, smoney)
        with tempfile.TemporaryDirectory() as workdir:
            for name, doc in settings["documents"].items():
                result, stdout, elapsed = run_document(
                    name, doc, base, settings, st_binary, workdir
                )
                tc = result["test_cases"]
                print(
                    f"{name}: {result['operations']['tested']} operations, "
                    f"{tc['generated']} test cases, {elapsed:.1f} s"
                )
                found = []
                for failure in result["failures"]:
                    for op in failure["operations"]:
                        found.append((name, op, failure["code"], failure["title"]))
                for error in result["errors"]:
                    found.append((name, "-", "error", json.dumps(error)[:300]))
                mine = []
                for key4 in found:
                    key = key4[:3]
                    if key in accepted:
                        unused.discard(key)
                        print(f"  accepted: {key[1]} {key[2]} ({key4[3]})")
                    else:
                        mine.append(key4)
                if mine:
                    print(stdout[-20000:])
                    unexpected += mine
    finally:
        proc.kill()
        proc.wait()
    for key in sorted(unused):
        print(f"note: accepted but not seen with this seed: {key}")
    if unexpected:
        print("unexpected failures:")
        for d, op, code, title in unexpected:
            print(f"  {d}: {op}: {code} {title}")
        raise SystemExit(1)
    print("openapi judge: ok")


if __name__ == "__main__":
    main()
