// Reports errors with the real Node SDK (npm @sentry/node) to the service under test.
// Configured by the environment: DSN, RELEASE (optional), USER_ID (optional), VALUES (comma-separated:
// one captured TypeError per value, thrown from the same code path), MESSAGE (optional: one
// captureMessage). Exits non-zero when the SDK could not deliver.
import * as Sentry from '@sentry/node';

Sentry.init({
  dsn: process.env.DSN,
  release: process.env.RELEASE || undefined,
  environment: 'production',
  serverName: 'node-it',
});
if (process.env.USER_ID) {
  Sentry.setUser({ id: process.env.USER_ID });
}
Sentry.setTag('suite', 'it');

function parseInput(value) {
  throw new TypeError('bad input: ' + value);
}

function handle(value) {
  try {
    parseInput(value);
  } catch (e) {
    console.log(Sentry.captureException(e));
  }
}

for (const value of (process.env.VALUES || '').split(',').filter((v) => v)) {
  handle(value);
}
if (process.env.MESSAGE) {
  console.log(Sentry.captureMessage(process.env.MESSAGE, 'warning'));
}
const delivered = await Sentry.flush(10000);
process.exit(delivered ? 0 : 3);
