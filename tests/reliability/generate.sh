# Inputs too big, too binary or too odd to check in: the corpus runner sources this
# file and calls `gen_NAME ARGS...` for each `generate: NAME ARGS...` line of a case,
# in the case's temp dir. Every generator is deterministic.

# gen_repeat FILE PREFIX UNIT COUNT [SUFFIX]: PREFIX, UNIT repeated COUNT times, SUFFIX
# (PREFIX and SUFFIX take printf %b escapes such as \n).
gen_repeat() {
  local file=$1 prefix=$2 unit=$3 count=$4 suffix=${5:-}
  { printf '%b' "$prefix"; perl -e 'print $ARGV[0] x $ARGV[1]' -- "$unit" "$count"; printf '%b' "$suffix"; } >"$file"
}

# gen_garbage FILE BYTES [SEED]: pseudo-random bytes, NULs included.
gen_garbage() {
  perl -e 'srand($ARGV[1]); print map { chr(int(rand(256))) } 1 .. $ARGV[0]' -- "$2" "${3:-7}" >"$1"
}

# gen_block_nesting FILE DEPTH: a map nested DEPTH levels by indentation alone.
gen_block_nesting() {
  perl -e 'print "name: deep\n"; print " " x $_, "k$_:\n" for 0 .. $ARGV[0]' -- "$2" >"$1"
}

# gen_list_nesting FILE DEPTH: "- " items nested DEPTH levels on separate lines.
gen_list_nesting() {
  perl -e 'print "name: deep\noperations:\n"; print " " x (2 * $_), "-\n" for 0 .. $ARGV[0]' -- "$2" >"$1"
}

# gen_operations FILE COUNT: a scenario with COUNT small data_load operations.
gen_operations() {
  perl -e 'print "name: many\ndata:\n  synthetic: {first_date: 2023-01-01, last_date: 2023-12-31}\noperations:\n";
           print "  - {name: op$_, kind: data_load, symbols: [AAPL], ranges: [{start: 2023-01-01, end: 2023-01-31}]}\n"
             for 1 .. $ARGV[0]' -- "$2" >"$1"
}

# gen_laughs FILE LEVELS: "billion laughs": each level lists the previous one ten times.
gen_laughs() {
  perl -e 'print "name: laughs\nl0: &l0 [x, x, x, x, x, x, x, x, x, x]\n";
           for $i (1 .. $ARGV[0]) { $p = $i - 1; print "l$i: &l$i [", join(", ", ("*l$p") x 10), "]\n" }' -- "$2" >"$1"
}

# gen_mkdir PATH: a folder where a file is expected (git keeps no empty folders).
gen_mkdir() { mkdir -p "$1"; }

# gen_unreadable FILE: mode 000 (only meaningful for a non-root user; root reads anyway).
gen_unreadable() { chmod 000 "$1"; }

# gen_utf16 FILE SOURCE: SOURCE re-encoded as UTF-16LE with a byte-order mark.
gen_utf16() {
  perl -e 'binmode STDOUT; print "\xff\xfe"; local $/; my $t = <STDIN>; print join("", map { $_ . "\0" } split(//, $t))' <"$2" >"$1"
}

# gen_sqlite DB SQLFILE: a SQLite database built by the sqlite3 CLI.
gen_sqlite() { sqlite3 "$1" <"$2"; }

# gen_perfharness_db DB: a real results database, written by one run of the backtest example
# ($PH_BIN and $PH_SRC are set by the corpus runner).
gen_perfharness_db() {
  "$PH_BIN" run "$PH_SRC/scenarios/examples/backtest.yaml" --repeat 1 --db "$1" -q >/dev/null 2>&1
  sqlite3 "$1" 'PRAGMA wal_checkpoint(TRUNCATE)' >/dev/null
}

# gen_truncate FILE BYTES: cuts FILE short, as a crash during a copy would.
gen_truncate() { truncate -s "$2" "$1"; }

# gen_scribble FILE OFFSET BYTES [SEED]: overwrites BYTES bytes at OFFSET with garbage.
gen_scribble() {
  perl -e 'srand($ARGV[2]); open(my $f, "+<", $ARGV[3]) or die; seek($f, $ARGV[0], 0);
           print $f map { chr(int(rand(256))) } 1 .. $ARGV[1]' -- "$2" "$3" "${4:-1}" "$1"
}
