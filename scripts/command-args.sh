# Sourced by the launcher (./gongji): not run.

# The launcher runs the jar from its own directory, so the relative paths of a command (import's FILE,
# --in, --out, --gongji.data-dir=) are made absolute against the directory it was called from,
# $CALLER_DIR, as a user typing them means. Prints the arguments of command $1 NUL-separated.
caller_paths() {
  local cmd=$1 path_next="" words=0 a
  shift
  for a in "$@"; do
    if [ -n "$path_next" ]; then
      a=$(caller_path "$a"); path_next=""
    else
      case "$a" in
        --in=*|--out=*|--gongji.data-dir=*|--gongji.import.file=*) a="${a%%=*}=$(caller_path "${a#*=}")" ;;
        --in|--out) path_next=1 ;;
        --*) ;;
        *) words=$((words + 1))
           # import KIND FILE: the second word is the file
           if [ "$cmd" = import ] && [ "$words" = 2 ]; then a=$(caller_path "$a"); fi ;;
      esac
    fi
    printf '%s\0' "$a"
  done
}

caller_path() {
  case "$1" in
    /*|"") printf '%s' "$1" ;;
    *) printf '%s' "$CALLER_DIR/$1" ;;
  esac
}

# The usage of one command: its entries in the launcher's usage text (the line naming it and the
# indented lines that continue it).
command_usage() {
  usage | awk -v c="  ./gongji $1 " 'index($0, c) == 1 { on = 1; print; next }
    on && /^      / { print; next } { on = 0 }'
}
