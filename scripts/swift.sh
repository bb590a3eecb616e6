#!/usr/bin/env bash
# Throwaway OpenStack Swift 2.30 with its S3 API (s3api) on 127.0.0.1, for tests and manual use.
#
#   swift.sh start DIR     start one; prints FERRY_SWIFT_* lines (also in DIR/env)
#   swift.sh stop DIR      stop it by the PID in DIR/swift.pid, then remove DIR
#   swift.sh sandbox       start one in ~/.cache/ferry-swift-sandbox-XXXX, stay until Ctrl-C
#
# The proxy, account, container and object servers run in one Python process (scripts/swift_server.py),
# on ports the kernel picks; everything (configs, rings, data, log, pid file) lives in DIR, so any number
# can run side by side, and /etc/swift is never read. Needs the Debian packages swift swift-proxy
# swift-account swift-container swift-object python3-swift.
# Besides the S3 user it prints, tempauth knows test:reader (secret ferry-swift-reader-secret), a user with
# no rights on the buckets: Swift has no bucket policies, so tests get an AccessDenied through it.
# FERRY_SWIFT_TIMEOUT (seconds, default 60) bounds the wait for the servers to answer.
# FERRY_SWIFT_DEBUG=1 logs every request (to DIR/log/swift.log; warnings only otherwise).
set -euo pipefail

# tempauth looks an S3 access key up as account:user, so the access key holds a colon.
readonly ACCESS_KEY=test:tester
readonly SECRET_KEY=ferry-swift-secret-key-0123456789abcdefgh
readonly REGION=us-east-1
readonly MARKER='# ferry-swift'   # first line of our swift.conf: `stop` refuses to rm -rf anything else
readonly START_TIMEOUT=${FERRY_SWIFT_TIMEOUT:-60}
readonly PYTHON=/usr/bin/python3  # Debian's: python3-swift lives in its dist-packages
readonly INSTALL='apt-get install swift swift-proxy swift-account swift-container swift-object python3-swift'
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)
readonly SERVER=$HERE/swift_server.py

say() { printf 'swift: %s\n' "$*" >&2; }
die() { say "$*"; exit 1; }
now_ms() { local t; t=$(date +%s%N); echo $((t / 1000000)); }

usage() {
  cat >&2 <<'EOF'
usage: swift.sh start DIR
       swift.sh stop DIR
       swift.sh sandbox
EOF
  exit 2
}

