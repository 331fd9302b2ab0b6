#!/usr/bin/env bash
# How much of a scheduling path's time sits behind G1's write-barrier fence: runs PathLoop (spawn,
# yield, handoff, call, callchain or chain) under G1 with perf sampling (cpu-clock) and
# -XX:+PrintAssembly, then reports per compiled method its share of the samples and the share
# that landed right after a `lock addl $0,-0x40(%rsp)` (the StoreLoad fence G1's post-write
# barrier executes when a reference to a young object is stored into an old one; sampling skid
# puts the fence's cost on the next instructions). Needs perf and python3; the machine code is
# read from PrintAssembly's hex dump, so no disassembler plugin is needed.
# See docs/benchmarks.md, "G1's fenced write barrier".
#
#   benchmarks/fences.sh spawn [ROUNDS [AGENT_JAR BENCH_JAR]]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
path=${1:-spawn}
rounds=${2:-1000}
agent=${3:-$(ls "$here"/../agent/target/jawait-agent-*-SNAPSHOT.jar | grep -v -e sources -e javadoc | head -1)}
bench=${4:-$here/target/jawait-benchmarks.jar}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
perf record -q -F 9000 -e cpu-clock -o "$work/perf.data" \
    java -XX:+UseG1GC -XX:+UnlockDiagnosticVMOptions -XX:+PrintAssembly -XX:+DumpPerfMapAtExit \
    -javaagent:"$agent" -cp "$bench" io.github.jawait.benchmarks.diag.PathLoop "$path" "$rounds" > "$work/asm.log" 2>&1
perf script -i "$work/perf.data" -F ip 2>/dev/null | sort | uniq -c > "$work/ips"
python3 - "$work/ips" "$work/asm.log" <<'PY'
import re, sys, collections
samples = collections.Counter()
for line in open(sys.argv[1]):
    n, ip = line.split()
    samples[int(ip, 16)] += int(n)
total = sum(samples.values())
methods, cur = [], None
for line in open(sys.argv[2], errors='replace'):
    if line.startswith('Compiled method'):
        name = re.search(r'(\S+::\S+.*)$', line)
        cur = {'name': name.group(1).strip() if name else line.strip(), 'code': {}}
        methods.append(cur)
        continue
    if cur is None:
        continue
    m = re.match(r'\s+(0x[0-9a-f]+): ([0-9a-f]{2,4}(?: [|0-9a-f ]+)?)\s*$', line)
    if m:  # no disassembler: PrintAssembly dumps the code as hex
        at = int(m.group(1), 16)
        for i, b in enumerate(b''.join(bytes.fromhex(h) for h in m.group(2).replace('|', ' ').split())):
            cur['code'][at + i] = b
        continue
    m = re.match(r'\s+(0x[0-9a-f]+):\s+([a-z].*)', line)
    if m:  # an hsdis plugin disassembled it: one instruction per line
        cur['code'][int(m.group(1), 16)] = 'F' if 'lock addl $0x0,-0x40(%rsp)' in m.group(2) else 'I'
FENCE = bytes.fromhex('f0834424c000')  # lock addl $0x0,-0x40(%rsp)
rows, fenced_all = [], 0
for meth in methods:
    code = meth['code']
    own = sum(samples.get(a, 0) for a in code)
    if own == 0:
        continue
    fenced = 0
    for a in code:
        if code[a] == 'F' or (code[a] == 0xf0 and bytes(code.get(a + i, 0) for i in range(6)) == FENCE):
            fenced += sum(samples.get(a + k, 0) for k in range(16))  # the fence and the skid after it
    fenced_all += fenced
    rows.append((own, fenced, meth['name']))
print(f'{total} samples; behind fences: {fenced_all} ({100 * fenced_all / max(total, 1):.1f} %)')
for own, fenced, name in sorted(rows, reverse=True)[:12]:
    print(f'{100 * own / total:5.1f} % of samples, {100 * fenced / total:4.1f} % behind fences  {name[:100]}')
PY
