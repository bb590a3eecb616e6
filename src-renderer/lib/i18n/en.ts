/** English catalogue: the source of truth for message keys. `{name}` marks a parameter. */
export const en = {
  'app.title': 'Ferry',
  'app.connections': 'Connections',
  'app.loading': 'Loading…',
  'app.retry': 'Retry',
  'app.dismiss': 'Dismiss',
  'app.language': 'Language',
  'profiles.empty.title': 'No connections yet',
  'profiles.empty.body':
    'Start Ferry with AWS_ENDPOINT_URL, AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY set to open a server.',
  'buckets.title': 'Buckets',
  'buckets.count': '{count} buckets',
  'buckets.empty.title': 'No buckets here',
  'buckets.empty.body': 'This connection has no buckets yet. Create one with ferry mb s3://name.',
  'buckets.created': 'Created {date}',
  'buckets.choose': 'Choose a connection to see its buckets.',
  'error.title': 'Something went wrong',
  'keychain.insecure.title': 'Saved secret keys are not protected',
  'keychain.insecure.basic':
    'No keyring was found, so Ferry saves secret keys with a fixed key that anyone who can read your files can undo. Install and unlock GNOME Keyring or KWallet, then restart Ferry.',
  'keychain.insecure.none':
    'No system keychain is available, so Ferry cannot save secret keys. Start GNOME Keyring or KWallet and restart Ferry.',
} as const;

export type MessageKey = keyof typeof en;