# A PID is ours only if its command line names DIR: that guards against a recycled PID and means we
# never touch another instance's (or anybody's) process.
pid_alive() { # pid_alive PID DIR
  local stat arg args=()
  read -r stat 2>/dev/null <"/proc/$1/stat" || return 1
  stat=${stat##*) }
  [[ ${stat%% *} != Z ]] || return 1
  mapfile -d '' args 2>/dev/null <"/proc/$1/cmdline" || return 1
  for arg in "${args[@]}"; do [[ $arg == "$2" ]] && return 0; done
  return 1
}

server_pid() { # server_pid DIR -> the PID from DIR/swift.pid (or, before that exists, DIR/launch.pid)
  local f p
  for f in swift.pid launch.pid; do
    p=$(cat "$1/$f" 2>/dev/null || true)
    [[ $p =~ ^[0-9]+$ ]] && pid_alive "$p" "$1" && { echo "$p"; return 0; }
  done
  return 0
}

stop_server() { # stop_server DIR : SIGTERM (it exits at once), SIGKILL after 3 s
  local dir=$1 pid i
  pid=$(server_pid "$dir")
  [[ -n $pid ]] || return 0
  kill -TERM "$pid" 2>/dev/null || true
  for ((i = 0; i < 60; i++)); do
    pid_alive "$pid" "$dir" || return 0
    sleep 0.05
  done
  kill -KILL "$pid" 2>/dev/null || true
  for ((i = 0; i < 40; i++)); do
    pid_alive "$pid" "$dir" || return 0
    sleep 0.05
  done
}

# The objects and databases live in memory when /dev/shm is a tmpfs (as the Ceph gateway's memstore
# does): Swift makes three directories and a file per object, and on a busy disk each mkdir took 1.5 ms.
# DIR/srv is then a link to /dev/shm/ferry-swift-XXXXXX, which `stop` removes.
make_data() { # make_data DIR
  local shm
  if [[ -d /dev/shm && -w /dev/shm && $(stat -f -c %T /dev/shm 2>/dev/null) == tmpfs ]] &&
    shm=$(mktemp -d /dev/shm/ferry-swift-XXXXXX 2>/dev/null); then
    mkdir -p "$shm/sda1"
    ln -s "$shm" "$1/srv"
  else
    mkdir -p "$1/srv/sda1"
  fi
}

remove_data() { # remove_data DIR
  local target
  [[ -L $1/srv ]] || return 0
  target=$(readlink "$1/srv")
  # only what make_data made
  [[ $target =~ ^/dev/shm/ferry-swift-[A-Za-z0-9]{6}$ ]] && rm -rf -- "$target"
  rm -f -- "$1/srv"
}

cmd_stop() {
  local dir=${1:-}
  [[ -n $dir ]] || usage
  [[ -d $dir ]] || return 0
  dir=$(cd "$dir" && pwd -P)
  if [[ -f $dir/etc/swift.conf ]]; then
    head -n1 "$dir/etc/swift.conf" | grep -qF -- "$MARKER" || die "$dir/etc/swift.conf is not ours; not touching $dir"
    stop_server "$dir"
    remove_data "$dir"
  elif [[ -n $(ls -A "$dir") ]]; then
    die "$dir holds no Swift server; not removing it"
  fi
  rm -rf -- "$dir"
}

healthcheck() { # healthcheck PORT -> succeeds when GET /healthcheck answers 200
  local line
  line=$(
    exec 2>/dev/null
    exec 3<>"/dev/tcp/127.0.0.1/$1" || exit 1
    printf 'GET /healthcheck HTTP/1.0\r\nHost: 127.0.0.1:%s\r\n\r\n' "$1" >&3
    IFS= read -r -t 2 line <&3 && printf '%s' "$line"
  ) || return 1
  [[ $line =~ ^HTTP/[0-9.]+\ 200 ]]
}

write_swift_conf() { # write_swift_conf DIR
  cat >"$1/etc/swift.conf" <<EOF
$MARKER (scripts/swift.sh): a throwaway Swift, removed by 'swift.sh stop'
[swift-hash]
swift_hash_path_suffix = ferry-test-suffix
swift_hash_path_prefix = ferry-test-prefix

[storage-policy:0]
name = Policy-0
default = yes

[swift-constraints]
# Swift's default 256 answers a 300-byte metadata value with a 500; S3 allows 2 KB of metadata.
max_meta_value_length = 2048
EOF
}

START_DIR="" START_OK=""
start_cleanup() { # EXIT trap of `start`: whatever went wrong, leave no server (nor data in memory) behind
  if [[ -n $START_DIR && -z $START_OK ]]; then
    stop_server "$START_DIR"
    remove_data "$START_DIR"
  fi
}

cmd_start() {
  local dir=${1:-} t0 pid port deadline launch status
  [[ -n $dir && $# -eq 1 ]] || usage
  # (importing swift here to check would cost a second; swift_server.py says so if it cannot)
  [[ -x $PYTHON ]] || die "$PYTHON not found ($INSTALL)"
  mkdir -p "$dir"
  dir=$(cd "$dir" && pwd -P)
  [[ -z $(ls -A "$dir") ]] || die "$dir is not empty"
  t0=$(now_ms)
  START_DIR=$dir
  trap start_cleanup EXIT
  trap 'say "interrupted"; exit 130' INT TERM
  mkdir -p "$dir/etc" "$dir/log"
  write_swift_conf "$dir"
  make_data "$dir"

  # swift_server.py puts itself in its own session; bash execs it, so $! is python.
  # EVENTLET_NO_GREENDNS: every address is 127.0.0.1, and greendns imports dnspython (~1 s of start-up).
  FERRY_SWIFT_SECRET_KEY=$SECRET_KEY FERRY_SWIFT_INSTALL=$INSTALL EVENTLET_NO_GREENDNS=yes "$PYTHON" "$SERVER" "$dir" \
    </dev/null >"$dir/log/swift.log" 2>&1 &
  launch=$!
  echo "$launch" >"$dir/launch.pid"

  deadline=$(($(date +%s) + START_TIMEOUT))
  port=""
  while :; do
    pid=$(server_pid "$dir")
    if [[ -z $pid ]]; then
      # It is our child: its exit status (or the signal that ended it) says what the log may not.
      status=0
      wait "$launch" 2>/dev/null || status=$?
      if ((status > 128)); then status="signal $((status - 128))"; else status="exit status $status"; fi
      say "the Swift server exited ($status); $dir/log/swift.log (last 30 lines):"
      tail -n 30 "$dir/log/swift.log" >&2 || true
      return 1
    fi
    [[ -z $port && -s $dir/ports ]] && port=$(sed -n 's/^proxy //p' "$dir/ports")
    [[ -n $port ]] && healthcheck "$port" && break
    if (($(date +%s) >= deadline)); then
      say "no answer within ${START_TIMEOUT}s; $dir/log/swift.log (last 30 lines):"
      tail -n 30 "$dir/log/swift.log" >&2 || true
      return 1
    fi
    sleep 0.05
  done
  rm -f "$dir/launch.pid"

  local env
  env=$(printf '%s\n' \
    "FERRY_SWIFT_ENDPOINT=http://127.0.0.1:$port" \
    "FERRY_SWIFT_ACCESS_KEY=$ACCESS_KEY" \
    "FERRY_SWIFT_SECRET_KEY=$SECRET_KEY" \
    "FERRY_SWIFT_REGION=$REGION")
  printf '%s\n' "$env" >"$dir/env"
  START_OK=1
  local ms=$(($(now_ms) - t0))
  say "Swift ready in $((ms / 1000)).$(printf '%02d' $((ms % 1000 / 10)))s at http://127.0.0.1:$port ($dir)"
  printf '%s\n' "$env"
}

SANDBOX_DIR=""
sandbox_cleanup() { # on Ctrl-C, SIGTERM or any exit: stop by PID, remove the dir
  trap - INT TERM EXIT
  if [[ -n $SANDBOX_DIR ]]; then say "stopping"; cmd_stop "$SANDBOX_DIR" || true; fi
}

cmd_sandbox() {
  local base=${XDG_CACHE_HOME:-${HOME:-/tmp}/.cache} out endpoint pid
  mkdir -p "$base"
  SANDBOX_DIR=$(mktemp -d "$base/ferry-swift-sandbox-XXXX")
  trap 'sandbox_cleanup; exit 0' INT TERM
  trap 'sandbox_cleanup' EXIT
  out=$(cmd_start "$SANDBOX_DIR") || { rm -rf -- "$SANDBOX_DIR"; SANDBOX_DIR=""; exit 1; }
  endpoint=$(sed -n 's/^FERRY_SWIFT_ENDPOINT=//p' <<<"$out")
  cat <<EOF

  Ferry sandbox: OpenStack Swift with its S3 API on this machine, gone when you press Ctrl-C.

    endpoint     $endpoint   (path-style)
    access key   $ACCESS_KEY
    secret key   $SECRET_KEY
    region       $REGION
    data, log    $SANDBOX_DIR

  For aws, rclone, s3cmd or Ferry in another shell, paste:

export AWS_ENDPOINT_URL=$endpoint AWS_ACCESS_KEY_ID=$ACCESS_KEY AWS_SECRET_ACCESS_KEY=$SECRET_KEY AWS_REGION=$REGION
$(sed 's/^/export /' <<<"$out")

  Press Ctrl-C to stop.
EOF
  pid=$(server_pid "$SANDBOX_DIR")
  while [[ -n $pid ]] && pid_alive "$pid" "$SANDBOX_DIR"; do
    sleep 1 &
    wait $! || true
  done
  say "the Swift server exited unexpectedly; $SANDBOX_DIR/log/swift.log (last 30 lines):"
  tail -n 30 "$SANDBOX_DIR/log/swift.log" >&2 || true
  exit 1
}

case ${1:-} in
  start) shift; cmd_start "$@" ;;
  stop) shift; cmd_stop "$@" ;;
  sandbox) shift; (($# == 0)) || usage; cmd_sandbox ;;
  *) usage ;;
esac
