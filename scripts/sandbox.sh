#!/usr/bin/env bash
# `npm run sandbox` (Ceph RADOS Gateway) or `npm run sandbox -- swift` (OpenStack Swift + s3api): a
# throwaway S3 server on this machine until Ctrl-C. See scripts/gateway.sh and scripts/swift.sh.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)
case ${1:-ceph} in
  ceph) exec bash "$here/gateway.sh" sandbox ;;
  swift) exec bash "$here/swift.sh" sandbox ;;
  *)
    echo "usage: npm run sandbox [-- ceph|swift]" >&2
    exit 2
    ;;
esac
