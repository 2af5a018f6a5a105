// Run by primary-node's MongoshScriptTest against a started primary: mongosh's own handshake, then the
// diagnostic commands through mongosh's helpers. Any failed assert makes mongosh exit non-zero.
const assert = require('assert');

assert.strictEqual(db.runCommand({ ping: 1 }).ok, 1);

const hello = db.hello();
assert.strictEqual(hello.isWritablePrimary, true);
assert.strictEqual(hello.setName, 'rs0');
assert.strictEqual(hello.maxWireVersion, 21);
assert.strictEqual(hello.maxBsonObjectSize, 16 * 1024 * 1024);

assert.ok(db.version().startsWith('7.0.'), 'db.version() is ' + db.version());
assert.ok(db.serverBuildInfo().wrongodb.version.length > 0);

const dbs = db.getMongo().getDBs();
assert.ok(Array.isArray(dbs.databases));
assert.strictEqual(db.getSiblingDB('shop').getCollectionNames().length, 0);

const warnings = db.adminCommand({ getLog: 'startupWarnings' }).log.map((line) => JSON.parse(line).msg);
assert.ok(warnings.some((msg) => msg.startsWith('Access control is not enabled')));

assert.strictEqual(db.adminCommand({ getParameter: 1, featureCompatibilityVersion: 1 })
    .featureCompatibilityVersion.version, '7.0');

try {
  db.runCommand({ frobnicate: 1 });
  assert.fail('an unknown command must fail');
} catch (e) {
  assert.strictEqual(e.code, 59);
  assert.strictEqual(e.codeName, 'CommandNotFound');
}

print('WRONGODB-MONGOSH-OK');
