"""A throwaway OpenStack Swift + s3api on 127.0.0.1: all four WSGI servers in this one process.

    /usr/bin/python3 scripts/swift_server.py DIR

Started by scripts/swift.sh, which is what people and tests use. DIR must hold etc/swift.conf written by
swift.sh (its first line is the marker `stop` checks); everything else (rings, server configs, data, the
pid file) is made here, inside DIR. /etc/swift is never read: Swift finds its swift.conf through
SWIFT_CONF_FILE, and every server's swift_dir is DIR/etc.

As Swift's own in-process functional tests do, the account, container, object and proxy servers are
eventlet WSGI servers in one process (~2 s to ready, ~70 MB; one process each took 5-9 s, ~250 MB). The
listening sockets are bound on port 0 before anything else, so the kernel picks free ports and no other
server can take them; the rings are then built for those ports (part power 6, 1 replica, one device).

When ready it writes DIR/ports (`proxy PORT` ...) and DIR/swift.pid. SIGTERM or SIGINT ends it at once:
the data is throwaway, so nothing needs flushing.
"""

import os
import sys

# Its own session, so a Ctrl-C at the sandbox prompt (or a signal to the test runner's process group) does
# not reach it. Done here rather than with setsid(1), which forks when its caller leads a process group,
# and then swift.sh would watch a PID that has already exited.
try:
    os.setsid()
except OSError:
    pass  # already a session leader

# Eventlet first, as swift's own servers do (swift.common.wsgi.run_wsgi): green sockets and threads.
import eventlet
import eventlet.patcher

eventlet.patcher.monkey_patch(all=False, socket=True, select=True, thread=True)

import logging  # noqa: E402
import signal  # noqa: E402
import time  # noqa: E402

# Before anything imports swift.common.constraints or storage_policy (both read swift.conf when imported).
try:
    from swift.common import utils  # noqa: E402
except ImportError as error:
    sys.exit('swift_server.py: %s: %s (%s)' % (sys.executable, error, os.environ.get('FERRY_SWIFT_INSTALL')))

DIR = os.path.abspath(sys.argv[1])
ETC = os.path.join(DIR, 'etc')
utils.SWIFT_CONF_FILE = os.path.join(ETC, 'swift.conf')
DEBUG = os.environ.get('FERRY_SWIFT_DEBUG') == '1'


class _StderrHandler(logging.StreamHandler):
    """Stands in for Swift's syslog handler: log lines go to our stderr (DIR/log/swift.log)."""

    def __init__(self, address=None, facility=None):
        super().__init__(sys.stderr)


utils.ThreadSafeSysLogHandler = _StderrHandler


def _no_sync(*args, **kwargs):
    return None


# The data is thrown away with DIR, so durability buys nothing; Ceph's test gateway keeps its objects in
# memory for the same reason. In one process a blocking fsync() also stalls all four servers. (Patched
# before the servers' modules import these names.)
utils.fsync = utils.fdatasync = utils.fsync_dir = utils.drop_buffer_cache = _no_sync

from eventlet import wsgi  # noqa: E402
from swift.common import constraints, storage_policy  # noqa: E402
from swift.common.http_protocol import SwiftHttpProtocol  # noqa: E402
from swift.common.middleware import memcache as memcache_middleware  # noqa: E402
from swift.common.ring import RingBuilder  # noqa: E402
from swift.common.wsgi import loadapp  # noqa: E402

constraints.reload_constraints()
storage_policy.reload_storage_policies()
utils.validate_configuration()

from swift.common import db  # noqa: E402  (after swift.conf: it copies constraints when imported)

_get_db_connection = db.get_db_connection


def _get_unsynced_db_connection(*args, **kwargs):
    conn = _get_db_connection(*args, **kwargs)
    conn.execute('PRAGMA synchronous = OFF')  # see _no_sync
    return conn


db.get_db_connection = _get_unsynced_db_connection


class _LocalCache(object):
    """memcached's role, in this process: the proxy caches account/container info as it does in production.

    Same interface as swift.common.memcached.MemcacheRing (what the `cache` middleware builds), with expiry.
    """

    def __init__(self, *args, **kwargs):
        self._data = {}

    def _live(self, key):
        item = self._data.get(key)
        if item is None:
            return None
        value, expires = item
        if expires and expires < time.time():
            del self._data[key]
            return None
        return item

    @staticmethod
    def _expiry(ttl):
        ttl = float(ttl or 0)
        if ttl <= 0:
            return 0
        return ttl if ttl > 30 * 24 * 3600 else time.time() + ttl

    def get(self, key, raise_on_error=False):
        item = self._live(key)
        return None if item is None else item[0]

    def set(self, key, value, serialize=True, time=0, min_compress_len=0, raise_on_error=False):
        self._data[key] = (value, self._expiry(time))

    def incr(self, key, delta=1, time=0):
        item = self._live(key)
        value = int(item[0]) + delta if item else delta
        value = max(value, 0)
        self._data[key] = (value, item[1] if item else self._expiry(time))
        return value

    def decr(self, key, delta=1, time=0):
        return self.incr(key, -delta, time)

    def delete(self, key, server_key=None):
        self._data.pop(key, None)

    def set_multi(self, mapping, server_key, serialize=True, time=0, min_compress_len=0):
        for key, value in mapping.items():
            self.set(key, value, time=time)

    def get_multi(self, keys, server_key):
        return [self.get(key) for key in keys]


