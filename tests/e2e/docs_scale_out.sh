#!/usr/bin/env bash
# The recipes in docs/scale-out.md are meant to be copied: each YAML block parses, every shell
# step is valid bash, and each recipe's shard command runs four times with the environment its
# scheduler sets (a GitHub matrix value, GitLab's CI_NODE_*, a Kubernetes JOB_COMPLETION_INDEX,
# a Slurm array's SLURM_ARRAY_*, GNU parallel's {}), then its merge command joins the four and
# exits as the unsharded run: 0, with every case of the scenario in the merged report.
# $1 = perfharness, $2 = source dir.
set -euo pipefail
bin=$(realpath "$1"); src=$(realpath "$2")
command -v parallel >/dev/null || { echo "GNU parallel not installed (apt-get install parallel): skipped"; exit 77; }
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
/usr/bin/python3 - "$src/docs/scale-out.md" "$work" <<'PY'
import re, sys, yaml
doc, work = sys.argv[1], sys.argv[2]
text = open(doc, encoding="utf-8").read()
yamls = re.findall(r"```yaml\n(.*?)```", text, re.S)
bashes = re.findall(r"```bash\n(.*?)```", text, re.S)
assert len(yamls) == 3, f"{doc}: expected GitHub, GitLab and Kubernetes YAML blocks, found {len(yamls)}"
assert len(bashes) == 3, f"{doc}: expected two Slurm scripts and a GNU parallel block, found {len(bashes)}"
github, gitlab = yaml.safe_load(yamls[0]), yaml.safe_load(yamls[1])
kube = list(yaml.safe_load_all(yamls[2]))

def write(name, body):
    open(f"{work}/{name}", "w").write(body)

def only(steps, word):
    found = [s for s in steps if word in s]
    assert len(found) == 1, (word, found)
    return found[0]

# GitHub: the matrix's values, the shard step's env, the merge job's run step.
shard_job, merge_job = github["jobs"]["shard"], github["jobs"]["merge"]
assert shard_job["strategy"]["matrix"]["shard"] == [1, 2, 3, 4], shard_job["strategy"]
assert merge_job["needs"] == "shard"
for job in (shard_job, merge_job):
    for step in job["steps"]:
        assert isinstance(step, dict), step
        if "with" in step:
            assert all(isinstance(v, str) for v in step["with"].values()), step
steps = [s for s in shard_job["steps"] if "perfharness run" in s.get("run", "")]
assert len(steps) == 1, steps
for i in range(1, 5):
    env = "".join(f"export {k}='{str(v).replace('${{ matrix.shard }}', str(i))}'\n" for k, v in steps[0].get("env", {}).items())
    write(f"github-shard{i}.sh", env + steps[0]["run"].replace("${{ matrix.shard }}", str(i)))
write("github-merge.sh", only([s.get("run", "") for s in merge_job["steps"]], "perfharness merge"))

# GitLab: parallel 4, CI_NODE_INDEX from 1.
assert gitlab["perf-shard"]["parallel"] == 4 and gitlab["perf-merge"]["needs"] == ["perf-shard"]
for job in gitlab.values():
    for line in job["script"]:
        assert isinstance(line, str), f"a GitLab script entry is not a string: {line!r}"
shard = only(gitlab["perf-shard"]["script"], "perfharness run")
for i in range(1, 5):
    write(f"gitlab-shard{i}.sh", f"export CI_NODE_INDEX={i} CI_NODE_TOTAL=4\n" + shard)
write("gitlab-merge.sh", only(gitlab["perf-merge"]["script"], "perfharness merge"))

# Kubernetes: an Indexed Job of 4 (JOB_COMPLETION_INDEX from 0), then the merge Job; /results
# is the test's own folder.
shards, merge = kube
assert shards["spec"]["completionMode"] == "Indexed" and shards["spec"]["completions"] == 4
def container_script(job):
    c = job["spec"]["template"]["spec"]["containers"][0]
    assert c["command"] == ["/bin/sh", "-c"], c
    return c["args"][0].replace("/results/", "results/")
for i in range(4):
    write(f"kube-shard{i + 1}.sh", f"export JOB_COMPLETION_INDEX={i}\n" + container_script(shards))
write("kube-merge.sh", container_script(merge))

# Slurm: the array's script with the variables sbatch sets; the merge script.
shard, merge, par = bashes
assert "#SBATCH --array=1-4" in shard, shard
for i in range(1, 5):
    write(f"slurm-shard{i}.sh", f"export SLURM_ARRAY_TASK_ID={i} SLURM_ARRAY_TASK_MIN=1 SLURM_ARRAY_TASK_MAX=4 "
                                f"SLURM_ARRAY_TASK_STEP=1 SLURM_ARRAY_TASK_COUNT=4 SLURM_CPUS_PER_TASK=1\n" + shard)
write("slurm-merge.sh", merge)
# GNU parallel: both lines as they are.
write("parallel-all.sh", par)
PY
for f in "$work"/*.sh; do bash -n "$f" || { echo "FAIL: not valid bash: $(cat "$f")" >&2; exit 1; }; done

# Each recipe from a folder laid out like a checkout holding the built binary.
ln -s "$bin" "$work/perfharness"
for recipe in github gitlab kube slurm parallel; do
  dir="$work/$recipe"
  mkdir -p "$dir/build/apps" "$dir/results"
  ln -s "$src/scenarios" "$dir/scenarios"
  ln -s "$bin" "$dir/build/apps/perfharness"
  if [ "$recipe" = parallel ]; then
    (cd "$dir" && HOME="$dir" bash -e "$work/parallel-all.sh" >/dev/null 2>"$dir/err") ||
      { cat "$dir/err" >&2; echo "FAIL: the GNU parallel recipe failed" >&2; exit 1; }
  else
    for i in 1 2 3 4; do
      (cd "$dir" && env -u PERFHARNESS_SHARD bash -e "$work/$recipe-shard$i.sh" >/dev/null 2>"$dir/err") ||
        { cat "$dir/err" >&2; echo "FAIL: shard $i of the $recipe recipe failed" >&2; exit 1; }
    done
    (cd "$dir" && bash -e "$work/$recipe-merge.sh" >/dev/null 2>"$dir/err") ||
      { cat "$dir/err" >&2; echo "FAIL: the $recipe recipe's merge failed" >&2; exit 1; }
  fi
  report=$(find "$dir" -name report.json -print -quit)
  [ -n "$report" ] || { echo "FAIL: the $recipe recipe wrote no report.json" >&2; exit 1; }
  /usr/bin/python3 - "$report" "$recipe" <<'PY' || exit 1
import json, sys
r = json.load(open(sys.argv[1]))
cases = [c for op in r["operations"] for c in op["cases"]]
grid = cases[0]["results"]["grid"]["rows"] if cases else []
ok = r["verdict"]["exit_code"] == 0 and "shard" not in r and len(cases) == 1 and len(grid) == cases[0]["workload"]["combinations"]
if not ok: print(f"FAIL: the {sys.argv[2]} recipe's merged report is not the whole run's", file=sys.stderr)
sys.exit(0 if ok else 1)
PY
done
echo "docs/scale-out.md: 5 recipes ran and merged"
