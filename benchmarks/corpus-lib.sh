# Sourced by the corpus benchmarks (verify-ab.sh, golden-check-ab.sh, verify-jobs.sh) from the checkout's root:
# the corpus of side_by_side_corpus.make_corpus and the CLI of a checkout run as the launcher runs it.

# make_clips FOLDER PRESET CLIPS: CLIPS clips of seeded lengths uniform in 1 to 30 s at the preset's rate in FOLDER.
make_clips() {
  "$python" -c 'import sys; sys.path.insert(0, "benchmarks"); import side_by_side_corpus as c
print("corpus: %d clips, %.1f s of audio" % (int(sys.argv[3]), c.make_corpus(sys.argv[1], sys.argv[2],
      int(sys.argv[3]))), file=sys.stderr)' "$1" "$2" "$3"
}

# cli CHECKOUT ARGUMENTS...: that checkout's CLI (built with `mvn -q package -DskipTests -pl cli -am`), with the JVM
# options in CLI_OPTS, if any.
cli() {
  local dir="$1"
  shift
  (cd "$dir" && java -Dai.djl.offline=true -Dencodecparity.home="$dir" ${CLI_OPTS:-} \
    -cp "cli/target/cli.jar:$(cat cli/target/classpath.txt)" dev.encodecparity.cli.Main "$@")
}

# corpus_work PRESET CLIPS: the full-size preset made if missing (benchmarks/fullsize.sh), a temporary folder $work
# (removed on exit) and the corpus in $work/clips.
corpus_work() {
  benchmarks/fullsize.sh "$1" >&2
  work="$(mktemp -d)"
  trap 'rm -rf "$work"' EXIT
  mkdir "$work/clips"
  make_clips "$work/clips" "$1" "$2"
}