memcache_middleware.MemcacheRing = _LocalCache


def write_conf(name, text):
    with open(os.path.join(ETC, name), 'w') as f:
        f.write(text)
    return os.path.join(ETC, name)


def main():
    log_level = 'INFO' if DEBUG else 'WARNING'
    devices = os.path.join(DIR, 'srv')  # made by swift.sh (a link to /dev/shm where it can)
    os.makedirs(os.path.join(devices, 'sda1'), exist_ok=True)

    socks = {name: eventlet.listen(('127.0.0.1', 0)) for name in ('proxy', 'account', 'container', 'object')}
    ports = {name: sock.getsockname()[1] for name, sock in socks.items()}

    # The rings, as `swift-ring-builder X create 6 1 1; add ...; rebalance` would make them.
    for ring, server in (('account', 'account'), ('container', 'container'), ('object', 'object')):
        builder = RingBuilder(6, 1, 1)
        builder.add_dev({'id': 0, 'region': 1, 'zone': 1, 'ip': '127.0.0.1', 'port': ports[server],
                         'device': 'sda1', 'weight': 100})
        builder.rebalance()
        builder.get_ring().save(os.path.join(ETC, ring + '.ring.gz'))

    default = """[DEFAULT]
swift_dir = {etc}
devices = {devices}
mount_check = false
disable_fallocate = true
log_level = {level}
log_name = {name}
# One process serves all four servers, so on a busy machine a server can take seconds to answer another
# (Swift's defaults: 0.5 s to connect, 3-10 s per answer), and a timed-out container update would leave an
# object out of its listing until an updater ran (none runs here).
conn_timeout = 10
node_timeout = 60
container_update_timeout = 60
""".format
    confs = {}
    for server in ('account', 'container', 'object'):
        confs[server] = write_conf(server + '-server.conf', default(
            etc=ETC, devices=devices, level=log_level, name=server) + """
[pipeline:main]
pipeline = {server}-server

[app:{server}-server]
use = egg:swift#{server}
""".format(server=server))
    confs['proxy'] = write_conf('proxy-server.conf', default(
        etc=ETC, devices=devices, level=log_level, name='proxy') + """
[pipeline:main]
pipeline = catch_errors gatekeeper healthcheck proxy-logging cache listing_formats bulk s3api tempauth copy slo dlo versioned_writes symlink proxy-logging proxy-server

[app:proxy-server]
use = egg:swift#proxy
account_autocreate = true
# There is one device: suppressing it after a few slow answers (10 errors -> 60 s of 503s) helps nobody.
error_suppression_interval = 0

[filter:catch_errors]
use = egg:swift#catch_errors

[filter:gatekeeper]
use = egg:swift#gatekeeper

[filter:healthcheck]
use = egg:swift#healthcheck

[filter:proxy-logging]
use = egg:swift#proxy_logging

[filter:cache]
use = egg:swift#memcache

[filter:listing_formats]
use = egg:swift#listing_formats

[filter:bulk]
use = egg:swift#bulk

[filter:s3api]
use = egg:swift#s3api
location = us-east-1

[filter:tempauth]
use = egg:swift#tempauth
user_test_tester = {secret} .admin
# A user of the same account with no rights on its buckets: Swift has no bucket policies, so this is how
# tests see an AccessDenied there.
user_test_reader = ferry-swift-reader-secret

[filter:copy]
use = egg:swift#copy

[filter:slo]
use = egg:swift#slo

[filter:dlo]
use = egg:swift#dlo

[filter:versioned_writes]
use = egg:swift#versioned_writes
allow_object_versioning = true

[filter:symlink]
use = egg:swift#symlink
""".format(secret=os.environ['FERRY_SWIFT_SECRET_KEY']))

    apps = {name: loadapp(conf, global_conf={'log_name': name}) for name, conf in confs.items()}

    def stop(signum, frame):
        os._exit(0)

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)

    for name, app in apps.items():
        eventlet.spawn(wsgi.server, socks[name], app, utils.NullLogger(), protocol=SwiftHttpProtocol,
                       custom_pool=eventlet.GreenPool(1024), socket_timeout=60,
                       # as swift.common.wsgi.run_server: AWS SDKs need "ETag", not "Etag"
                       capitalize_response_headers=False)

    with open(os.path.join(DIR, 'swift.pid.tmp'), 'w') as f:
        f.write('%d\n' % os.getpid())
    os.rename(os.path.join(DIR, 'swift.pid.tmp'), os.path.join(DIR, 'swift.pid'))
    with open(os.path.join(DIR, 'ports.tmp'), 'w') as f:
        f.write(''.join('%s %d\n' % item for item in ports.items()))
    os.rename(os.path.join(DIR, 'ports.tmp'), os.path.join(DIR, 'ports'))

    while True:
        eventlet.sleep(3600)


if __name__ == '__main__':
    main()
