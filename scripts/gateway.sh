#!/usr/bin/env bash
# Throwaway single-node Ceph RADOS Gateway (S3) on 127.0.0.1, for tests and manual use.
#
#   gateway.sh start DIR [--bluestore]   start one; prints FERRY_GATEWAY_* lines (also in DIR/env)
#   gateway.sh stop DIR                  stop it by the PIDs in DIR/*.pid, then remove DIR
#   gateway.sh sandbox                   start one in ~/.cache/ferry-sandbox-XXXX, stay until Ctrl-C
#
# Everything (data, logs, sockets, pid files) lives in DIR, ports are picked free, so any number of
# gateways can run side by side. Needs the Debian packages ceph-mon ceph-osd radosgw ceph-common.
# FERRY_GATEWAY_TIMEOUT (seconds, default 60) bounds the wait for radosgw to answer.
# FERRY_GATEWAY_DEBUG=1 keeps Ceph's default debug logging (off otherwise: see debug_levels).
set -euo pipefail

readonly ACCESS_KEY=FERRYTESTACCESSKEY01
readonly SECRET_KEY=ferry-test-secret-key-0123456789abcdefghij
readonly REGION=us-east-1
readonly MARKER='# ferry-gateway'   # first line of our ceph.conf: `stop` refuses to rm -rf anything else
readonly START_TIMEOUT=${FERRY_GATEWAY_TIMEOUT:-60}

say() { printf 'gateway: %s\n' "$*" >&2; }
die() { say "$*"; exit 1; }
now_ms() { local t; t=$(date +%s%N); echo $((t / 1000000)); }

usage() {
  cat >&2 <<'EOF'
usage: gateway.sh start DIR [--bluestore]
       gateway.sh stop DIR
       gateway.sh sandbox
EOF
  exit 2
}

# ---------------------------------------------------------------------------------------------
# Ports: a random port in 20000-31999 that nothing on this machine holds. That range sits below
# the kernel's ephemeral range (32768+) and above Ceph's OSD range (6800-7300), so outgoing
# connections and OSDs of other gateways cannot take it between our choice and the bind. The
# remaining race (two gateways picking the same port at the same instant) is handled by retrying.
pick_ports() { # pick_ports N -> N distinct free ports on stdout
  local used=' ' line local_addr p n=$1 picked=' ' tries=0
  while read -r line; do
    local_addr=${line#*: }; local_addr=${local_addr%% *}
    used+="$((16#${local_addr##*:})) "
  done < <(tail -q -n +2 /proc/net/tcp /proc/net/tcp6 2>/dev/null || true)
  while ((n > 0)); do
    ((++tries < 1000)) || die "no free port found"
    p=$((20000 + (RANDOM * 32768 + RANDOM) % 12000))
    [[ $used == *" $p "* || $picked == *" $p "* ]] && continue
    picked+="$p "; n=$((n - 1))
  done
  echo $picked
}

# ---------------------------------------------------------------------------------------------
# Ceph's default debug levels (e.g. rgw 1/5, osd 1/5, rocksdb 4/5) write a log line per request and
# format up to level 5 into an in-memory ring for crash dumps. On this 2-core machine that cost the
# daemons 2.7-2.9 s of CPU per 1,000 64 KiB PUTs; at 0/0, 2.2-2.4 s (measured by their /proc stat
# around `ferry cp -r`). Errors still reach the logs: derr is not subject to these levels.
debug_levels() {
  [[ ${FERRY_GATEWAY_DEBUG:-} == 1 ]] && return 0
  local s
  for s in asok auth bdev bluefs bluestore finisher journal memstore mon monc ms objclass \
    objecter osd paxos prioritycache rados rgw rocksdb throttle; do
    echo "debug $s = 0/0"
  done
}

write_conf() { # write_conf DIR MON_PORT RGW_PORT BACKEND
  local dir=$1 mon_port=$2 rgw_port=$3 backend=$4 fsid
  fsid=$(cat /proc/sys/kernel/random/uuid)
  cat >"$dir/ceph.conf" <<EOF
$MARKER (scripts/gateway.sh): a throwaway single-node cluster, removed by 'gateway.sh stop'
[global]
fsid = $fsid
mon host = [v2:127.0.0.1:$mon_port]
mon initial members = a
public addr = 127.0.0.1
cluster addr = 127.0.0.1
# msgr2 only: one port per endpoint, nothing on 0.0.0.0
ms bind msgr1 = false
ms bind msgr2 = true
# no cephx: nothing to leak, nothing to set up. 'crc' because auth none cannot do 'secure',
# which radosgw (a client daemon) would otherwise insist on towards the mon.
auth cluster required = none
auth service required = none
auth client required = none
auth supported = none
ms mon client mode = crc
ms mon service mode = crc
ms mon cluster mode = crc
ms client mode = crc
ms service mode = crc
ms cluster mode = crc
# everything inside DIR
run dir = $dir/run
admin socket = $dir/run/\$name.asok
pid file = $dir/\$name.pid
log file = $dir/log/\$name.log
mon cluster log file = $dir/log/cluster.log
crash dir = $dir/crash
keyring = $dir/keyring
log to syslog = false
err to syslog = false
clog to syslog = false
# one OSD: size 1, few PGs, no autoscaler (there is no mgr)
osd pool default size = 1
osd pool default min size = 1
osd pool default pg num = 8
osd pool default pgp num = 8
osd pool default pg autoscale mode = off
osd crush chooseleaf type = 0
mon allow pool size one = true
mon allow pool delete = true
mon warn on pool no redundancy = false
mon max pg per osd = 1000
mon data avail warn = 2
mon data avail crit = 1
$(debug_levels)

[mon]
mon data = $dir/mon.\$id
# one bind attempt: a taken port fails at once (default: 3 tries 5 s apart), start then retries
ms bind retry count = 1
# propose quickly: every map change (OSD boot, pool creation) waits for this
paxos propose interval = 0.05
mon osd auto mark in = true
mon osd auto mark new in = true

[osd]
osd data = $dir/osd.\$id
# the OSD is preloaded into the initial osdmap and the CRUSH map; skip the start-up mon commands
osd crush update on start = false
osd class update on start = false
# on SIGTERM the OSD waits this long for the mon to acknowledge that it is going down
osd mon shutdown timeout = 2
EOF
  if [[ $backend == bluestore ]]; then
    cat >>"$dir/ceph.conf" <<EOF
osd objectstore = bluestore
# a sparse file in DIR; only what is written takes disk space
bluestore block create = true
bluestore block size = 21474836480
bluestore block db create = false
bluestore block wal create = false
bluestore fsck on mkfs = false
bluestore fsck on mount = false
osd memory target = 1073741824
# the aio thread polls at this period and every close of the block file waits for it: the
# default 250 ms, paid ~10 times during mkfs and mount, made start-up 4.5 s instead of 1.9 s
bdev aio poll ms = 10
EOF
  else
    cat >>"$dir/ceph.conf" <<EOF
osd objectstore = memstore
# an upper bound, not an allocation: RAM is used as objects are written
memstore device bytes = 4294967296
EOF
  fi
  cat >>"$dir/ceph.conf" <<EOF

[client]
# read by radosgw and radosgw-admin alike
rgw data = $dir/rgw
rgw init timeout = 60
rgw max put size = 5368709120
rgw user max buckets = 10000
rgw enable usage log = false
rgw enable ops log = false
rgw crypt require ssl = false
# rgw dns name stays unset: path-style addressing only
rgw thread pool size = 128
# The lifecycle worker sleeps in 5 s steps and holds up a SIGTERM for up to ~9 s. Lifecycle
# rules are still stored and returned; only their background execution is off.
rgw enable lc threads = false
# cache-invalidation objects radosgw watches (default 8): one gateway needs few, each costs start-up
rgw num control oids = 2

[client.rgw]
rgw frontends = beast endpoint=127.0.0.1:$rgw_port tcp_nodelay=1
EOF
}

# ---------------------------------------------------------------------------------------------
# Process handling. A PID is ours only if its command line names DIR/ceph.conf: that guards
# against a recycled PID and means we never touch another gateway's (or anybody's) daemons.
pid_alive() { # pid_alive PID DIR (builtins only: `stop` checks every process on the machine)
  local stat arg args=()
  read -r stat 2>/dev/null <"/proc/$1/stat" || return 1
  stat=${stat##*) }
  [[ ${stat%% *} != Z ]] || return 1           # a zombie is dead, it only waits for its reaper
  mapfile -d '' args 2>/dev/null <"/proc/$1/cmdline" || return 1
  for arg in "${args[@]}"; do [[ $arg == "$2/ceph.conf" ]] && return 0; done
  return 1
}

daemon_pids() { # daemon_pids DIR [NAME...] -> PIDs from pid files (default: all) + strays of DIR
  local dir=$1 f p; shift
  local names=("$@")
  if ((${#names[@]} == 0)); then
    for f in "$dir"/*.pid; do [[ -e $f ]] && names+=("$(basename "$f" .pid)"); done
  fi
  for f in "${names[@]}"; do
    p=$(cat "$dir/$f.pid" 2>/dev/null || true)
    [[ $p =~ ^[0-9]+$ ]] && pid_alive "$p" "$dir" && echo "$p"
  done
  if (($# == 0)); then
    # a daemon that died before writing its pid file, or whose file is gone: find it by DIR
    for f in /proc/[0-9]*; do
      p=${f#/proc/}
      [[ $p != "$$" ]] && pid_alive "$p" "$dir" && echo "$p"
    done
  fi
  return 0
}

kill_wait() { # kill_wait DIR SECONDS PID... : SIGTERM, wait, then SIGKILL what is left
  local dir=$1 secs=$2 p i left=("${@:3}"); shift 2
  (($# > 0)) || return 0
  ((secs == 0)) || kill -TERM "$@" 2>/dev/null || true
  for ((i = 0; i < secs * 20; i++)); do
    left=()
    for p in "$@"; do pid_alive "$p" "$dir" && left+=("$p"); done
    ((${#left[@]} == 0)) && return 0
    sleep 0.05
  done
  kill -KILL "${left[@]}" 2>/dev/null || true
  for ((i = 0; i < 40; i++)); do
    left=()
    for p in "$@"; do pid_alive "$p" "$dir" && left+=("$p"); done
    ((${#left[@]} == 0)) && return 0
    sleep 0.05
  done
}

stop_daemons() { # stop_daemons DIR [now] : ~0.3 s normally, ~5 s at worst; 'now' = SIGKILL at once
  local dir=$1 t_rgw=2 t_osd=2 t_rest=1
  # after a failed start there is nothing worth a clean shutdown, and a half-started radosgw
  # can take seconds to give up
  [[ ${2:-} == now ]] && t_rgw=0 t_osd=0 t_rest=0
  # One at a time, clients first: radosgw's shutdown needs the OSD (it unwatches objects) and
  # the OSD's needs the mon (it reports itself down); stopped together they hang until SIGKILL.
  # shellcheck disable=SC2046
  kill_wait "$dir" $t_rgw $(daemon_pids "$dir" client.rgw)
  # shellcheck disable=SC2046
  kill_wait "$dir" $t_osd $(daemon_pids "$dir" osd.0)
  # shellcheck disable=SC2046
  kill_wait "$dir" $t_rest $(daemon_pids "$dir" | sort -u)
}

cmd_stop() {
  local dir=${1:-}
  [[ -n $dir ]] || usage
  [[ -d $dir ]] || return 0
  dir=$(cd "$dir" && pwd -P)
  if [[ -f $dir/ceph.conf ]]; then
    head -n1 "$dir/ceph.conf" | grep -qF -- "$MARKER" || die "$dir/ceph.conf is not ours; not touching $dir"
    stop_daemons "$dir"
  elif [[ -n $(ls -A "$dir") ]]; then
    die "$dir holds no gateway; not removing it"
  fi
  rm -rf -- "$dir"
}

# ---------------------------------------------------------------------------------------------
http_status() { # http_status PORT -> the status code of an anonymous GET /, or fails
  local line
  line=$(
    exec 2>/dev/null
    exec 3<>"/dev/tcp/127.0.0.1/$1" || exit 1
    printf 'GET / HTTP/1.0\r\nHost: 127.0.0.1:%s\r\n\r\n' "$1" >&3
    IFS= read -r -t 2 line <&3 && printf '%s' "$line"
  ) || return 1
  [[ $line =~ ^HTTP/[0-9.]+\ ([0-9]{3}) ]] || return 1
  echo "${BASH_REMATCH[1]}"
}

FAIL_LOGS=""   # the logs that explain the step that failed, relative to DIR/log
failed() { # failed MESSAGE LOG... : note what broke and where to look; always returns 1
  say "$1"; shift
  FAIL_LOGS="$*"
  return 1
}

show_logs() { # show_logs DIR : the tails that explain a failed start
  local dir=$1 f
  local -a files=()
  for f in $FAIL_LOGS; do files+=("$dir/log/$f"); done
  ((${#files[@]})) || files=("$dir"/log/*.log "$dir"/log/*.stderr)
  for f in "${files[@]}"; do
    [[ -s $f && $f != *cluster.log ]] || continue
    say "--- ${f#"$dir"/} (last 20 lines)"
    tail -n 20 "$f" >&2
  done
}

is_bind_failure() { # did the last attempt lose a port race?
  grep -qsE 'Address already in use|unable to bind|failed to bind' "$1"/log/* 2>/dev/null
}

start_once() { # start_once DIR BACKEND -> 0 ready, 1 failed; sets RGW_PORT
  local dir=$1 backend=$2 mon_port deadline
  FAIL_LOGS=""
  read -r mon_port RGW_PORT < <(pick_ports 2)
  [[ -n $RGW_PORT ]] || failed "could not pick ports" || return 1
  mkdir -p "$dir/log" "$dir/run" "$dir/crash" "$dir/rgw" "$dir/mon.a" "$dir/osd.0" || return 1
  write_conf "$dir" "$mon_port" "$RGW_PORT" "$backend" || return 1
  local conf=$dir/ceph.conf

  # The initial osdmap already holds osd.0 (in CRUSH, weight 1), so no 'ceph osd new' round
  # trips through the slow python CLI are needed; the mon adopts the OSD's uuid when it boots.
  { monmaptool --create --clobber --fsid "$(sed -n 's/^fsid = //p' "$conf")" \
      --addv a "[v2:127.0.0.1:$mon_port]" "$dir/monmap" &&
    osdmaptool -c "$conf" --createsimple 1 --clobber "$dir/osdmap"; } >"$dir/log/maps.out" 2>&1 ||
    failed "monmaptool/osdmaptool failed" maps.out || return 1
  ceph-osd -c "$conf" -i 0 --mkfs --no-mon-config --osd-uuid "$(cat /proc/sys/kernel/random/uuid)" \
    </dev/null >"$dir/log/osd-mkfs.out" 2>&1 &
  local osd_mkfs=$!
  ceph-mon -c "$conf" -i a --mkfs --monmap "$dir/monmap" --osdmap "$dir/osdmap" \
    </dev/null >"$dir/log/mon-mkfs.out" 2>&1 || { wait "$osd_mkfs" || true; failed "ceph-mon --mkfs failed" mon-mkfs.out mon.a.log; return 1; }
  wait "$osd_mkfs" || failed "ceph-osd --mkfs failed" osd-mkfs.out osd.0.log || return 1

  # Daemons fork into their own session (so a Ctrl-C at the sandbox prompt does not reach them)
  # and write DIR/<name>.pid themselves. ceph-osd only returns once its init is done (~0.4 s), so
  # it runs in the background while radosgw starts too: radosgw simply waits for the OSD.
  ceph-mon -c "$conf" -i a </dev/null >"$dir/log/mon.a.stderr" 2>&1 ||
    failed "ceph-mon failed to start" mon.a.stderr mon.a.log || return 1
  ceph-osd -c "$conf" -i 0 </dev/null >"$dir/log/osd.0.stderr" 2>&1 &
  local osd_start=$!
  radosgw -c "$conf" -n client.rgw </dev/null >"$dir/log/client.rgw.stderr" 2>&1 ||
    failed "radosgw failed to start" client.rgw.stderr client.rgw.log || return 1
  wait "$osd_start" || failed "ceph-osd failed to start" osd.0.stderr osd.0.log || return 1

  # Ready = radosgw answers HTTP. Its pid file appears a moment after the fork and is removed
  # when it exits (a lost port race ends like that), so remember the PID once seen.
  local rgw_pid="" rgw_log=$dir/log/client.rgw.log
  deadline=$(($(date +%s) + START_TIMEOUT))
  while :; do
    if [[ -z $rgw_pid ]]; then
      rgw_pid=$(cat "$dir/client.rgw.pid" 2>/dev/null || true)
      [[ $rgw_pid =~ ^[0-9]+$ ]] || rgw_pid=""
    fi
    if { [[ -n $rgw_pid ]] && ! pid_alive "$rgw_pid" "$dir"; } ||
      grep -qsF 'failed initializing frontend' "$rgw_log"; then
      failed "radosgw exited" client.rgw.stderr client.rgw.log || return 1
    fi
    [[ -n $rgw_pid ]] && http_status "$RGW_PORT" >/dev/null && break
    (($(date +%s) < deadline)) ||
      failed "radosgw did not answer within ${START_TIMEOUT}s" client.rgw.log osd.0.log mon.a.log || return 1
    sleep 0.05
  done

  # radosgw has created the zone and its pools by now, so this does not race with it.
  radosgw-admin -c "$conf" user create --uid ferry --display-name "Ferry Test" \
    --access-key "$ACCESS_KEY" --secret-key "$SECRET_KEY" </dev/null >"$dir/log/user.out" 2>&1 ||
    failed "radosgw-admin user create failed" user.out client.admin.log || return 1
  local name
  for name in mon.a osd.0 client.rgw; do
    [[ -s $dir/$name.pid ]] || failed "no pid file for $name" "$name.log" || return 1
  done
}

START_DIR="" START_OK=""
start_cleanup() { # EXIT trap of `start`: whatever went wrong, leave no daemon behind
  if [[ -n $START_DIR && -z $START_OK ]]; then stop_daemons "$START_DIR" now; fi
}

cmd_start() {
  local dir=${1:-} backend=memstore t0 attempt
  [[ -n $dir ]] || usage
  shift
  while (($#)); do
    case $1 in
      --bluestore) backend=bluestore ;;
      --memstore) backend=memstore ;;
      *) usage ;;
    esac
    shift
  done
  local bin
  for bin in ceph-mon ceph-osd radosgw radosgw-admin monmaptool osdmaptool; do
    command -v "$bin" >/dev/null || die "$bin not found (apt-get install ceph-mon ceph-osd radosgw ceph-common)"
  done
  mkdir -p "$dir"
  dir=$(cd "$dir" && pwd -P)
  [[ -z $(ls -A "$dir") ]] || die "$dir is not empty"
  t0=$(now_ms)
  START_DIR=$dir
  trap start_cleanup EXIT
  trap 'say "interrupted"; exit 130' INT TERM

  for attempt in 1 2 3; do
    if start_once "$dir" "$backend"; then
      local env
      env=$(printf '%s\n' \
        "FERRY_GATEWAY_ENDPOINT=http://127.0.0.1:$RGW_PORT" \
        "FERRY_GATEWAY_ACCESS_KEY=$ACCESS_KEY" \
        "FERRY_GATEWAY_SECRET_KEY=$SECRET_KEY" \
        "FERRY_GATEWAY_REGION=$REGION")
      printf '%s\n' "$env" >"$dir/env"
      START_OK=1
      local ms=$(($(now_ms) - t0))
      say "$backend gateway ready in $((ms / 1000)).$(printf '%02d' $((ms % 1000 / 10)))s at http://127.0.0.1:$RGW_PORT ($dir)"
      printf '%s\n' "$env"
      return 0
    fi
    if ((attempt < 3)) && is_bind_failure "$dir"; then
      say "port taken, retrying with other ports"
      stop_daemons "$dir" now
      find "$dir" -mindepth 1 -delete
      continue
    fi
    break
  done
  say "start failed; logs kept in $dir/log"
  show_logs "$dir"
  return 1   # the EXIT trap stops what was started
}

# ---------------------------------------------------------------------------------------------
SANDBOX_DIR=""
sandbox_cleanup() { # on Ctrl-C, SIGTERM or any exit: stop by PID, remove the dir
  trap - INT TERM EXIT
  if [[ -n $SANDBOX_DIR ]]; then say "stopping"; cmd_stop "$SANDBOX_DIR" || true; fi
}

cmd_sandbox() {
  local base=${XDG_CACHE_HOME:-${HOME:-/tmp}/.cache} out endpoint rgw_pid
  mkdir -p "$base"
  SANDBOX_DIR=$(mktemp -d "$base/ferry-sandbox-XXXX")
  trap 'sandbox_cleanup; exit 0' INT TERM
  trap 'sandbox_cleanup' EXIT
  out=$(cmd_start "$SANDBOX_DIR") || { rm -rf -- "$SANDBOX_DIR"; SANDBOX_DIR=""; exit 1; }
  endpoint=$(sed -n 's/^FERRY_GATEWAY_ENDPOINT=//p' <<<"$out")
  cat <<EOF

  Ferry sandbox: a Ceph RADOS Gateway (S3) on this machine, gone when you press Ctrl-C.

    endpoint     $endpoint   (path-style)
    access key   $ACCESS_KEY
    secret key   $SECRET_KEY
    region       $REGION
    data, logs   $SANDBOX_DIR

  For aws, rclone, s3cmd or Ferry in another shell, paste:

export AWS_ENDPOINT_URL=$endpoint AWS_ACCESS_KEY_ID=$ACCESS_KEY AWS_SECRET_ACCESS_KEY=$SECRET_KEY AWS_REGION=$REGION
$(sed 's/^/export /' <<<"$out")

  Press Ctrl-C to stop.
EOF
  rgw_pid=$(cat "$SANDBOX_DIR/client.rgw.pid")
  # 'sleep & wait', not a bare sleep: a signal interrupts 'wait' and runs the trap at once
  while pid_alive "$rgw_pid" "$SANDBOX_DIR"; do
    sleep 1 &
    wait $! || true
  done
  say "radosgw exited unexpectedly"
  show_logs "$SANDBOX_DIR"
  exit 1
}

case ${1:-} in
  start) shift; cmd_start "$@" ;;
  stop) shift; cmd_stop "$@" ;;
  sandbox) shift; (($# == 0)) || usage; cmd_sandbox ;;
  *) usage ;;
esac
